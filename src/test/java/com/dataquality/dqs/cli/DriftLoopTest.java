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
import java.util.Map;
import java.util.TreeMap;
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

    /** The model the job starts with: trained on January to May, active in a new registry. */
    private static Path initialModel(TreeMap<Integer, Path> months, Path registry) {
        HistoryFiles.Read read =
                HistoryFiles.read(
                        months.headMap(6).values().stream().toList(),
                        (int) LocalDate.parse(TRAIN_UNTIL).toEpochDay() - 1);
        ForecastModel m =
                new Trainer(x -> {}).train(read.table().series(), read.valid(), Instant.now());
        ModelRegistry reg = new ModelRegistry(registry);
        String version = reg.add(m);
        reg.promote(version);
        return registry.resolve(version + ModelFile.SUFFIX);
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

    /** Lines of a file another thread may be appending to, the last one only when complete. */
    private static long completeLines(Path file) throws IOException {
        return Files.exists(file)
                ? Files.readString(file).chars().filter(c -> c == '\n').count()
                : 0;
    }

    private static List<Path> modelFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    void injectedDriftIsDetectedRetrainedAndSwappedLiveToALowerError() throws Exception {
        TreeMap<Integer, Path> months =
                LiveFeed.monthlyFiles(
                        GeneratorConfig.builder().seed(42).drift(DRIFT, 0.5, -0.4).build(), tmp);
        Path registry = Files.createDirectories(tmp.resolve("registry"));
        Path model = initialModel(months, registry);
        String initial = new ModelRegistry(registry).activeVersion().orElseThrow();
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path out = tmp.resolve("out");
        Path predictions = out.resolve(FileOutputs.PREDICTIONS);
        LiveFeed.Job job =
                LiveFeed.Job.start(
                        tmp.resolve("rules.json"),
                        in,
                        out,
                        "--model",
                        model.toString(),
                        "--models-dir",
                        models.toString(),
                        "--auto-retrain",
                        "--registry",
                        registry.toString(),
                        "--auto-promote");
        try {
            for (var month : months.entrySet()) {
                LiveFeed.drop(month.getValue(), in);
                LocalDate last = LocalDate.of(2024, month.getKey(), 1).plusMonths(1).minusDays(2);
                LiveFeed.await(
                        "forecasts through " + last,
                        30,
                        () -> LiveFeed.predictedThrough(predictions, last.toString()));
                if (month.getKey() >= DRIFT.getMonthValue()) {
                    // The job's retrainer works in the background, seconds a turn: in real time
                    // it answers a trigger long before the next day closes, here a month is fed
                    // in seconds. Let it answer every trigger so far before the next month, as it
                    // would in real time (which trigger's candidate wins is its business).
                    LiveFeed.await(
                            "the retrainer's answer to every trigger so far",
                            60,
                            () ->
                                    completeLines(registry.resolve(RetrainLoop.LOG))
                                            >= completeLines(
                                                    out.resolve(FileOutputs.RETRAIN_TRIGGERS)));
                }
            }
        } finally {
            job.stop(tmp.resolve("savepoints"));
        }

        List<JsonNode> events = LiveFeed.jsonLines(out.resolve(FileOutputs.DRIFT_EVENTS));
        assertFalse(events.isEmpty(), "no drift event");
        LocalDate first = LocalDate.parse(events.get(0).get("business_date").asText());
        assertTrue(
                !first.isBefore(DRIFT) && !first.isAfter(DRIFT.plusDays(3)),
                "first drift event on " + first + ": " + events.get(0));
        assertFalse(LiveFeed.jsonLines(out.resolve(FileOutputs.RETRAIN_TRIGGERS)).isEmpty());
        List<JsonNode> log = LiveFeed.jsonLines(registry.resolve(RetrainLoop.LOG));
        assertTrue(log.stream().anyMatch(n -> n.get("promoted").asBoolean()), log.toString());

        // The retrained model arrived as a challenger, not as the champion: it forecast in
        // shadow until it had won on live data, significantly, over at least 14 days.
        List<JsonNode> comparisons = LiveFeed.jsonLines(out.resolve(FileOutputs.COMPARISONS));
        JsonNode promoted =
                comparisons.stream()
                        .filter(c -> c.get("verdict").asText().equals("promoted"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no promotion: " + comparisons));
        String winner = promoted.get("challenger").asText();
        assertEquals(initial, promoted.get("champion").asText());
        assertTrue(promoted.get("days").asInt() >= 14, promoted.toString());
        assertTrue(promoted.get("mean_abs_error_difference").asDouble() < 0, promoted.toString());
        assertTrue(promoted.get("ci_high").asDouble() < 0, promoted.toString());
        assertTrue(promoted.get("evidence").asDouble() >= 20, promoted.toString());
        String promotedOn = promoted.get("business_date").asText();
        assertTrue(
                Files.readAllLines(out.resolve(FileOutputs.SHADOW_PREDICTIONS)).stream()
                        .anyMatch(l -> l.split(",", -1)[4].equals(winner)),
                "the challenger forecast in shadow before its promotion");
        // The registry knows: the last winner is active, and the audit log says who, why and
        // with which figures (later retrains may have produced later winners).
        ModelRegistry reg = new ModelRegistry(registry);
        List<String> winners =
                comparisons.stream()
                        .filter(c -> c.get("verdict").asText().equals("promoted"))
                        .map(c -> c.get("challenger").asText())
                        .toList();
        assertEquals(winners.get(winners.size() - 1), reg.activeVersion().orElseThrow());
        List<Map<String, Object>> decisions =
                reg.audit().stream().filter(e -> "auto-promote".equals(e.get("by"))).toList();
        assertEquals(winners, decisions.stream().map(e -> e.get("version")).toList());
        assertTrue(decisions.get(0).containsKey("figures"), decisions.toString());
        // Realized primary forecasts of the winner all come after the day it was promoted.
        for (Realized r : realized(out.resolve(FileOutputs.REALIZED))) {
            if (r.version().equals(winner)) {
                assertTrue(r.date().compareTo(promotedOn) > 0, r + " before " + promotedOn);
            }
        }

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
                LiveFeed.monthlyFiles(GeneratorConfig.builder().seed(7).build(), tmp);
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
        assertEquals(List.of(), LiveFeed.jsonLines(out.resolve(FileOutputs.DRIFT_EVENTS)));
        assertEquals(List.of(), LiveFeed.jsonLines(out.resolve(FileOutputs.RETRAIN_TRIGGERS)));
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
