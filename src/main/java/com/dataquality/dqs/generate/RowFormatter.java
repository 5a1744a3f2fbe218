package com.dataquality.dqs.generate;

import com.dataquality.dqs.record.Status;
import java.util.SplittableRandom;

/**
 * Fills the fields of one valid row the way real exports vary: every accepted spelling of a rule
 * code, both result keys (sometimes both at once, then {@code status} is the truth), mixed-case
 * outcomes and {@code Warn}, dates with a time part, optional columns left empty.
 */
final class RowFormatter {
    private static final String[] PASS = {"Pass", "Pass", "Pass", "PASS", "pass"};
    private static final String[] FAIL = {"Fail", "Fail", "Fail", "FAIL", "fail"};
    private static final String[] WARNING = {"Warning", "WARNING", "Warn", "warn", "warning"};

    private final int days;

    RowFormatter(int days) {
        this.days = days;
    }

    /** Writes one valid execution of {@code series} on {@code date} (day index {@code day}). */
    void fill(
            String[] f,
            Catalog.Series series,
            String date,
            int day,
            Status status,
            SplittableRandom r) {
        Catalog.Dataset ds = series.dataset();
        f[Columns.CONTEXT_ID] = r.nextDouble() < 0.02 ? "" : Catalog.uuid4(r).toString();
        f[Columns.BUSINESS_DATE] = r.nextDouble() < 0.04 ? withTime(date, r) : date;
        f[Columns.SOURCE] = ds.source();
        f[Columns.TENANT_ID] = ds.tenant();
        f[Columns.DATASET_UUID] = ds.uuid();
        f[Columns.DATASET_NAME] = ds.name();
        f[Columns.RULE_CODE] = ruleCode(series.rule().code(), r);
        boolean attribute = series.attribute() != null;
        f[Columns.LEVEL] = r.nextDouble() < 0.03 ? "" : attribute ? "ATTRIBUTE" : "DATASET";
        f[Columns.ATTRIBUTE] = attribute ? series.attribute() : "";
        // Loads grow by up to a third over the range; filters keep part of the rows.
        double growth = 1.0 + 0.33 * day / Math.max(1, days);
        long total = Math.round(ds.baseRecords() * growth * (0.9 + 0.2 * r.nextDouble()));
        long filtered = attribute ? Math.round(total * (0.3 + 0.7 * r.nextDouble())) : total;
        f[Columns.RESULTS] = results(status, filtered, r);
        f[Columns.DATASET_RECORD_COUNT] = r.nextDouble() < 0.04 ? "" : Long.toString(total);
        f[Columns.FILTERED_RECORD_COUNT] = r.nextDouble() < 0.04 ? "" : Long.toString(filtered);
        f[Columns.EXECUTED_BY] = r.nextDouble() < 0.1 ? "" : "dq-runner-0" + (1 + r.nextInt(4));
    }

    /** Spellings by share: 101 (60%), R101, r101, 0101, " 101 " (quoted by the CSV writer). */
    static String ruleCode(int code, SplittableRandom r) {
        double x = r.nextDouble();
        if (x < 0.6) {
            return Integer.toString(code);
        } else if (x < 0.72) {
            return "R" + code;
        } else if (x < 0.8) {
            return "r" + code;
        } else if (x < 0.9) {
            return "0" + code;
        }
        return " " + code + " ";
    }

    private static String withTime(String date, SplittableRandom r) {
        return String.format(
                "%sT%02d:%02d:%02d", date, r.nextInt(24), r.nextInt(60), r.nextInt(60));
    }

    static String spell(Status status, SplittableRandom r) {
        String[] options =
                switch (status) {
                    case PASS -> PASS;
                    case FAIL -> FAIL;
                    case WARNING -> WARNING;
                };
        return options[r.nextInt(options.length)];
    }

    private static String results(Status status, long checked, SplittableRandom r) {
        String value = spell(status, r);
        double shape = r.nextDouble();
        if (shape < 0.55) {
            return "{\"status\": \"" + value + "\"}";
        }
        if (shape < 0.8) {
            long failed =
                    status == Status.PASS ? 0 : 1 + Math.round(checked * 0.02 * r.nextDouble());
            return "{\"result\": \""
                    + value
                    + "\", \"details\": {\"failed_records\": "
                    + failed
                    + ", \"checked_records\": "
                    + checked
                    + "}}";
        }
        if (shape < 0.9) {
            // Both keys: an older engine wrote "result", the newer one "status"; they can disagree
            // and the contract says status wins.
            Status legacy = r.nextDouble() < 0.3 ? Status.values()[r.nextInt(3)] : status;
            return "{\"status\": \"" + value + "\", \"result\": \"" + spell(legacy, r) + "\"}";
        }
        return "{\"status\": \""
                + value
                + "\", \"details\": {\"message\": \"checked "
                + checked
                + " rows, see \\\"dq_log\\\", run ok\"}}";
    }
}
