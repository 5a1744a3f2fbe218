package com.dataquality.dqs.generate;

import java.util.List;

/**
 * Column layout of the generated CSV. The order is a plausible export's, not the contract's, and
 * {@code executed_by} is a column the product does not know: both are tolerated by the contract.
 */
final class Columns {
    private Columns() {}

    static final int CONTEXT_ID = 0;
    static final int BUSINESS_DATE = 1;
    static final int SOURCE = 2;
    static final int TENANT_ID = 3;
    static final int DATASET_UUID = 4;
    static final int DATASET_NAME = 5;
    static final int RULE_CODE = 6;
    static final int LEVEL = 7;
    static final int ATTRIBUTE = 8;
    static final int RESULTS = 9;
    static final int DATASET_RECORD_COUNT = 10;
    static final int FILTERED_RECORD_COUNT = 11;
    static final int EXECUTED_BY = 12;

    static final List<String> HEADER =
            List.of(
                    "context_id",
                    "business_date",
                    "source",
                    "tenant_id",
                    "dataset_uuid",
                    "dataset_name",
                    "rule_code",
                    "level_of_execution",
                    "attribute_name",
                    "results",
                    "dataset_record_count",
                    "filtered_record_count",
                    "executed_by");

    static final int COUNT = HEADER.size();
}
