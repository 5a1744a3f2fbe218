package com.dataquality.dqs.cli;

import static com.dataquality.dqs.cli.CliRunner.dqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.generate.Generator;
import com.dataquality.dqs.generate.GeneratorConfig;
import com.dataquality.dqs.io.FileOutputs;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.ModelRegistry;
import com.dataquality.dqs.model.Trainer;
import com.dataquality.dqs.retrain.HistoryFiles;
import com.dataquality.dqs.retrain.RetrainLoop;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed loop end to end on generated data: the streaming job detects an injected drift,
 * triggers a retraining, its own retrainer publishes a better model into the watched models
 * directory and the job swaps to it; on stationary data nothing fires.
 */
class DriftLoopTest {
    private static final LocalDate DRIFT = LocalDate.of(2024, 8, 1);
    private static final String TRAIN_UNTIL = "2024-06-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    /** Generated data split into one file per month, so a continuous run can be fed in steps. */
    private static TreeMap<Integer, Path> monthlyFiles(GeneratorConfig cfg, Path dir)
            throws IOException {
        Path gen = Files.createDirectories(dir.resolve("generated"));
        new Generator(cfg).writeTo(gen, Generator.Progress.NONE);
        List<String> lines = Files.readAllLines(gen.resolve(Generator.dataFileName(0, 1)));
        TreeMap<Integer, List<String>> byMonth = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 3);
            int month = 1;
            // Dates come as YYYY-MM-DD or as a date-time; defective rows stay in January.
            if (f.length > 2 && f[1].matches("2024-(0[1-9]|1[0-2])-\\d{2}.*")) {
                month = Integer.parseInt(f[1].substring(5, 7));
            }
            byMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(line);
        }
        Path staging = Files.createDirectories(dir.resolve("months"));
        TreeMap<Integer, Path> out = new TreeMap<>();
        for (var e : byMonth.entrySet()) {
            List<String> content = new ArrayList<>();
            content.add(lines.get(0));
            content.addAll(e.getValue());
            Path f = staging.resolve(String.format("month-%02d.csv", e.getKey()));
            Files.write(f, content);
            out.put(e.getKey(), f);
        }
        Files.copy(gen.resolve(Generator.RULES_FILE), dir.resolve("rules.json"));
        return out;
    }

    /** The model the job starts with: trained on January to May, active in a new registry. */
    private static Path initialModel(TreeMap<Integer, Path> months, Path registry) {
        HistoryFiles.Read read =
                HistoryFiles.read(
                        months.headMap(6).values().stream().toList(),
                        (int) LocalDate.parse(TRAIN_UNTIL).toEpochDay() - 1);
        ForecastModel m =
                new Trainer(x -> {}).train(read.table().series(), read.valid(), Instant.now());
        ModelRegistry reg = new ModelRegistry(registry);
        reg.add(m);
        reg.promote(m.version());
        return registry.resolve(m.version() + ModelFile.SUFFIX);
    }

    private record Realized(String date, String version, double absError) {}

    /** The rows of {@code realized.csv}: date, model version, absolute error. */
    private static List<Realized> realized(Path realizedCsv) throws IOException {
        List<Realized> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(realizedCsv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            out.add(new Realized(f[2], f[4], Double.parseDouble(f[6])));
        }
        return out;
    }

    private static boolean predictedThrough(Path predictions, String date) throws IOException {
        if (!Files.exists(predictions)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(predictions)) {
            return lines.skip(1).anyMatch(l -> l.split(",", 4)[2].compareTo(date) >= 0);
        }
    }

    private static void await(String what, long seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file)) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    private static List<Path> modelFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(ModelFile.SUFFIX)).toList();
        }
    }

    @Test
    void injectedDriftIsDetectedRetrainedAndSwappedLiveToALowerError() throws Exception {
        TreeMap<Integer, Path> months =
                monthlyFiles(
                        GeneratorConfig.builder().seed(42).drift(DRIFT, 0.5, -0.4).build(), tmp);
        Path registry = Files.createDirectories(tmp.resolve("registry"));
        Path model = initialModel(months, registry);
        String initial = new ModelRegistry(registry).activeVersion().orElseThrow();
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path out = tmp.resolve("out");
        Path predictions = out.resolve(FileOutputs.PREDICTIONS);
        int port = CliRunner.freePort();
        CompletableFuture<CliRunner.Run> job =
                CompletableFuture.supplyAsync(
                        () ->
                                dqs(
                                        "run",
                                        "--rules",
                                        tmp.resolve("rules.json").toString(),
                                        "--input",
                                        in.toString(),
                                        "--continuous",
                                        "--monitor-interval",
                                        "200ms",
                                        "--checkpoint-interval",
                                        "300ms",
                                        "--model",
                                        model.toString(),
                                        "--models-dir",
                                        models.toString(),
                                        "--auto-retrain",
                                        "--registry",
                                        registry.toString(),
                                        "--output-dir",
                                        out.toString(),
                                        "--web-ui-port",
                                        Integer.toString(port)));
        try {
            for (var month : months.entrySet()) {
                // Hidden while written, then renamed: the watcher never reads half a file.
                Path hidden = in.resolve("." + month.getValue().getFileName());
                Files.copy(month.getValue(), hidden);
                Files.move(
                        hidden,
                        in.resolve(month.getValue().getFileName()),
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                LocalDate last = LocalDate.of(2024, month.getKey(), 1).plusMonths(1).minusDays(2);
                await(
                        "forecasts through " + last,
                        30,
                        () -> predictedThrough(predictions, last.toString()));
                if (month.getKey() == DRIFT.getMonthValue()) {
                    // The job's retrainer works in the background: let its model arrive
                    // before the rest of the year is fed.
                    await("a retrained model", 40, () -> !modelFiles(models).isEmpty());
                }
            }
        } finally {
            CliRunner.Run stop =
                    dqs(
                            "stop",
                            "--savepoint-dir",
                            tmp.resolve("savepoints").toString(),
                            "--rest",
                            "http://127.0.0.1:" + port);
            assertEquals(0, stop.exitCode(), stop.err());
            assertEquals(0, job.get(60, TimeUnit.SECONDS).exitCode());
        }

        List<JsonNode> events = jsonLines(out.resolve(FileOutputs.DRIFT_EVENTS));
        assertFalse(events.isEmpty(), "no drift event");
        LocalDate first = LocalDate.parse(events.get(0).get("business_date").asText());
        assertTrue(
                !first.isBefore(DRIFT) && !first.isAfter(DRIFT.plusDays(3)),
                "first drift event on " + first + ": " + events.get(0));
        assertFalse(jsonLines(out.resolve(FileOutputs.RETRAIN_TRIGGERS)).isEmpty());
        List<JsonNode> log = jsonLines(registry.resolve(RetrainLoop.LOG));
        assertTrue(log.stream().anyMatch(n -> n.get("promoted").asBoolean()), log.toString());

        List<Realized> rows = realized(out.resolve(FileOutputs.REALIZED));
        double beforeSum = 0;
        int before = 0;
        double afterSum = 0;
        int after = 0;
        for (Realized r : rows) {
            if (r.version().equals(initial)) {
                if (r.date().compareTo(DRIFT.toString()) >= 0) {
                    beforeSum += r.absError();
                    before++;
                }
            } else {
                afterSum += r.absError();
                after++;
            }
        }
        assertTrue(after > 0, "no forecast of a retrained model was realized");
        assertTrue(
                afterSum / after < beforeSum / before,
                String.format(
                        "MAE after the swap %.3f (%d rows) vs after the drift before it %.3f (%d rows)",
                        afterSum / after, after, beforeSum / before, before));
    }

    @Test
    void aStationaryYearRaisesNoDriftAndRetrainsNothing() throws Exception {
        TreeMap<Integer, Path> months =
                monthlyFiles(GeneratorConfig.builder().seed(7).build(), tmp);
        Path registry = Files.createDirectories(tmp.resolve("registry"));
        Path model = initialModel(months, registry);
        // One file read in date order: a bounded run of several files may read a later month
        // first, and the earlier months' records would then be late.
        Path in = tmp.resolve("generated").resolve(Generator.dataFileName(0, 1));
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path out = tmp.resolve("out");
        CliRunner.Run run =
                dqs(
                        "run",
                        "--rules",
                        tmp.resolve("rules.json").toString(),
                        "--input",
                        in.toString(),
                        "--model",
                        model.toString(),
                        "--models-dir",
                        models.toString(),
                        "--auto-retrain",
                        "--registry",
                        registry.toString(),
                        "--output-dir",
                        out.toString(),
                        "--parallelism",
                        "2",
                        "--web-ui-port",
                        Integer.toString(CliRunner.freePort()));
        assertEquals(0, run.exitCode(), run.err());
        int realized = realized(out.resolve(FileOutputs.REALIZED)).size();
        assertTrue(realized > 10_000, realized + " realized forecasts");
        assertEquals(List.of(), jsonLines(out.resolve(FileOutputs.DRIFT_EVENTS)));
        assertEquals(List.of(), jsonLines(out.resolve(FileOutputs.RETRAIN_TRIGGERS)));
        assertFalse(Files.exists(registry.resolve(RetrainLoop.LOG)));
        assertEquals(List.of(), modelFiles(models));
    }

    @Test
    void autoRetrainWithoutARegistryOrModelsDirIsOneLine() throws Exception {
        Path csv = Files.writeString(tmp.resolve("x.csv"), "business_date\n");
        Path rules = Files.writeString(tmp.resolve("rules.json"), "{}");
        CliRunner.Run run =
                dqs(
                        "run",
                        "--rules",
                        rules.toString(),
                        "--input",
                        csv.toString(),
                        "--auto-retrain");
        assertEquals(2, run.exitCode());
        assertTrue(
                run.err().contains("--auto-retrain needs --registry DIR and --models-dir DIR"),
                run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());

        Path dir = Files.createDirectories(tmp.resolve("dir"));
        CliRunner.Run shortWindow =
                dqs(
                        "run",
                        "--rules",
                        rules.toString(),
                        "--input",
                        csv.toString(),
                        "--auto-retrain",
                        "--registry",
                        dir.toString(),
                        "--models-dir",
                        dir.toString(),
                        "--retrain-train-days",
                        "3");
        assertEquals(2, shortWindow.exitCode());
        assertTrue(shortWindow.err().contains("--retrain-train-days must be at least 14"));
        assertEquals(1, shortWindow.err().strip().lines().count(), shortWindow.err());

        CliRunner.Run noRegistry =
                dqs(
                        "run",
                        "--rules",
                        rules.toString(),
                        "--input",
                        csv.toString(),
                        "--auto-retrain",
                        "--registry",
                        tmp.resolve("missing").toString(),
                        "--models-dir",
                        dir.toString());
        assertEquals(1, noRegistry.exitCode());
        assertTrue(noRegistry.err().contains("is not a directory"), noRegistry.err());
    }
}
