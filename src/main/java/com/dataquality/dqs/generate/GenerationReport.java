package com.dataquality.dqs.generate;

import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.Status;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a generation run wrote, exactly: tests and benchmarks compare a parser's dead-letter counts
 * with {@link #badRowsByReason()}, and the drift detector's tests use {@link #driftedSeries()}.
 *
 * @param validByStatus outcome counts of the valid rows (the {@code status} truth)
 * @param unknownRuleCodes codes that occur in valid rows but not in {@code rules.json}
 */
public record GenerationReport(
        long rowsWritten,
        long validRows,
        Map<RejectReason, Long> badRowsByReason,
        Map<Status, Long> validByStatus,
        int seriesCount,
        int datasets,
        int knownRules,
        LocalDate startDate,
        LocalDate endDate,
        long seed,
        List<String> files,
        LocalDate driftDate,
        double driftFraction,
        double driftSize,
        List<SeriesId> driftedSeries,
        List<Integer> unknownRuleCodes) {

    /** A series (CONTRACT.md §4) by its dataset UUID and canonical rule code. */
    public record SeriesId(String datasetUuid, int ruleCode) {}

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    public long badRows() {
        return badRowsByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line for the terminal. */
    public String summaryLine() {
        return String.format(
                "Wrote %d rows (%d valid, %d bad) for %d series, %s..%s, into %d file(s)%s",
                rowsWritten,
                validRows,
                badRows(),
                seriesCount,
                startDate,
                endDate,
                files.size(),
                driftDate == null
                        ? ""
                        : String.format(
                                "; %d series drift by %s from %s",
                                driftedSeries.size(), driftSize, driftDate));
    }

    /** The report as {@code generation_report.json}, snake_case like every output of dqs. */
    public void writeJson(Writer out) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("rows_written", rowsWritten);
        doc.put("valid_rows", validRows);
        doc.put("bad_rows", badRows());
        Map<String, Long> bad = new LinkedHashMap<>();
        badRowsByReason.forEach((k, v) -> bad.put(k.name(), v));
        doc.put("bad_rows_by_reason", bad);
        Map<String, Long> statuses = new LinkedHashMap<>();
        validByStatus.forEach((k, v) -> statuses.put(k.name(), v));
        doc.put("valid_rows_by_status", statuses);
        doc.put("series_count", seriesCount);
        doc.put("datasets", datasets);
        doc.put("known_rules", knownRules);
        doc.put("start_date", startDate.toString());
        doc.put("end_date", endDate.toString());
        doc.put("seed", seed);
        doc.put("files", files);
        Map<String, Object> drift = new LinkedHashMap<>();
        drift.put("date", driftDate == null ? null : driftDate.toString());
        drift.put("fraction", driftFraction);
        drift.put("size", driftSize);
        drift.put("series_count", driftedSeries.size());
        List<Map<String, Object>> series = new ArrayList<>();
        for (SeriesId id : driftedSeries) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("dataset_uuid", id.datasetUuid());
            one.put("rule_code", id.ruleCode());
            series.add(one);
        }
        drift.put("series", series);
        doc.put("drift", drift);
        doc.put("unknown_rule_codes", unknownRuleCodes);
        JSON.writeValue(out, doc);
        out.write('\n');
        out.flush();
    }
}
