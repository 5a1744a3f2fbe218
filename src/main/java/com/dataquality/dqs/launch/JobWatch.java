package com.dataquality.dqs.launch;

import com.dataquality.dqs.stream.MetricNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/**
 * Watches an embedded job for the console: how many records a bounded run has read, and every
 * restart after a failure with its cause on one line (the stack trace is in the log), so that a run
 * that keeps failing says so instead of restarting silently.
 */
final class JobWatch implements AutoCloseable {
    private static final long POLL_MILLIS = 1_000;
    private static final long PROGRESS_MILLIS = 3_000;

    private final JobClient client;
    private final int restPort;
    private final boolean bounded;
    private final PrintWriter err;
    private final Thread thread;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean stopped;

    private JobWatch(JobClient client, int restPort, boolean bounded, PrintWriter err) {
        this.client = client;
        this.restPort = restPort;
        this.bounded = bounded;
        this.err = err;
        this.thread = new Thread(this::watch, "dqs-job-watch");
        thread.setDaemon(true);
    }

    static JobWatch start(JobClient client, int restPort, boolean bounded, PrintWriter err) {
        JobWatch w = new JobWatch(client, restPort, bounded, err);
        w.thread.start();
        return w;
    }

    private void watch() {
        int restarts = 0;
        boolean restarting = false;
        long lastProgress = System.currentTimeMillis();
        try {
            while (!stopped) {
                Thread.sleep(POLL_MILLIS);
                JobStatus status = client.getJobStatus().get(5, TimeUnit.SECONDS);
                if (status == JobStatus.RESTARTING && !restarting) {
                    restarts++;
                    say(
                            "dqs run: the job failed and restarts ("
                                    + restarts
                                    + (restarts == 1 ? " restart" : " restarts")
                                    + "): "
                                    + lastFailure()
                                    + (restarts >= 3
                                            ? "; it keeps failing, see the log for details"
                                            : ""));
                }
                restarting = status == JobStatus.RESTARTING;
                if (bounded && System.currentTimeMillis() - lastProgress >= PROGRESS_MILLIS) {
                    lastProgress = System.currentTimeMillis();
                    Map<String, Object> acc = client.getAccumulators().get(5, TimeUnit.SECONDS);
                    if (acc.get(MetricNames.RECORDS_READ) instanceof Number n) {
                        say(String.format("dqs run: %,d records read", n.longValue()));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The job ended or the mini cluster went away: the result says why.
        }
    }

    private void say(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    /** The root cause of the job's latest failure, on one line, from the REST API. */
    private String lastFailure() {
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + restPort
                                                            + "/jobs/"
                                                            + client.getJobID()
                                                            + "/exceptions?maxExceptions=1"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode entry =
                    new ObjectMapper()
                            .readTree(r.body())
                            .path("exceptionHistory")
                            .path("entries")
                            .path(0);
            return rootCause(entry.path("stacktrace").asText(entry.path("exceptionName").asText()));
        } catch (Exception e) {
            return "cause unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** The deepest "Caused by" line of a stack trace, or its first line. */
    static String rootCause(String stackTrace) {
        String cause = null;
        for (String line : stackTrace.lines().toList()) {
            if (cause == null) {
                cause = line;
            }
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause == null || cause.isBlank() ? "unknown cause" : cause.trim();
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
