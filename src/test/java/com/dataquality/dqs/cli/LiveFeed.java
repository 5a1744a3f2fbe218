package com.dataquality.dqs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dataquality.dqs.generate.Generator;
import com.dataquality.dqs.generate.GeneratorConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Feeding a continuous {@code dqs run} month by month, as a data team's daily drops would, and
 * watching its outputs: the helpers of the end-to-end tests of the live model loop.
 */
final class LiveFeed {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveFeed() {}

    /**
     * Generated data (2024) split into one file per month, so a continuous run can be fed in steps;
     * the rules file is copied to {@code dir/rules.json}.
     */
    static TreeMap<Integer, Path> monthlyFiles(GeneratorConfig cfg, Path dir) throws IOException {
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

    /**
     * A continuous {@code dqs run} in this JVM, watching a directory (new files looked for every
     * 200 ms, checkpoints every 300 ms, the dashboard on a free port), stopped with a savepoint.
     */
    static final class Job {
        private final int port;
        private final CompletableFuture<CliRunner.Run> run;

        private Job(int port, CompletableFuture<CliRunner.Run> run) {
            this.port = port;
            this.run = run;
        }

        /**
         * Starts {@code dqs run --continuous} on {@code in}, with more options in {@code extra}.
         */
        static Job start(Path rules, Path in, Path out, String... extra) throws IOException {
            int port = CliRunner.freePort();
            List<String> args = continuousArgs(rules, in, out, port, "300ms");
            args.addAll(List.of(extra));
            return new Job(
                    port,
                    CompletableFuture.supplyAsync(
                            () -> CliRunner.dqs(args.toArray(String[]::new))));
        }

        int restPort() {
            return port;
        }

        /** Stops the job with a savepoint into {@code dir}; both commands must succeed. */
        String stop(Path dir) throws Exception {
            CliRunner.Run stop =
                    CliRunner.dqs(
                            "stop",
                            "--savepoint-dir",
                            dir.toString(),
                            "--rest",
                            "http://127.0.0.1:" + port);
            CliRunner.Run job = run.get(60, TimeUnit.SECONDS);
            assertEquals(0, stop.exitCode(), stop.err());
            assertEquals(0, job.exitCode(), job.err());
            return stop.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        }
    }

    /** Drops a file into a watched directory: hidden while written, then renamed. */
    static void drop(Path file, Path watched) throws IOException {
        Path hidden = watched.resolve("." + file.getFileName());
        Files.copy(file, hidden);
        Files.move(hidden, watched.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Whether predictions.csv holds a forecast for {@code date} (ISO) or later. */
    static boolean predictedThrough(Path predictions, String date) throws IOException {
        if (!Files.exists(predictions)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(predictions)) {
            return lines.skip(1).anyMatch(l -> l.split(",", 4)[2].compareTo(date) >= 0);
        }
    }

    static void await(String what, long seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /**
     * The smallest value over all subtasks of an operator metric whose id ends with {@code suffix},
     * read from the running job's REST API; NaN while there is none (yet).
     */
    static double minOperatorMetric(int restPort, String suffix) throws Exception {
        String base = "http://127.0.0.1:" + restPort;
        for (JsonNode job : get(base + "/jobs/overview").path("jobs")) {
            if (!job.path("state").asText().equals("RUNNING")) {
                continue;
            }
            String jobUrl = base + "/jobs/" + job.path("jid").asText();
            for (JsonNode v : get(jobUrl).path("vertices")) {
                String metrics =
                        jobUrl + "/vertices/" + v.path("id").asText() + "/subtasks/metrics";
                for (JsonNode m : get(metrics)) {
                    String id = m.path("id").asText();
                    if (id.endsWith("." + suffix)) {
                        JsonNode value = get(metrics + "?agg=min&get=" + id).path(0).path("min");
                        return value.isMissingNode() ? Double.NaN : value.asDouble();
                    }
                }
            }
        }
        return Double.NaN;
    }

    private static JsonNode get(String url) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response =
                client.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file)) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    /**
     * The arguments of a continuous {@code dqs run} that watches {@code in} closely (200 ms) and
     * checkpoints every {@code checkpointInterval}; a list to add more to.
     */
    static List<String> continuousArgs(
            Path rules, Path in, Path out, int port, String checkpointInterval) {
        return new ArrayList<>(
                List.of(
                        "run",
                        "--rules",
                        rules.toString(),
                        "--input",
                        in.toString(),
                        "--continuous",
                        "--monitor-interval",
                        "200ms",
                        "--checkpoint-interval",
                        checkpointInterval,
                        "--output-dir",
                        out.toString(),
                        "--web-ui-port",
                        Integer.toString(port)));
    }
}
