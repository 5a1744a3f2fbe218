package com.dataquality.dqs.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads generated files back for the tests. */
final class Rows {
    private Rows() {}

    /** Header and data rows of all data files of {@code report}, in file order. */
    record Table(List<String> header, List<List<String>> rows) {}

    /** A valid row reduced to what the forecasting side uses. */
    record Execution(String datasetUuid, int ruleCode, LocalDate date, boolean passed) {}

    static Table read(Path dir, List<String> files) throws IOException {
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        for (String f : files) {
            List<List<String>> all =
                    CsvText.parse(Files.readString(dir.resolve(f), StandardCharsets.UTF_8));
            if (header == null) {
                header = all.get(0);
            } else if (!header.equals(all.get(0))) {
                throw new AssertionError(f + " has a different header: " + all.get(0));
            }
            rows.addAll(all.subList(1, all.size()));
        }
        return new Table(header, rows);
    }

    static Map<String, String> asMap(List<String> header, List<String> row) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            m.put(header.get(i), row.get(i));
        }
        return m;
    }

    static List<Execution> valid(Table t) {
        List<Execution> out = new ArrayList<>();
        for (List<String> row : t.rows()) {
            if (ContractCheck.reject(t.header(), row) != null) {
                continue;
            }
            Map<String, String> r = asMap(t.header(), row);
            out.add(
                    new Execution(
                            r.get("dataset_uuid"),
                            ContractCheck.ruleCode(r.get("rule_code")),
                            ContractCheck.date(r.get("business_date")),
                            ContractCheck.status(ContractCheck.statusText(r.get("results")))
                                    == com.dataquality.dqs.record.Status.PASS));
        }
        return out;
    }
}
