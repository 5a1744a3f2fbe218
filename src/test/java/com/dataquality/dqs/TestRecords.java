package com.dataquality.dqs;

import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.Status;
import java.time.LocalDate;

/** Builds valid executions for tests, with sensible defaults for the fields a test ignores. */
public final class TestRecords {
    private TestRecords() {}

    public static RuleExecution exec(String dataset, int rule, String date, Status status) {
        return exec(dataset, rule, date, status, 0L);
    }

    public static RuleExecution exec(
            String dataset, int rule, String date, Status status, long sequence) {
        return new RuleExecution(
                "src",
                "tenant",
                dataset,
                "name of " + dataset,
                rule,
                (int) LocalDate.parse(date).toEpochDay(),
                status,
                100L,
                90L,
                "DATASET",
                "",
                "ctx",
                sequence);
    }

    public static RuleExecution withCounts(
            RuleExecution r, Long datasetCount, Long filteredCount, String level) {
        return new RuleExecution(
                r.source(),
                r.tenantId(),
                r.datasetUuid(),
                r.datasetName(),
                r.ruleCode(),
                r.businessDay(),
                r.status(),
                datasetCount,
                filteredCount,
                level,
                r.attributeName(),
                r.contextId(),
                r.sequence());
    }

    public static int day(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }
}
