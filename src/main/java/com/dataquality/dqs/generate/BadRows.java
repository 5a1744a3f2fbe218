package com.dataquality.dqs.generate;

import com.dataquality.dqs.record.RejectReason;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a valid row into a row with exactly one defect of a given kind, the way broken exports
 * really look. Each corruption is unambiguous under CONTRACT.md §1, so a parser must reject the row
 * with that reason and no other; the generation report counts them per reason.
 */
final class BadRows {
    private BadRows() {}

    /** Reasons in the order bad rows cycle through them, so their counts differ by at most 1. */
    static final List<RejectReason> REASONS = List.of(RejectReason.values());

    private static final int[] REQUIRED = {
        Columns.SOURCE, Columns.TENANT_ID, Columns.DATASET_UUID, Columns.DATASET_NAME
    };
    private static final String[] RULE_CODES = {"ABC", "R1O1", "RX", "rule_seven"};
    private static final String[] RESULTS = {
        "not json", "{\"foo\":1}", "{\"status\": }", "{\"details\": {\"failed_records\": 3}}"
    };
    private static final String[] STATUSES = {"Error", "SKIPPED", "n/a", "Timeout"};
    private static final String[] COUNTS = {"-5", "12.5", "n/a", "1,000", "-1"};

    /**
     * Returns the fields of the defective row; its length differs from the header's only for {@link
     * RejectReason#MALFORMED_ROW}.
     */
    static String[] corrupt(String[] valid, RejectReason reason, SplittableRandom r) {
        String[] f = valid.clone();
        switch (reason) {
            case MALFORMED_ROW -> {
                // A truncated line, or a value with an unquoted comma that shifted the columns.
                return r.nextBoolean()
                        ? Arrays.copyOf(f, f.length - 1 - r.nextInt(3))
                        : appendExtra(f, "spilled");
            }
            case MISSING_FIELD -> f[REQUIRED[r.nextInt(REQUIRED.length)]] = "";
            case INVALID_RULE_CODE -> f[Columns.RULE_CODE] = pick(RULE_CODES, r);
            case INVALID_DATE -> f[Columns.BUSINESS_DATE] = badDate(f[Columns.BUSINESS_DATE], r);
            case INVALID_RESULTS -> f[Columns.RESULTS] = pick(RESULTS, r);
            case UNKNOWN_STATUS -> {
                String key = r.nextBoolean() ? "status" : "result";
                f[Columns.RESULTS] = "{\"" + key + "\": \"" + pick(STATUSES, r) + "\"}";
            }
            case INVALID_COUNT -> {
                int column =
                        r.nextBoolean()
                                ? Columns.DATASET_RECORD_COUNT
                                : Columns.FILTERED_RECORD_COUNT;
                f[column] = pick(COUNTS, r);
            }
        }
        return f;
    }

    private static String badDate(String valid, SplittableRandom r) {
        String year = valid.substring(0, 4);
        return switch (r.nextInt(3)) {
            case 0 -> year + "-13-45";
            case 1 -> year + "-02-30";
            default -> "yesterday";
        };
    }

    private static String[] appendExtra(String[] f, String extra) {
        String[] out = Arrays.copyOf(f, f.length + 1);
        out[f.length] = extra;
        return out;
    }

    private static String pick(String[] options, SplittableRandom r) {
        return options[r.nextInt(options.length)];
    }
}
