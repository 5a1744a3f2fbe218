package com.dataquality.dqs.parse;

import java.util.List;
import java.util.Locale;

/**
 * The twelve input fields of CONTRACT.md §1, by canonical index. The first {@link #REQUIRED} are
 * required. CSV headers and JSON keys are matched against {@link #NAMES} trimmed and
 * case-insensitively.
 */
public final class Columns {
    public static final int SOURCE = 0;
    public static final int TENANT_ID = 1;
    public static final int DATASET_UUID = 2;
    public static final int DATASET_NAME = 3;
    public static final int RULE_CODE = 4;
    public static final int BUSINESS_DATE = 5;
    public static final int RESULTS = 6;
    public static final int DATASET_RECORD_COUNT = 7;
    public static final int FILTERED_RECORD_COUNT = 8;
    public static final int LEVEL_OF_EXECUTION = 9;
    public static final int ATTRIBUTE_NAME = 10;
    public static final int CONTEXT_ID = 11;

    /** Number of fields. */
    public static final int COUNT = 12;

    /** Fields with an index below this are required. */
    public static final int REQUIRED = 7;

    /** Field names in canonical order: also the header the generator and tests write. */
    public static final List<String> NAMES =
            List.of(
                    "source",
                    "tenant_id",
                    "dataset_uuid",
                    "dataset_name",
                    "rule_code",
                    "business_date",
                    "results",
                    "dataset_record_count",
                    "filtered_record_count",
                    "level_of_execution",
                    "attribute_name",
                    "context_id");

    private Columns() {}

    /** Canonical index of a header name or JSON key, or -1 when it is not one of ours. */
    public static int indexOf(String name) {
        int exact = exactIndexOf(name);
        return exact >= 0 ? exact : exactIndexOf(name.trim().toLowerCase(Locale.ROOT));
    }

    private static int exactIndexOf(String name) {
        return switch (name) {
            case "source" -> SOURCE;
            case "tenant_id" -> TENANT_ID;
            case "dataset_uuid" -> DATASET_UUID;
            case "dataset_name" -> DATASET_NAME;
            case "rule_code" -> RULE_CODE;
            case "business_date" -> BUSINESS_DATE;
            case "results" -> RESULTS;
            case "dataset_record_count" -> DATASET_RECORD_COUNT;
            case "filtered_record_count" -> FILTERED_RECORD_COUNT;
            case "level_of_execution" -> LEVEL_OF_EXECUTION;
            case "attribute_name" -> ATTRIBUTE_NAME;
            case "context_id" -> CONTEXT_ID;
            default -> -1;
        };
    }

    static String name(int index) {
        return NAMES.get(index);
    }
}
