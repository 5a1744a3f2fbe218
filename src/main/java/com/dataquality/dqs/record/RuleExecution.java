package com.dataquality.dqs.record;

import java.time.LocalDate;

/**
 * One valid execution of one data-quality rule on one dataset, after parsing and validation.
 *
 * <p>The business date is kept as an epoch day: it is the event time of the whole job, it is
 * compared and bucketed on every record, and an {@code int} serializes in four bytes.
 *
 * @param ruleCode the normalized rule code ({@code "R0101"} becomes 101)
 * @param businessDay {@code business_date} as days since 1970-01-01
 * @param datasetRecordCount null when the input left it empty
 * @param filteredRecordCount null when the input left it empty
 * @param levelOfExecution empty when absent, never null
 * @param attributeName empty when absent, never null
 * @param contextId empty when absent, never null
 * @param sequence read order, larger means read later; breaks ties between records of one key with
 *     the same business date ("the one read last" of CONTRACT.md §3)
 */
public record RuleExecution(
        String source,
        String tenantId,
        String datasetUuid,
        String datasetName,
        int ruleCode,
        int businessDay,
        Status status,
        Long datasetRecordCount,
        Long filteredRecordCount,
        String levelOfExecution,
        String attributeName,
        String contextId,
        long sequence) {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    public LocalDate businessDate() {
        return LocalDate.ofEpochDay(businessDay);
    }

    /** Event time: the start of the business day in UTC. */
    public long eventTimeMillis() {
        return businessDay * MILLIS_PER_DAY;
    }

    /** The summary key of CONTRACT.md §3 as one string, the form Flink partitions on. */
    public String summaryKey() {
        return Keys.summaryKey(source, tenantId, datasetUuid, datasetName, ruleCode);
    }

    /** The forecast series key of CONTRACT.md §4. */
    public String seriesKey() {
        return Keys.seriesKey(datasetUuid, ruleCode);
    }
}
