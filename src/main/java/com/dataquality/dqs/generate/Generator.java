package com.dataquality.dqs.generate;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.format.Csv;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Seeded synthetic rule-execution records (CONTRACT.md §1) and rule metadata (§2). Rows are
 * streamed in business-date order, shuffled within a day, so memory stays flat however many rows
 * are asked for; the same config always gives the same bytes.
 *
 * <p>Typical use: {@code new Generator(config).writeTo(dir, progress)}.
 */
public final class Generator {
    public static final String RULES_FILE = "rules.json";
    public static final String REPORT_FILE = "generation_report.json";

    /**
     * The hidden truth ({@link GeneratorConfig#truth()}): one line per series-day with planned
     * executions, {@code dataset_uuid, rule_code, business_date, pass_probability,
     * planned_executions}. {@code pass_probability} is the probability that one execution of that
     * day passes (warnings included as not passing), so {@code 100 × pass_probability} is the
     * expected pass percentage of the day: what an oracle forecasts. {@code planned_executions}
     * counts the day's rows before defects: a row made defective is a dead letter, not an
     * execution. {@code incident_drop} is how far an incident pulls the day's probability down (0
     * outside incidents: they start abruptly, hold, then fade).
     */
    public static final String TRUTH_FILE = "truth.csv";

    static final String TRUTH_HEADER =
            "dataset_uuid,rule_code,business_date,pass_probability,planned_executions,incident_drop";

    /** Rows shuffled and written together; bounds memory when one day holds millions of rows. */
    private static final int SHUFFLE_CHUNK = 200_000;

    /** Told how far the writing is, after each day (or chunk of a day). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {};

        void rowsWritten(long done, long total);
    }

    private final GeneratorConfig config;
    private final Catalog catalog;

    /** Validates the config; a bad value throws an {@link InputException} naming the option. */
    public Generator(GeneratorConfig config) {
        this.config = config.validate();
        this.catalog = new Catalog(config);
    }

    /** The CSV header, in the generated column order. */
    public static List<String> header() {
        return Columns.HEADER;
    }

    /** Name of data file {@code index} when writing {@code files} files. */
    public static String dataFileName(int index, int files) {
        return SplitFiles.fileName(index, files);
    }

    /**
     * Writes the data files, {@code rules.json} and {@code generation_report.json} into {@code dir}
     * (created when missing) and returns the report.
     */
    public GenerationReport writeTo(Path dir, Progress progress) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException("output directory " + dir + " exists and is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | UncheckedIOException e) {
            throw new InputException("cannot create output directory " + dir + ": " + reason(e));
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new InputException("output directory " + dir + " is not a writable directory");
        }
        try {
            GenerationReport report;
            try (SplitFiles sink =
                            new SplitFiles(dir, config.files(), config.rows(), headerLine());
                    Writer truth =
                            config.truth()
                                    ? Files.newBufferedWriter(
                                            dir.resolve(TRUTH_FILE), StandardCharsets.UTF_8)
                                    : null) {
                report = run(sink, truth, progress);
                // Closing creates the files that got no rows; only then is the name list whole.
                sink.close();
                report = withFiles(report, sink.names());
            }
            try (Writer w =
                    Files.newBufferedWriter(dir.resolve(RULES_FILE), StandardCharsets.UTF_8)) {
                writeRules(w);
            }
            try (Writer w =
                    Files.newBufferedWriter(dir.resolve(REPORT_FILE), StandardCharsets.UTF_8)) {
                report.writeJson(w);
            }
            return report;
        } catch (IOException e) {
            throw new InputException("cannot write into " + dir + ": " + reason(e), e);
        }
    }

    /** The file system's own words ("Not a directory", "Permission denied"), not a class name. */
    private static String reason(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Streams all rows, header first, to one writer (for tests and pipes); does not close it. */
    public GenerationReport writeRows(Writer out, Progress progress) throws IOException {
        out.append(headerLine()).append('\n');
        RowSink sink = line -> out.append(line).append('\n');
        GenerationReport report = run(sink, null, progress);
        out.flush();
        return withFiles(report, List.of());
    }

    /** Writes {@code rules.json}: the known rules only, never the unknown ones. */
    public void writeRules(Writer out) throws IOException {
        RulesWriter.write(catalog.knownRules(), out);
    }

    private static String headerLine() {
        return Csv.line(Columns.HEADER.toArray(String[]::new));
    }

    /**
     * @param truth where the truth lines go, or null
     */
    private GenerationReport run(RowSink sink, Writer truth, Progress progress) throws IOException {
        List<Catalog.Series> series = catalog.series;
        int n = series.size();
        SeriesModel model = new SeriesModel(config, n);
        ExecutionPlan plan =
                new ExecutionPlan(model, n, config.days(), config.rows(), config.seed());
        RowFormatter formatter = new RowFormatter(config.days());
        SplittableRandom rowRnd = new SplittableRandom(Mix.hash(config.seed(), 1, 2, 17));
        SplittableRandom shuffleRnd = new SplittableRandom(Mix.hash(config.seed(), 3, 4, 19));

        long total = config.rows();
        long bad = Math.round(total * config.badFraction());
        Map<RejectReason, Long> badCounts = new EnumMap<>(RejectReason.class);
        BadRows.REASONS.forEach(r -> badCounts.put(r, 0L));
        Map<Status, Long> statusCounts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            statusCounts.put(s, 0L);
        }
        TreeSet<Integer> unknownUsed = new TreeSet<>();

        int[] counts = new int[n];
        String[] fields = new String[Columns.COUNT];
        StringBuilder line = new StringBuilder(256);
        List<String> buffer = new ArrayList<>();
        long written = 0;
        long badSoFar = 0;
        // Bresenham-style spreading of the bad rows over the row sequence: exact count, even gaps.
        long badAccumulator = 0;
        if (truth != null) {
            truth.append(TRUTH_HEADER).append('\n');
        }
        for (int d = 0; d < config.days(); d++) {
            model.advanceTo(d);
            plan.countsFor(d, counts);
            String date = config.startDate().plusDays(d).toString();
            for (int s = 0; s < n; s++) {
                Catalog.Series one = series.get(s);
                double p = model.passProbability(s);
                if (truth != null && counts[s] > 0) {
                    truth.append(
                                    Csv.line(
                                            one.dataset().uuid(),
                                            Integer.toString(one.rule().code()),
                                            date,
                                            Double.toString((1 - config.warningRate()) * p),
                                            Integer.toString(counts[s]),
                                            Double.toString(model.incidentDrop(s))))
                            .append('\n');
                }
                for (int k = 0; k < counts[s]; k++) {
                    Status status = outcome(p, rowRnd);
                    formatter.fill(fields, one, date, d, status, rowRnd);
                    String[] out = fields;
                    badAccumulator += bad;
                    if (badAccumulator >= total) {
                        badAccumulator -= total;
                        RejectReason reason =
                                BadRows.REASONS.get((int) (badSoFar++ % BadRows.REASONS.size()));
                        out = BadRows.corrupt(fields, reason, rowRnd);
                        badCounts.merge(reason, 1L, Long::sum);
                    } else {
                        statusCounts.merge(status, 1L, Long::sum);
                        if (!one.rule().known()) {
                            unknownUsed.add(one.rule().code());
                        }
                    }
                    buffer.add(toLine(out, line));
                    if (buffer.size() >= SHUFFLE_CHUNK) {
                        written += flush(buffer, sink, shuffleRnd);
                        progress.rowsWritten(written, total);
                    }
                }
            }
            written += flush(buffer, sink, shuffleRnd);
            progress.rowsWritten(written, total);
        }
        return new GenerationReport(
                written,
                written - badSoFar,
                badCounts,
                statusCounts,
                n,
                config.datasets(),
                config.rules(),
                config.startDate(),
                config.endDate(),
                config.seed(),
                List.of(),
                config.driftDate(),
                config.driftFraction(),
                config.driftSize(),
                driftedSeries(model),
                List.copyOf(unknownUsed));
    }

    private Status outcome(double passProbability, SplittableRandom r) {
        if (r.nextDouble() < config.warningRate()) {
            return Status.WARNING;
        }
        return r.nextDouble() < passProbability ? Status.PASS : Status.FAIL;
    }

    private static String toLine(String[] fields, StringBuilder sb) {
        sb.setLength(0);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Csv.appendField(sb, fields[i]);
        }
        return sb.toString();
    }

    /** Fisher-Yates shuffle with the seeded stream, then write; returns the rows written. */
    private static int flush(List<String> buffer, RowSink sink, SplittableRandom r)
            throws IOException {
        for (int i = buffer.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            String t = buffer.get(i);
            buffer.set(i, buffer.get(j));
            buffer.set(j, t);
        }
        for (String l : buffer) {
            sink.row(l);
        }
        int size = buffer.size();
        buffer.clear();
        return size;
    }

    private List<GenerationReport.SeriesId> driftedSeries(SeriesModel model) {
        List<GenerationReport.SeriesId> out = new ArrayList<>();
        for (Catalog.Series s : catalog.series) {
            if (model.drifted(s.index())) {
                out.add(new GenerationReport.SeriesId(s.dataset().uuid(), s.rule().code()));
            }
        }
        return List.copyOf(out);
    }

    private static GenerationReport withFiles(GenerationReport r, List<String> files) {
        return new GenerationReport(
                r.rowsWritten(),
                r.validRows(),
                r.badRowsByReason(),
                r.validByStatus(),
                r.seriesCount(),
                r.datasets(),
                r.knownRules(),
                r.startDate(),
                r.endDate(),
                r.seed(),
                files,
                r.driftDate(),
                r.driftFraction(),
                r.driftSize(),
                r.driftedSeries(),
                r.unknownRuleCodes());
    }
}
