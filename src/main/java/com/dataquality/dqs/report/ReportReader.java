package com.dataquality.dqs.report;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.UnicodeText;
import com.dataquality.dqs.format.Csv;
import com.dataquality.dqs.io.DeadLetterFile;
import com.dataquality.dqs.io.FileOutputs;
import com.dataquality.dqs.io.RunReport;
import com.dataquality.dqs.io.SummaryFiles;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.ModelRegistry;
import com.dataquality.dqs.parse.CsvRows;
import com.dataquality.dqs.report.ReportContent.DirFacts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the output directories (and the model file or registry) into a {@link ReportContent}, one
 * row at a time. Absent files are noted, never an error; rows that cannot be read are counted per
 * file and noted.
 */
final class ReportReader {
    /** The files the report reads, in the order the directory listing shows them. */
    static final List<String> KNOWN_FILES =
            List.of(
                    SummaryFiles.SUMMARY_CSV,
                    FileOutputs.SUMMARIES,
                    RunReport.NAME,
                    DeadLetterFile.NAME,
                    FileOutputs.PREDICTIONS,
                    FileOutputs.REALIZED,
                    FileOutputs.ANOMALIES,
                    FileOutputs.DRIFT_EVENTS,
                    FileOutputs.RETRAIN_TRIGGERS,
                    FileOutputs.SHADOW_PREDICTIONS);

    /** Dead letters shown per reason. */
    static final int DEAD_LETTER_SAMPLES = 5;

    /** Characters of a dead letter's raw text shown. */
    static final int RAW_CHARS = 300;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReportContent content = new ReportContent();
    private final Consumer<String> progress;
    private final Map<String, Integer> dayCache = new HashMap<>();
    private long nextProgress = 1_000_000;

    /**
     * @param progress receives {@code report: N rows read...} each million rows
     */
    ReportReader(Consumer<String> progress) {
        this.progress = progress;
    }

    static ReportContent read(ReportSources sources, Consumer<String> progress) {
        ReportReader r = new ReportReader(progress);
        for (Path dir : sources.dirs()) {
            r.readDir(dir);
        }
        if (sources.model() != null) {
            r.content.model =
                    new ReportContent.ModelFacts(
                            sources.model().toString(), ModelFile.read(sources.model()));
        }
        if (sources.registry() != null) {
            r.content.registry = readRegistry(sources.registry());
        }
        r.content.series.values().forEach(SeriesBuilder::finish);
        return r.content;
    }

    private void readDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(
                    "output directory "
                            + dir
                            + (Files.exists(dir) ? ": not a directory" : ": no such directory"));
        }
        DirFacts facts = new DirFacts(dir.toString());
        content.dirs.add(facts);
        for (String name : KNOWN_FILES) {
            (Files.isRegularFile(dir.resolve(name)) ? facts.present : facts.absent).add(name);
        }
        try {
            Path report = dir.resolve(RunReport.NAME);
            if (Files.isRegularFile(report)) {
                readRunReport(report, facts);
            }
            readSummaries(dir, facts);
            boolean predictions = readIfPresent(dir, FileOutputs.PREDICTIONS, facts);
            if (Files.isRegularFile(dir.resolve(FileOutputs.REALIZED))) {
                readRealized(dir.resolve(FileOutputs.REALIZED), facts, !predictions);
            }
            readIfPresent(dir, DeadLetterFile.NAME, facts);
            readIfPresent(dir, FileOutputs.ANOMALIES, facts);
            readIfPresent(dir, FileOutputs.DRIFT_EVENTS, facts);
            readIfPresent(dir, FileOutputs.RETRAIN_TRIGGERS, facts);
            readIfPresent(dir, FileOutputs.SHADOW_PREDICTIONS, facts);
        } catch (IOException e) {
            throw new InputException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        facts.kind = kind(facts);
    }

    private static String kind(DirFacts facts) {
        if (facts.runReport != null && facts.runReport.path("command").isTextual()) {
            return facts.runReport.path("command").asText();
        }
        for (String runOnly :
                List.of(FileOutputs.SUMMARIES, FileOutputs.PREDICTIONS, FileOutputs.REALIZED)) {
            if (facts.present.contains(runOnly)) {
                return "run";
            }
        }
        return facts.present.contains(SummaryFiles.SUMMARY_CSV) ? "summarize" : "unknown";
    }

    private boolean readIfPresent(Path dir, String name, DirFacts facts) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        switch (name) {
            case FileOutputs.PREDICTIONS -> readPredictions(file, facts);
            case DeadLetterFile.NAME -> readDeadLetters(file, facts);
            case FileOutputs.ANOMALIES -> readAnomalies(file, facts);
            case FileOutputs.DRIFT_EVENTS -> readEvents(file, facts, content.driftEvents);
            case FileOutputs.RETRAIN_TRIGGERS -> readEvents(file, facts, content.retrainTriggers);
            case FileOutputs.SHADOW_PREDICTIONS -> facts.shadowForecasts = countRows(file, facts);
            default -> throw new IllegalArgumentException(name);
        }
        return true;
    }

    // ---- run_report.json

    private void readRunReport(Path file, DirFacts facts) throws IOException {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n != null && n.isObject()) {
                facts.runReport = n;
                return;
            }
        } catch (IOException e) {
            // Reported below, as for any unreadable file.
        }
        facts.problems.add(RunReport.NAME + " is not a JSON object: not shown");
    }

    // ---- summaries

    /**
     * {@code full_summary.csv} when present (a finished run), else the latest upsert of each key in
     * {@code summaries.jsonl} (a run still going, or a continuous one).
     */
    private void readSummaries(Path dir, DirFacts facts) throws IOException {
        List<SummaryLine> rows;
        if (Files.isRegularFile(dir.resolve(SummaryFiles.SUMMARY_CSV))) {
            rows = readSummaryCsv(dir.resolve(SummaryFiles.SUMMARY_CSV), facts);
        } else if (Files.isRegularFile(dir.resolve(FileOutputs.SUMMARIES))) {
            rows = readSummaryUpserts(dir.resolve(FileOutputs.SUMMARIES), facts);
        } else {
            return;
        }
        Map<String, List<SummaryLine>> bySeries = new LinkedHashMap<>();
        for (SummaryLine r : rows) {
            bySeries.computeIfAbsent(
                            com.dataquality.dqs.record.Keys.seriesKey(
                                    r.datasetUuid(), r.ruleCode()),
                            k -> new ArrayList<>())
                    .add(r);
        }
        for (List<SummaryLine> lines : bySeries.values()) {
            SummaryLine first = lines.get(0);
            content.series(first.datasetUuid(), first.ruleCode()).setSummary(lines);
        }
    }

    private List<SummaryLine> readSummaryCsv(Path file, DirFacts facts) throws IOException {
        List<SummaryLine> out = new ArrayList<>();
        eachRow(
                file,
                facts,
                new String[] {"dataset_uuid", "rule_code"},
                (cols, f) -> {
                    long[] counts = new long[SummaryLine.COUNT_COLUMNS.length];
                    for (int i = 0; i < counts.length; i++) {
                        String v = cols.get(f, SummaryLine.COUNT_COLUMNS[i]);
                        counts[i] = v == null || v.isEmpty() ? 0 : Long.parseLong(v);
                    }
                    out.add(
                            new SummaryLine(
                                    cols.text(f, "source"),
                                    cols.text(f, "tenant_id"),
                                    cols.text(f, "dataset_uuid"),
                                    cols.text(f, "dataset_name"),
                                    Integer.parseInt(cols.get(f, "rule_code")),
                                    cols.text(f, "rule_name"),
                                    cols.text(f, "rule_type"),
                                    cols.text(f, "dimension"),
                                    cols.text(f, "category"),
                                    cols.get(f, "business_date_latest"),
                                    cols.text(f, "last_execution_level"),
                                    counts));
                });
        return out;
    }

    private List<SummaryLine> readSummaryUpserts(Path file, DirFacts facts) throws IOException {
        Map<String, SummaryLine> latest = new LinkedHashMap<>();
        eachJsonLine(
                file,
                facts,
                n -> {
                    long[] counts = new long[SummaryLine.COUNT_COLUMNS.length];
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] = n.path(SummaryLine.COUNT_COLUMNS[i]).asLong(0);
                    }
                    String uuid = text(n, "dataset_uuid");
                    if (uuid == null || !n.path("rule_code").canConvertToInt()) {
                        throw new IllegalArgumentException("no dataset_uuid or rule_code");
                    }
                    SummaryLine line =
                            new SummaryLine(
                                    text(n, "source"),
                                    text(n, "tenant_id"),
                                    uuid,
                                    text(n, "dataset_name"),
                                    n.path("rule_code").intValue(),
                                    text(n, "rule_name"),
                                    text(n, "rule_type"),
                                    text(n, "dimension"),
                                    text(n, "category"),
                                    text(n, "business_date_latest"),
                                    text(n, "last_execution_level"),
                                    counts);
                    latest.put(line.key(), line);
                });
        return new ArrayList<>(latest.values());
    }

    // ---- forecasts

    private void readPredictions(Path file, DirFacts facts) throws IOException {
        eachRow(
                file,
                facts,
                new String[] {
                    "dataset_uuid", "rule_code", "business_date", "predicted_pass_percentage"
                },
                (cols, f) -> forecast(cols, f));
    }

    /** The forecast fields of a row of predictions.csv or realized.csv. */
    private SeriesBuilder forecast(Columns cols, String[] f) {
        SeriesBuilder s =
                content.series(
                        cols.text(f, "dataset_uuid"), Integer.parseInt(cols.get(f, "rule_code")));
        int day = day(cols.get(f, "business_date"));
        s.predicted.put(day, Double.parseDouble(cols.get(f, "predicted_pass_percentage")));
        String version = cols.text(f, "model_version");
        if (version != null && !version.isEmpty()) {
            s.version.put(day, content.versionIndex(version));
        }
        Double lo = optionalNumber(cols.get(f, "predicted_lower"));
        Double hi = optionalNumber(cols.get(f, "predicted_upper"));
        if (lo != null && hi != null) {
            s.lower.put(day, lo);
            s.upper.put(day, hi);
            content.forecastsWithInterval++;
            Double level = optionalNumber(cols.get(f, "interval_level"));
            if (level != null) {
                content.intervalLevels.merge(level, 1L, Long::sum);
            }
        }
        return s;
    }

    /**
     * {@code realized.csv}: the actual value of each forecast day; its forecast fields too when the
     * directory has no {@code predictions.csv}.
     */
    private void readRealized(Path file, DirFacts facts, boolean withForecasts) throws IOException {
        eachRow(
                file,
                facts,
                new String[] {
                    "dataset_uuid", "rule_code", "business_date", "actual_pass_percentage"
                },
                (cols, f) -> {
                    String actual = cols.get(f, "actual_pass_percentage");
                    if (actual.isEmpty()) {
                        return; // a forecast not realized yet (shadow files hold both kinds)
                    }
                    SeriesBuilder s =
                            withForecasts
                                    ? forecast(cols, f)
                                    : content.series(
                                            cols.text(f, "dataset_uuid"),
                                            Integer.parseInt(cols.get(f, "rule_code")));
                    int day = day(cols.get(f, "business_date"));
                    s.actual.put(day, Double.parseDouble(actual));
                });
    }

    // ---- dead letters

    private void readDeadLetters(Path file, DirFacts facts) throws IOException {
        Map<String, Integer> shown = new HashMap<>();
        eachRow(
                file,
                facts,
                new String[] {"reason"},
                (cols, f) -> {
                    String reason = cols.get(f, "reason");
                    facts.deadLetters.merge(reason, 1L, Long::sum);
                    if (shown.merge(reason, 1, Integer::sum) <= DEAD_LETTER_SAMPLES) {
                        String raw = cols.text(f, "raw");
                        if (raw != null && raw.length() > RAW_CHARS) {
                            raw = raw.substring(0, RAW_CHARS) + "…";
                        }
                        facts.deadLetterSamples.add(
                                new String[] {
                                    reason,
                                    cols.text(f, "detail"),
                                    cols.text(f, "file"),
                                    cols.get(f, "line"),
                                    raw
                                });
                    }
                });
    }

    // ---- JSON lines

    private void readAnomalies(Path file, DirFacts facts) throws IOException {
        eachJsonLine(
                file,
                facts,
                n -> {
                    String uuid = text(n, "dataset_uuid");
                    int day = day(text(n, "business_date"));
                    if (uuid == null || !n.path("rule_code").canConvertToInt()) {
                        throw new IllegalArgumentException("no dataset_uuid or rule_code");
                    }
                    SeriesBuilder s = content.series(uuid, n.path("rule_code").intValue());
                    Double level = number(n, "interval_level");
                    s.anomalies.put(
                            day,
                            new SeriesBuilder.Anomaly(
                                    day,
                                    number(n, "actual_pass_percentage"),
                                    number(n, "predicted_median"),
                                    number(n, "predicted_lower"),
                                    number(n, "predicted_upper"),
                                    level,
                                    n.path("executions").canConvertToLong()
                                            ? n.path("executions").longValue()
                                            : null,
                                    text(n, "model_version"),
                                    text(n, "severity"),
                                    text(n, "direction")));
                });
    }

    private void readEvents(Path file, DirFacts facts, Map<String, JsonNode> into)
            throws IOException {
        eachJsonLine(
                file,
                facts,
                n -> {
                    day(text(n, "business_date")); // an event must have a day
                    into.putIfAbsent(n.toString(), n);
                });
    }

    private long countRows(Path file, DirFacts facts) throws IOException {
        long[] n = {0};
        eachRow(file, facts, new String[0], (cols, f) -> n[0]++);
        return n[0];
    }

    // ---- model and registry

    private static ReportContent.RegistryFacts readRegistry(Path dir) {
        ModelRegistry registry = new ModelRegistry(dir);
        List<ReportContent.RegistryEntry> entries = new ArrayList<>();
        for (ModelRegistry.Entry e : registry.list()) {
            try {
                entries.add(
                        new ReportContent.RegistryEntry(
                                e.version(), e.active(), ModelFile.read(e.file()), null));
            } catch (InputException bad) {
                // One bad file must not hide the others (as 'dqs models list').
                entries.add(
                        new ReportContent.RegistryEntry(
                                e.version(), e.active(), null, bad.getMessage()));
            }
        }
        return new ReportContent.RegistryFacts(
                dir.toString(), registry.activeVersion().orElse(null), entries);
    }

    // ---- reading helpers

    /** The columns of a CSV file by name. */
    static final class Columns {
        private final Map<String, Integer> at = new HashMap<>();

        Columns(String[] header) {
            for (int i = header.length - 1; i >= 0; i--) {
                at.put(header[i], i); // the first of a repeated name wins, as for inputs
            }
        }

        boolean has(String name) {
            return at.containsKey(name);
        }

        /** The raw cell, or null when the file has no such column. */
        String get(String[] fields, String name) {
            Integer i = at.get(name);
            return i == null ? null : fields[i];
        }

        /** A text cell as it was before the CSV writer guarded it against formulas. */
        String text(String[] fields, String name) {
            return Csv.original(get(fields, name));
        }
    }

    interface RowHandler {
        void row(Columns cols, String[] fields);
    }

    interface LineHandler {
        void line(JsonNode n);
    }

    private void eachRow(Path file, DirFacts facts, String[] required, RowHandler handler)
            throws IOException {
        String name = file.getFileName().toString();
        CompleteLines.Opened opened = open(file);
        long bad = 0;
        try (CsvRows rows = new CsvRows(opened.in())) {
            Columns cols = null;
            for (CsvRows.Row row = rows.next(); row != null; row = rows.next()) {
                counted();
                if (cols == null) {
                    if (rows.header() == null) {
                        facts.problems.add(name + " has no readable header: not read");
                        return;
                    }
                    cols = new Columns(rows.header());
                    List<String> missing =
                            Arrays.stream(required).filter(c -> !has(rows.header(), c)).toList();
                    if (!missing.isEmpty()) {
                        facts.problems.add(
                                name
                                        + " lacks column(s) "
                                        + String.join(", ", missing)
                                        + ": not read");
                        return;
                    }
                }
                if (row.fields() == null) {
                    bad++;
                    continue;
                }
                try {
                    handler.row(cols, row.fields());
                } catch (RuntimeException e) {
                    bad++; // a number or date that does not parse
                }
            }
        }
        noteProblems(facts, name, bad, opened.leftOut(), "row");
    }

    private static boolean has(String[] header, String name) {
        return Arrays.asList(header).contains(name);
    }

    private void eachJsonLine(Path file, DirFacts facts, LineHandler handler) throws IOException {
        String name = file.getFileName().toString();
        CompleteLines.Opened opened = open(file);
        long bad = 0;
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(opened.in(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                counted();
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n == null || !n.isObject()) {
                        bad++;
                        continue;
                    }
                    handler.line(n);
                } catch (IOException | RuntimeException e) {
                    bad++;
                }
            }
        }
        noteProblems(facts, name, bad, opened.leftOut(), "line");
    }

    private static CompleteLines.Opened open(Path file) throws IOException {
        try {
            return CompleteLines.open(file);
        } catch (NoSuchFileException e) {
            // Gone between the listing and now (a run starting afresh): read as empty.
            return new CompleteLines.Opened(java.io.InputStream.nullInputStream(), 0);
        }
    }

    private static void noteProblems(
            DirFacts facts, String name, long bad, long leftOut, String unit) {
        if (bad > 0) {
            facts.problems.add(
                    String.format(
                            "%s: %,d %s%s could not be read and %s left out",
                            name, bad, unit, bad == 1 ? "" : "s", bad == 1 ? "is" : "are"));
        }
        if (leftOut > 0) {
            facts.problems.add(
                    String.format(
                            "%s: its last line is being written (%,d bytes without a line break):"
                                    + " left out",
                            name, leftOut));
        }
    }

    private void counted() {
        if (++content.rowsRead >= nextProgress) {
            progress.accept(String.format("report: %,d rows read...", content.rowsRead));
            nextProgress += 1_000_000;
        }
    }

    private int day(String date) {
        if (date == null) {
            throw new IllegalArgumentException("no business_date");
        }
        Integer d = dayCache.get(date);
        if (d == null) {
            try {
                d = (int) LocalDate.parse(date).toEpochDay();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a date: " + date, e);
            }
            if (dayCache.size() < 100_000) {
                dayCache.put(date, d);
            }
        }
        return d;
    }

    private static Double optionalNumber(String cell) {
        if (cell == null || cell.isEmpty()) {
            return null;
        }
        double v = Double.parseDouble(cell);
        return Double.isFinite(v) ? v : null;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : UnicodeText.wellFormed(v.asText());
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() && Double.isFinite(v.doubleValue())
                ? v.doubleValue()
                : null;
    }
}
