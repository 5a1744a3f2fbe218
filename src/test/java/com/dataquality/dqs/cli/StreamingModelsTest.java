package com.dataquality.dqs.cli;

import static com.dataquality.dqs.cli.CliRunner.dqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.TestCsv;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.TestModels;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job's model life cycle, end to end through the CLI: a model to start with, a live
 * swap through the watched models directory, metrics read back through the REST API, a stop with a
 * savepoint and a restore at another parallelism that keeps the model, and a restore with {@code
 * --model} that replaces it.
 */
class StreamingModelsTest {
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final List<String> SERIES = List.of("ds-1/100", "ds-2/101");

    @TempDir Path tmp;

    /** One file per day: each series runs four times, three pass. */
    private static void dropDay(Path in, int day) throws Exception {
        String date = START.plusDays(day).toString();
        List<String> rows = new ArrayList<>();
        for (String s : SERIES) {
            String[] parts = s.split("/");
            for (int i = 0; i < 4; i++) {
                rows.add(WatchedInputs.row(parts[0], parts[1], date, i == 0 ? "Fail" : "Pass"));
            }
        }
        WatchedInputs.drop(in, "day-" + day + ".csv", rows);
    }

    private static String date(int day) {
        return START.plusDays(day).toString();
    }

    private static List<Map<String, String>> forecastsThrough(Path out, int lastDay)
            throws Exception {
        return WatchedInputs.awaitCsvRows(
                out.resolve("predictions.csv"),
                rows ->
                        rows.stream()
                                        .filter(r -> r.get("business_date").equals(date(lastDay)))
                                        .count()
                                == SERIES.size());
    }

    private static String metric(FlinkRest api, String vertexName, String metricSuffix) {
        String job = runningJob(api);
        for (JsonNode v : api.get("/jobs/" + job).path("vertices")) {
            if (!v.path("name").asText().contains(vertexName)) {
                continue;
            }
            String path = "/jobs/" + job + "/vertices/" + v.path("id").asText() + "/metrics";
            for (JsonNode m : api.get(path)) {
                String id = m.path("id").asText();
                if (id.endsWith(".dqs." + metricSuffix)) {
                    return api.get(path + "?get=" + id).get(0).path("value").asText();
                }
            }
        }
        return null;
    }

    /** The metric's value, or null while the job or its REST API is not up yet. */
    static String metricOrNull(FlinkRest api, String vertexName, String metricSuffix) {
        try {
            return metric(api, vertexName, metricSuffix);
        } catch (RuntimeException | AssertionError e) {
            return null;
        }
    }

    private static String runningJob(FlinkRest api) {
        for (JsonNode j : api.get("/jobs/overview").path("jobs")) {
            if ("RUNNING".equals(j.path("state").asText())) {
                return j.path("jid").asText();
            }
        }
        throw new AssertionError("no running job");
    }

    private static void awaitMetric(FlinkRest api, String vertex, String metric, String expected)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String value = null;
        while (System.nanoTime() < deadline) {
            try {
                value = metric(api, vertex, metric);
            } catch (RuntimeException e) {
                value = e.getMessage(); // the REST API is still starting
            }
            if (expected.equals(value)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(metric + " is " + value + ", expected " + expected);
    }

    private String stop(int port) {
        CliRunner.Run stop =
                dqs(
                        "stop",
                        "--savepoint-dir",
                        tmp.resolve("savepoints").toString(),
                        "--rest",
                        "http://127.0.0.1:" + port);
        assertEquals(0, stop.exitCode(), stop.err());
        return stop.out().strip();
    }

    @Test
    void modelsSwapLiveAndSurviveSavepoints() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path out = tmp.resolve("out");
        Path v1File = tmp.resolve("v1.model.json");
        ModelFile.write(TestModels.withVersion(TestModels.small(), "test-v1"), v1File);
        int port = CliRunner.freePort();
        FlinkRest api = new FlinkRest("http://127.0.0.1:" + port);
        List<String> common =
                List.of(
                        "run",
                        "--rules",
                        rules().toString(),
                        "--input",
                        in.toString(),
                        "--continuous",
                        "--models-dir",
                        models.toString(),
                        "--monitor-interval",
                        "200ms",
                        "--checkpoint-interval",
                        "300ms",
                        "--output-dir",
                        out.toString(),
                        "--web-ui-port",
                        Integer.toString(port));

        // 1. Start with v1; days 0..3 close days 0..2: forecasts of days 1..3 with v1.
        List<String> first = new ArrayList<>(common);
        first.addAll(List.of("--model", v1File.toString()));
        CompletableFuture<CliRunner.Run> run1 =
                CompletableFuture.supplyAsync(() -> dqs(first.toArray(String[]::new)));
        for (int d = 0; d <= 3; d++) {
            dropDay(in, d);
        }
        forecastsThrough(out, 3);
        awaitMetric(
                api,
                "Route records, combine per key and day",
                "records_read",
                Integer.toString(4 * 4 * SERIES.size() / 2 * 2));

        // 2. A new model lands in the watched directory: later forecasts carry its version.
        ForecastModel v2 = TestModels.withVersion(TestModels.small(), "test-v2");
        ModelFile.write(v2, models.resolve("v2.model.json"));
        awaitMetric(api, "Forecast next day", "model_version", "test-v2");
        for (int d = 4; d <= 6; d++) {
            dropDay(in, d);
        }
        forecastsThrough(out, 6);
        assertEquals(
                "1",
                metric(api, "Forecast next day", "model_swaps"),
                "v2 replaced the model the run started with");

        // 3. Stop with a savepoint; resume at parallelism 2 without --model: still v2.
        String savepoint1 = stop(port);
        assertEquals(0, run1.get(60, TimeUnit.SECONDS).exitCode());
        List<String> second = new ArrayList<>(common);
        second.addAll(List.of("--from-savepoint", savepoint1, "--parallelism", "2"));
        CompletableFuture<CliRunner.Run> run2 =
                CompletableFuture.supplyAsync(() -> dqs(second.toArray(String[]::new)));
        dropDay(in, 7);
        forecastsThrough(out, 7);

        // 4. Stop again; resume with --model v3: it replaces the restored model.
        String savepoint2 = stop(port);
        assertEquals(0, run2.get(60, TimeUnit.SECONDS).exitCode());
        Path v3File = tmp.resolve("v3.model.json");
        ModelFile.write(TestModels.withVersion(TestModels.small(), "test-v3"), v3File);
        List<String> third = new ArrayList<>(common);
        third.addAll(List.of("--from-savepoint", savepoint2, "--model", v3File.toString()));
        CompletableFuture<CliRunner.Run> run3 =
                CompletableFuture.supplyAsync(() -> dqs(third.toArray(String[]::new)));
        dropDay(in, 8);
        List<Map<String, String>> rows = forecastsThrough(out, 8);
        stop(port);
        assertEquals(0, run3.get(60, TimeUnit.SECONDS).exitCode());

        // Every day 1..8 of every series forecast exactly once, with the model of its time.
        Set<String> seen = new HashSet<>();
        for (Map<String, String> r : rows) {
            String key =
                    r.get("dataset_uuid") + "/" + r.get("rule_code") + "/" + r.get("business_date");
            assertTrue(seen.add(key), "forecast twice: " + key);
            int day =
                    (int)
                            (LocalDate.parse(r.get("business_date")).toEpochDay()
                                    - START.toEpochDay());
            String expected = day <= 3 ? "test-v1" : day <= 7 ? "test-v2" : "test-v3";
            assertEquals(expected, r.get("model_version"), key);
        }
        assertEquals(8 * SERIES.size(), seen.size(), seen.toString());
        // Realized values came for days 1..7 across both restarts (the pending forecast is state),
        // each once.
        List<Map<String, String>> realized = TestCsv.rows(out.resolve("realized.csv"));
        Set<String> realizedDays = new HashSet<>();
        for (Map<String, String> r : realized) {
            assertEquals(25.0, 100 - Double.parseDouble(r.get("actual_pass_percentage")), 1e-9);
            assertTrue(
                    realizedDays.add(
                            r.get("dataset_uuid")
                                    + "/"
                                    + r.get("rule_code")
                                    + "/"
                                    + r.get("business_date")),
                    "realized twice: " + r);
        }
        assertEquals(7 * SERIES.size(), realizedDays.size());
    }

    private static Path rules() throws Exception {
        return Path.of(StreamingModelsTest.class.getResource("/golden/rules.json").toURI());
    }
}
