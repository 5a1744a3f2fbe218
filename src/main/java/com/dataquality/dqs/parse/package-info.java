/**
 * Parsing and validation of input records (CONTRACT.md §1) and rule metadata (§2), free of Flink.
 *
 * <p>Both input paths end in {@link com.dataquality.dqs.parse.RecordValidator}, so a record means
 * the same thing from a CSV file and from Kafka. One reason per rejected record, the first that
 * applies: {@code MALFORMED_ROW} (decided by the reader), {@code MISSING_FIELD}, {@code
 * INVALID_RULE_CODE}, {@code INVALID_DATE}, {@code INVALID_RESULTS}, {@code UNKNOWN_STATUS}, {@code
 * INVALID_COUNT}. The per-record path uses no regular expressions, no exceptions and no JSON trees:
 * {@link com.dataquality.dqs.parse.CsvRecordReader} scans bytes and the {@code results} field goes
 * through a small hand-written scanner. Imports {@code record} only (and the root package's text
 * helpers).
 *
 * <p>Text from outside becomes Java strings here, and leaves well-formed (see {@link
 * com.dataquality.dqs.UnicodeText}): a CSV field the reader uses whose bytes are not UTF-8 is a
 * {@code MALFORMED_ROW}; a JSON escape of half a surrogate pair becomes U+FFFD (in the status, an
 * {@code UNKNOWN_STATUS}). Checks of rare cases stay out of the per-record loop: the UTF-8 check
 * runs only for a value holding U+FFFD.
 */
package com.dataquality.dqs.parse;
