package com.dataquality.dqs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local Flink session cluster of {@code scripts/flink-local.sh} (a JobManager and TaskManagers
 * as separate JVMs), driven through the script, the Flink CLI it wraps and the REST API.
 */
final class LocalFlink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");
    private static final Pattern PROMETHEUS_PORT =
            Pattern.compile("Started PrometheusReporter HTTP server on port (\\d+)");

    private final Commands commands;
    private final Path dir;
    private final String rest;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    LocalFlink(Commands commands, Path dir, int restPort) {
        this.commands = commands;
        this.dir = dir;
        this.rest = "http://127.0.0.1:" + restPort;
    }

    private List<String> script(Object... args) {
        return Commands.list("scripts/flink-local.sh", List.of(args));
    }

    void start(int taskManagers) {
        commands.ok("flink-start", Duration.ofMinutes(4), script("start", taskManagers));
    }

    /** Stops every process of this cluster; safe to call when nothing runs. */
    Commands.Result stop() {
        return commands.run("flink-stop", Duration.ofMinutes(2), script("stop"));
    }

    void killTaskManager(int i) {
        commands.ok("flink-kill-tm-" + i, Duration.ofSeconds(30), script("kill-tm", i));
    }

    void startTaskManager(int i) {
        commands.ok("flink-start-tm-" + i, Duration.ofMinutes(3), script("start-tm", i));
    }

    /** {@code flink ARGS...} through the script; returns its output. */
    Commands.Result flink(String name, Object... args) {
        return commands.ok(name, Duration.ofMinutes(3), script("flink", List.of(args)));
    }

    /** {@code flink run -d ...}; returns the submitted job's id. */
    String submit(String name, List<String> runArgs) {
        Commands.Result r = flink(name, runArgs.toArray());
        Matcher m = JOB_ID.matcher(r.output());
        if (!m.find()) {
            throw new AssertionError(
                    name + ": no job id in the output of flink run (" + r.log() + ")");
        }
        return m.group(1);
    }

    /** {@code flink stop --savepointPath DIR JOB}; returns the savepoint's path. */
    String stopWithSavepoint(String jobId, Path savepointDir) {
        Commands.Result r =
                flink(
                        "flink-stop-with-savepoint",
                        "stop",
                        "--savepointPath",
                        savepointDir.toUri().toString(),
                        jobId);
        Matcher m = SAVEPOINT.matcher(r.output());
        if (!m.find()) {
            throw new AssertionError(
                    "flink stop: no 'Savepoint completed. Path:' in its output (" + r.log() + ")");
        }
        return m.group(1);
    }

    JsonNode get(String path) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(rest + path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(
                        "GET " + path + ": HTTP " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + rest + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The job's state and the statuses of its vertices, e.g. "RUNNING [RUNNING]". */
    String jobStatus(String jobId) {
        JsonNode job = get("/jobs/" + jobId);
        List<String> statuses = new ArrayList<>();
        for (JsonNode v : job.path("vertices")) {
            String s = v.path("status").asText();
            if (!statuses.contains(s)) {
                statuses.add(s);
            }
        }
        return job.path("state").asText() + " " + statuses;
    }

    /** Waits until the job and every one of its tasks run. */
    void awaitRunning(String jobId, Duration timeout) throws InterruptedException {
        awaitStatus(jobId, "RUNNING [RUNNING]", timeout);
    }

    /**
     * Waits until {@link #jobStatus} is {@code status}, or the job's state is {@code status} when
     * it names only a state ("CANCELED").
     */
    void awaitStatus(String jobId, String status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = jobStatus(jobId);
            } catch (AssertionError e) {
                last = e.getMessage();
            }
            if (last.equals(status) || last.startsWith(status + " [")) {
                return;
            }
            if (last.startsWith("FAILED") || last.startsWith("CANCELED")) {
                break;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "job "
                        + jobId
                        + ": expected '"
                        + status
                        + "' within "
                        + timeout.toSeconds()
                        + " s, last seen '"
                        + last
                        + "'; exceptions: "
                        + exceptions(jobId)
                        + "; logs in "
                        + logs());
    }

    /** The root exception the JobManager keeps for a job, or "none". */
    String exceptions(String jobId) {
        try {
            JsonNode ex = get("/jobs/" + jobId + "/exceptions");
            String root = ex.path("root-exception").asText("");
            return root.isEmpty() ? "none" : String.join(" | ", root.lines().limit(8).toList());
        } catch (AssertionError e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    /** Running subtasks per TaskManager id (tm-1, tm-2, ...), over every vertex of the job. */
    Map<String, Integer> runningTasksPerTaskManager(String jobId) {
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            JsonNode tms =
                    get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers");
            for (JsonNode tm : tms.path("taskmanagers")) {
                int running = tm.path("status-counts").path("RUNNING").asInt();
                if (running > 0) {
                    out.merge(tm.path("taskmanager-id").asText(), running, Integer::sum);
                }
            }
        }
        return out;
    }

    /** The Prometheus port TaskManager i opened in its current run (from its log). */
    int prometheusPort(int i) throws IOException {
        Path log = logs().resolve("taskmanager-" + i + ".log");
        Matcher m = PROMETHEUS_PORT.matcher(Files.readString(log));
        int port = -1;
        while (m.find()) {
            port = Integer.parseInt(m.group(1));
        }
        if (port < 0) {
            throw new AssertionError("no 'Started PrometheusReporter' line in " + log);
        }
        return port;
    }

    /** GET of a URL as text. */
    String text(String url) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + url + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    Path logs() {
        return dir.resolve("log");
    }

    Path dir() {
        return dir;
    }
}
