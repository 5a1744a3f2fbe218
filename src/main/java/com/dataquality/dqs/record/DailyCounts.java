package com.dataquality.dqs.record;

/**
 * The executions of one summary key on one business day, combined: how many passed, failed and
 * warned, and the fields of the day's latest record. What the keyed stages consume: summaries need
 * no more of a day than this, nor do the forecast series (executions and passes).
 *
 * @param latestSequence read order of the day's latest record (see {@link RuleExecution})
 */
public record DailyCounts(
        String source,
        String tenantId,
        String datasetUuid,
        String datasetName,
        int ruleCode,
        int businessDay,
        int passes,
        int fails,
        int warnings,
        long latestSequence,
        Long latestDatasetRecordCount,
        Long latestFilteredRecordCount,
        String latestExecutionLevel) {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** One execution as a day's counts. */
    public static DailyCounts of(RuleExecution r) {
        return new DailyCounts(
                r.source(),
                r.tenantId(),
                r.datasetUuid(),
                r.datasetName(),
                r.ruleCode(),
                r.businessDay(),
                r.status() == Status.PASS ? 1 : 0,
                r.status() == Status.FAIL ? 1 : 0,
                r.status() == Status.WARNING ? 1 : 0,
                r.sequence(),
                r.datasetRecordCount(),
                r.filteredRecordCount(),
                r.levelOfExecution());
    }

    public int executions() {
        return passes + fails + warnings;
    }

    /** Event time: the start of the business day in UTC. */
    public long eventTimeMillis() {
        return businessDay * MILLIS_PER_DAY;
    }

    public String summaryKey() {
        return Keys.summaryKey(source, tenantId, datasetUuid, datasetName, ruleCode);
    }

    public String seriesKey() {
        return Keys.seriesKey(datasetUuid, ruleCode);
    }
}
