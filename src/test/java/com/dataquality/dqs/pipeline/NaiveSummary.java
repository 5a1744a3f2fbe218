package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.SummaryRow;
import com.dataquality.dqs.summary.Windows;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contract's summary computed the obvious way, from all the rows at once: the reference the
 * job's incremental, windowed, parallel computation is checked against.
 */
final class NaiveSummary {
    private NaiveSummary() {}

    static List<SummaryRow> of(List<RuleExecution> all, Map<Integer, RuleMetadata> rules) {
        int reference = all.stream().mapToInt(RuleExecution::businessDay).max().orElseThrow();
        Map<String, List<RuleExecution>> byKey = new TreeMap<>();
        for (RuleExecution r : all) {
            byKey.computeIfAbsent(r.summaryKey(), k -> new ArrayList<>()).add(r);
        }
        List<SummaryRow> rows = new ArrayList<>();
        for (List<RuleExecution> rs : byKey.values()) {
            rows.add(
                    row(
                            rs,
                            reference,
                            rules.getOrDefault(rs.get(0).ruleCode(), RuleMetadata.EMPTY)));
        }
        rows.sort(SummaryRow.BY_KEY);
        return rows;
    }

    private static long count(List<RuleExecution> rs, String status, int fromDay) {
        return rs.stream()
                .filter(r -> r.status().name().equals(status) && r.businessDay() >= fromDay)
                .count();
    }

    private static SummaryRow row(List<RuleExecution> rs, int ref, RuleMetadata m) {
        RuleExecution latest =
                rs.stream()
                        .max(
                                Comparator.comparingInt(RuleExecution::businessDay)
                                        .thenComparingLong(RuleExecution::sequence))
                        .orElseThrow();
        int all = Integer.MIN_VALUE;
        int d1 = ref - 30;
        int d3 = ref - 90;
        int d12 = ref - 365;
        long p = count(rs, "PASS", all), f = count(rs, "FAIL", all);
        long p1 = count(rs, "PASS", d1), f1 = count(rs, "FAIL", d1);
        long p3 = count(rs, "PASS", d3), f3 = count(rs, "FAIL", d3);
        long p12 = count(rs, "PASS", d12), f12 = count(rs, "FAIL", d12);
        double r1 = Windows.failRate(p1, f1);
        double r3 = Windows.failRate(p3, f3);
        RuleExecution first = rs.get(0);
        return new SummaryRow(
                first.source(),
                first.tenantId(),
                first.datasetUuid(),
                first.datasetName(),
                first.ruleCode(),
                m.ruleName(),
                m.ruleType(),
                m.dimension(),
                m.ruleDescription(),
                m.category(),
                LocalDate.ofEpochDay(latest.businessDay()).toString(),
                latest.datasetRecordCount(),
                latest.filteredRecordCount(),
                p,
                f,
                p1,
                f1,
                p3,
                f3,
                p12,
                f12,
                Windows.failRate(p, f),
                r1,
                r3,
                Windows.failRate(p12, f12),
                Windows.trend(r1, r3),
                latest.levelOfExecution(),
                count(rs, "WARNING", all),
                count(rs, "WARNING", d1),
                count(rs, "WARNING", d3),
                count(rs, "WARNING", d12),
                LocalDate.ofEpochDay(ref).toString());
    }
}
