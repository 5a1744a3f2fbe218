package com.dataquality.dqs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.generate.GeneratorConfig;
import com.dataquality.dqs.io.FileOutputs;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.ServingDocument;
import com.dataquality.dqs.model.TestModels;
import com.dataquality.dqs.record.ModelRole;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dqs run --metrics-port}: Prometheus scrapes a running job on 127.0.0.1 and finds Flink's
 * and the job's metrics, the served model as a {@code model_info{version}} label that is the
 * model's version exactly, and every metric the shipped Grafana dashboard queries.
 */
class MonitoringTest {
    private static final Path DASHBOARD = Path.of("deploy/grafana/dashboards/dqs.json");
    private static final Pattern METRIC = Pattern.compile("\\b(flink_[A-Za-z0-9_]+)");
    private static final Pattern NAME_REGEX = Pattern.compile("__name__=~\"([^\"]+)\"");

    @TempDir Path tmp;

    /** Metric name to its samples' label sets, from the Prometheus text format. */
    private static Map<String, List<String>> scrape(int port) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + port + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        Map<String, List<String>> out = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(line);
        }
        return out;
    }

    /** The metric names and name patterns of every query of the dashboard. */
    static List<String> dashboardQueries() throws Exception {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                exprs.add(t.path("expr").asText());
            }
        }
        return exprs;
    }

    @Test
    void prometheusScrapesTheRunningJobAndFindsEveryDashboardMetric() throws Exception {
        TreeMap<Integer, Path> months =
                LiveFeed.monthlyFiles(GeneratorConfig.builder().seed(5).build(), tmp);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path out = tmp.resolve("out");
        Path champion = tmp.resolve("champion.model.json");
        ModelFile.write(TestModels.withVersion(TestModels.small(), "2.0.0+monitor"), champion);
        // A challenger from the start, so the comparison's gauges exist too.
        Files.write(
                models.resolve("challenger" + ServingDocument.SUFFIX),
                ServingDocument.serve(
                        ModelFile.toBytes(TestModels.withVersion(TestModels.medium(), "2.1.0-rc")),
                        ModelRole.CHALLENGER,
                        0));
        int metrics = CliRunner.freePort();
        LiveFeed.Job job =
                LiveFeed.Job.start(
                        tmp.resolve("rules.json"),
                        in,
                        out,
                        "--model",
                        champion.toString(),
                        "--models-dir",
                        models.toString(),
                        "--metrics-port",
                        Integer.toString(metrics));
        Map<String, List<String>> scraped;
        try {
            LiveFeed.drop(months.get(1), in);
            LiveFeed.drop(months.get(2), in);
            LiveFeed.await(
                    "a comparison of the challenger",
                    60,
                    () -> !LiveFeed.jsonLines(out.resolve(FileOutputs.COMPARISONS)).isEmpty());
            // Checkpoints have completed, and gauges are read at scrape time.
            LiveFeed.await(
                    "checkpoint metrics",
                    30,
                    () ->
                            scrape(metrics)
                                    .containsKey("flink_jobmanager_job_lastCheckpointDuration"));
            scraped = scrape(metrics);
        } finally {
            job.stop(tmp.resolve("savepoints"));
        }

        String prefix = "flink_taskmanager_job_task_operator_dqs_";
        assertTrue(value(scraped, prefix + "records_read") > 0);
        assertTrue(value(scraped, prefix + "records_dead_lettered") > 0);
        assertTrue(value(scraped, prefix + "forecasts_emitted") > 0);
        // The champion's version as it is, '+' and all, and the challenger's at 0.
        List<String> info = scraped.get(prefix + "version_model_info");
        assertTrue(
                info.stream()
                        .anyMatch(
                                l -> l.contains("version=\"2.0.0+monitor\"") && l.endsWith(" 1.0")),
                String.valueOf(info));
        assertTrue(
                info.stream()
                        .noneMatch(l -> l.contains("version=\"2.1.0-rc\"") && l.endsWith(" 1.0")),
                String.valueOf(info));

        TreeSet<String> missing = new TreeSet<>();
        for (String expr : dashboardQueries()) {
            Matcher regex = NAME_REGEX.matcher(expr);
            while (regex.find()) {
                Pattern p = Pattern.compile(regex.group(1));
                if (scraped.keySet().stream().noneMatch(n -> p.matcher(n).matches())) {
                    missing.add(regex.group(1));
                }
            }
            Matcher m = METRIC.matcher(expr.replaceAll("__name__=~\"[^\"]+\"", ""));
            while (m.find()) {
                if (!scraped.containsKey(m.group(1))) {
                    missing.add(m.group(1));
                }
            }
        }
        assertEquals(new TreeSet<>(), missing, "dashboard metrics the job does not export");
        assertFalse(dashboardQueries().isEmpty());
    }

    /** The sum over a metric's samples. */
    private static double value(Map<String, List<String>> scraped, String name) {
        List<String> lines = scraped.get(name);
        assertTrue(lines != null, name + " is not exported");
        return lines.stream()
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
