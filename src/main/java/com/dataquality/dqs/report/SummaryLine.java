package com.dataquality.dqs.report;

/**
 * One summary row as the report needs it, read from {@code full_summary.csv} or from an upsert of
 * {@code summaries.jsonl}.
 *
 * @param counts pass, fail and warning counts for total, 1m, 3m and 12m, in that order (12 values)
 */
record SummaryLine(
        String source,
        String tenantId,
        String datasetUuid,
        String datasetName,
        int ruleCode,
        String ruleName,
        String ruleType,
        String dimension,
        String category,
        String businessDateLatest,
        String lastExecutionLevel,
        long[] counts) {

    static final String[] COUNT_COLUMNS = {
        "pass_count_total", "fail_count_total", "warning_count_total",
        "pass_count_1m", "fail_count_1m", "warning_count_1m",
        "pass_count_3m", "fail_count_3m", "warning_count_3m",
        "pass_count_12m", "fail_count_12m", "warning_count_12m"
    };

    /** The summary key of CONTRACT.md §3, for the latest upsert of each key. */
    String key() {
        return com.dataquality.dqs.record.Keys.summaryKey(
                source, tenantId, datasetUuid, datasetName, ruleCode);
    }
}
