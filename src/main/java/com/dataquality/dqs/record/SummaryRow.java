package com.dataquality.dqs.record;

/**
 * One row of {@code full_summary.csv} (CONTRACT.md §3): the 27 contract columns in order, then the
 * warning counts and the reference date the windows were computed against.
 */
public record SummaryRow(
        String source,
        String tenantId,
        String datasetUuid,
        String datasetName,
        int ruleCode,
        String ruleName,
        String ruleType,
        String dimension,
        String ruleDescription,
        String category,
        String businessDateLatest,
        Long datasetRecordCountLatest,
        Long filteredRecordCountLatest,
        long passCountTotal,
        long failCountTotal,
        long passCount1m,
        long failCount1m,
        long passCount3m,
        long failCount3m,
        long passCount12m,
        long failCount12m,
        double failRateTotal,
        double failRate1m,
        double failRate3m,
        double failRate12m,
        String trendFlag,
        String lastExecutionLevel,
        long warningCountTotal,
        long warningCount1m,
        long warningCount3m,
        long warningCount12m,
        String referenceDate) {

    /** The contract's row order: by key, rule code as a number. */
    public static final java.util.Comparator<SummaryRow> BY_KEY =
            java.util.Comparator.comparing(SummaryRow::source)
                    .thenComparing(SummaryRow::tenantId)
                    .thenComparing(SummaryRow::datasetUuid)
                    .thenComparing(SummaryRow::datasetName)
                    .thenComparingInt(SummaryRow::ruleCode);
}
