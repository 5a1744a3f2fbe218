package com.dataquality.dqs.record;

/** Why a record went to the dead-letter output (CONTRACT.md §1). Exactly one per record. */
public enum RejectReason {
    /** Cannot be split into the header's columns (or, on Kafka, is not a JSON object). */
    MALFORMED_ROW,
    MISSING_FIELD,
    INVALID_RULE_CODE,
    INVALID_DATE,
    /** {@code results} is not JSON, or holds neither {@code status} nor {@code result}. */
    INVALID_RESULTS,
    UNKNOWN_STATUS,
    /** A record count that is negative or not an integer. */
    INVALID_COUNT
}
