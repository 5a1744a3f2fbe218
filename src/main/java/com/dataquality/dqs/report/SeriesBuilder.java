package com.dataquality.dqs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the report knows of one series {@code (dataset_uuid, rule_code)}: its summary (summed over
 * the summary keys of the series, from the last directory that has one), and its days: actual and
 * predicted pass percentages, interval bounds, the model version of each forecast, anomalies.
 */
final class SeriesBuilder {
    final String datasetUuid;
    final int ruleCode;

    /** The summary of the series: the sum of its summary keys' rows. */
    long[] counts;

    /** Descriptive fields from the summary row with the latest business date. */
    SummaryLine latest;

    /** Every dataset name the series had (usually one). */
    final TreeSet<String> names = new TreeSet<>();

    final DayValues actual = new DayValues();
    final DayValues predicted = new DayValues();
    final DayValues lower = new DayValues();
    final DayValues upper = new DayValues();

    /** The version of each forecast, as an index into the report's version list. */
    final DayValues version = new DayValues();

    final TreeMap<Integer, Anomaly> anomalies = new TreeMap<>();

    SeriesBuilder(String datasetUuid, int ruleCode) {
        this.datasetUuid = datasetUuid;
        this.ruleCode = ruleCode;
    }

    /** One anomaly of {@code anomalies.jsonl}; fields absent from a line are null. */
    record Anomaly(
            int day,
            Double actual,
            Double median,
            Double lower,
            Double upper,
            Double level,
            Long executions,
            String modelVersion,
            String severity,
            String direction) {}

    /** Replaces the series' summary with the rows of one directory. */
    void setSummary(List<SummaryLine> rows) {
        counts = new long[SummaryLine.COUNT_COLUMNS.length];
        latest = null;
        List<String> seen = new ArrayList<>();
        for (SummaryLine r : rows) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += r.counts()[i];
            }
            if (latest == null
                    || compare(r.businessDateLatest(), latest.businessDateLatest()) >= 0) {
                latest = r;
            }
            seen.add(r.datasetName());
        }
        names.clear();
        names.addAll(seen);
    }

    private static int compare(String a, String b) {
        return (a == null ? "" : a).compareTo(b == null ? "" : b);
    }

    /** Sorts every day list; call once, after reading. */
    void finish() {
        actual.finish();
        predicted.finish();
        lower.finish();
        upper.finish();
        version.finish();
    }

    /** Fail rate over a window (0 total, 1 = 1m, 2 = 3m, 3 = 12m), as the contract defines it. */
    double failRate(int window) {
        long pass = counts[window * 3];
        long fail = counts[window * 3 + 1];
        return pass + fail == 0 ? 0.0 : (double) fail / (pass + fail);
    }

    /** The contract's trend flag, from the summed 1m and 3m fail rates. */
    String trend() {
        double d = failRate(1) - failRate(2);
        return d > 0.05 ? "up" : d < -0.05 ? "down" : "equal";
    }

    int firstDay() {
        int first = Integer.MAX_VALUE;
        for (DayValues v : List.of(actual, predicted)) {
            if (!v.isEmpty()) {
                first = Math.min(first, v.firstDay());
            }
        }
        if (!anomalies.isEmpty()) {
            first = Math.min(first, anomalies.firstKey());
        }
        return first;
    }

    int lastDay() {
        int last = Integer.MIN_VALUE;
        for (DayValues v : List.of(actual, predicted)) {
            if (!v.isEmpty()) {
                last = Math.max(last, v.lastDay());
            }
        }
        if (!anomalies.isEmpty()) {
            last = Math.max(last, anomalies.lastKey());
        }
        return last;
    }
}
