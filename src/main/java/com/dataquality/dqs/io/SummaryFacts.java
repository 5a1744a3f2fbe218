package com.dataquality.dqs.io;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.parse.CsvRows;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.SummaryRow;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the run report says about the final summary: how many keys, the reference date, and the rule
 * codes missing from the rules file. From the rows in memory ({@code summarize}) or read back from
 * {@code full_summary.csv} (a bounded {@code run}, whose rows are written by the job).
 *
 * @param unknownRuleCodes codes with no rule metadata, ascending
 * @param recordsWithUnknownRuleCode executions counted under those codes
 */
public record SummaryFacts(
        int keys,
        String referenceDate,
        TreeSet<Integer> unknownRuleCodes,
        long recordsWithUnknownRuleCode) {

    public static SummaryFacts of(List<SummaryRow> rows, Map<Integer, RuleMetadata> rules) {
        TreeSet<Integer> unknown = new TreeSet<>();
        long records = 0;
        for (SummaryRow r : rows) {
            if (!rules.containsKey(r.ruleCode())) {
                unknown.add(r.ruleCode());
                records += r.passCountTotal() + r.failCountTotal() + r.warningCountTotal();
            }
        }
        return new SummaryFacts(
                rows.size(), rows.isEmpty() ? null : rows.get(0).referenceDate(), unknown, records);
    }

    /** Reads the facts back from a {@code full_summary.csv}; none when the file is absent. */
    public static SummaryFacts read(Path csv, Map<Integer, RuleMetadata> rules) {
        if (!Files.isRegularFile(csv)) {
            return new SummaryFacts(0, null, new TreeSet<>(), 0);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(csv));
                CsvRows rows = new CsvRows(in)) {
            int keys = 0;
            String reference = null;
            TreeSet<Integer> unknown = new TreeSet<>();
            long records = 0;
            int[] at = null;
            for (CsvRows.Row row = rows.next(); row != null; row = rows.next()) {
                if (at == null) {
                    List<String> h = Arrays.asList(rows.header());
                    at =
                            new int[] {
                                h.indexOf("rule_code"),
                                h.indexOf("reference_date"),
                                h.indexOf("pass_count_total"),
                                h.indexOf("fail_count_total"),
                                h.indexOf("warning_count_total")
                            };
                }
                String[] f = row.fields();
                keys++;
                reference = f[at[1]];
                int code = Integer.parseInt(f[at[0]]);
                if (!rules.containsKey(code)) {
                    unknown.add(code);
                    records +=
                            Long.parseLong(f[at[2]])
                                    + Long.parseLong(f[at[3]])
                                    + Long.parseLong(f[at[4]]);
                }
            }
            return new SummaryFacts(keys, reference, unknown, records);
        } catch (IOException | RuntimeException e) {
            throw new InputException("cannot read back " + csv + ": " + e.getMessage());
        }
    }
}
