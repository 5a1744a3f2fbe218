package com.dataquality.dqs.format;

import com.dataquality.dqs.record.SummaryRow;
import java.util.List;

/** The {@code full_summary.csv} format: the contract's 27 columns first, then ours. */
public final class SummaryCsv {

    /** The 27 columns of CONTRACT.md §3, in order. */
    public static final List<String> CONTRACT_COLUMNS =
            List.of(
                    "source",
                    "tenant_id",
                    "dataset_uuid",
                    "dataset_name",
                    "rule_code",
                    "rule_name",
                    "rule_type",
                    "dimension",
                    "rule_description",
                    "category",
                    "business_date_latest",
                    "dataset_record_count_latest",
                    "filtered_record_count_latest",
                    "pass_count_total",
                    "fail_count_total",
                    "pass_count_1m",
                    "fail_count_1m",
                    "pass_count_3m",
                    "fail_count_3m",
                    "pass_count_12m",
                    "fail_count_12m",
                    "fail_rate_total",
                    "fail_rate_1m",
                    "fail_rate_3m",
                    "fail_rate_12m",
                    "trend_flag",
                    "last_execution_level");

    /** Columns after the contract's: warnings are counted apart, and the windows' anchor. */
    public static final List<String> EXTRA_COLUMNS =
            List.of(
                    "warning_count_total",
                    "warning_count_1m",
                    "warning_count_3m",
                    "warning_count_12m",
                    "reference_date");

    private SummaryCsv() {}

    public static String header() {
        return String.join(",", CONTRACT_COLUMNS) + "," + String.join(",", EXTRA_COLUMNS);
    }

    /**
     * The row's cells, in column order. The columns of text from outside (the key's names and ids,
     * the rule metadata, the execution level) are text cells ({@link Csv#text}): a formula-like
     * value gets a leading quote. The JSON form carries the values as they are.
     */
    public static String[] fields(SummaryRow r) {
        return new String[] {
            Csv.text(r.source()),
            Csv.text(r.tenantId()),
            Csv.text(r.datasetUuid()),
            Csv.text(r.datasetName()),
            Integer.toString(r.ruleCode()),
            Csv.text(r.ruleName()),
            Csv.text(r.ruleType()),
            Csv.text(r.dimension()),
            Csv.text(r.ruleDescription()),
            Csv.text(r.category()),
            r.businessDateLatest(),
            r.datasetRecordCountLatest() == null ? "" : r.datasetRecordCountLatest().toString(),
            r.filteredRecordCountLatest() == null ? "" : r.filteredRecordCountLatest().toString(),
            Long.toString(r.passCountTotal()),
            Long.toString(r.failCountTotal()),
            Long.toString(r.passCount1m()),
            Long.toString(r.failCount1m()),
            Long.toString(r.passCount3m()),
            Long.toString(r.failCount3m()),
            Long.toString(r.passCount12m()),
            Long.toString(r.failCount12m()),
            Decimals.plain(r.failRateTotal()),
            Decimals.plain(r.failRate1m()),
            Decimals.plain(r.failRate3m()),
            Decimals.plain(r.failRate12m()),
            r.trendFlag(),
            Csv.text(r.lastExecutionLevel()),
            Long.toString(r.warningCountTotal()),
            Long.toString(r.warningCount1m()),
            Long.toString(r.warningCount3m()),
            Long.toString(r.warningCount12m()),
            r.referenceDate()
        };
    }

    public static String line(SummaryRow r) {
        return Csv.line(fields(r));
    }
}
