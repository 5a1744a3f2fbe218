package com.dataquality.dqs.cli;

import com.dataquality.dqs.InputException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dqs stop --savepoint-dir DIR}: stops the running job with a savepoint, through Flink's
 * REST API, and prints the savepoint's path for {@code dqs run --from-savepoint}.
 */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        description = "Stops the running dqs job with a savepoint and prints the savepoint's path.")
final class StopCommand implements Callable<Integer> {

    @Option(
            names = "--savepoint-dir",
            required = true,
            paramLabel = "DIR",
            description = "Where the savepoint goes.")
    Path savepointDir;

    @Option(
            names = "--rest",
            defaultValue = "http://127.0.0.1:8081",
            paramLabel = "URL",
            description = "Flink REST API (default: ${DEFAULT-VALUE}).")
    String rest;

    @Option(names = "--job-id", paramLabel = "ID", description = "Which job, when several run.")
    String jobId;

    @Option(
            names = "--drain",
            description =
                    "Finish the job instead of pausing it: every open day closes, the final"
                            + " summary files are written, then the savepoint is taken (resume"
                            + " only if more input is expected).")
    boolean drain;

    @Option(
            names = "--timeout",
            defaultValue = "5min",
            converter = DurationConverter.class,
            paramLabel = "D",
            description = "How long to wait for the savepoint (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FlinkRest api = new FlinkRest(rest);
        String job = jobId != null ? jobId : runningJob(api);
        String target = savepointDir.toAbsolutePath().toUri().toString();
        JsonNode trigger =
                api.post(
                        "/jobs/" + job + "/stop",
                        Map.of("targetDirectory", target, "drain", drain));
        String request = trigger.path("request-id").asText();
        long triggeredAt = System.currentTimeMillis();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status;
            try {
                status = api.get("/jobs/" + job + "/savepoints/" + request);
            } catch (InputException gone) {
                // An embedded job's REST API ends with the job, which may be before we asked
                // how the savepoint went: it is then the one written since we triggered it.
                Path written = newestSavepoint(savepointDir, triggeredAt);
                if (written == null) {
                    throw gone;
                }
                spec.commandLine().getOut().println(written.toUri());
                spec.commandLine().getOut().flush();
                return 0;
            }
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode op = status.path("operation");
                if (op.has("location")) {
                    spec.commandLine().getOut().println(op.get("location").asText());
                    spec.commandLine().getOut().flush();
                    return 0;
                }
                throw new InputException(
                        "the savepoint failed: "
                                + op.path("failure-cause")
                                        .path("stack-trace")
                                        .asText("")
                                        .lines()
                                        .findFirst()
                                        .orElse("unknown cause"));
            }
            Thread.sleep(250);
        }
        throw new InputException("no savepoint after " + timeout + "; the job is still running");
    }

    /** The newest complete savepoint (it has its _metadata) written after {@code since}. */
    static Path newestSavepoint(Path dir, long since) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return null;
        }
        try (var entries = java.nio.file.Files.list(dir)) {
            return entries.filter(p -> java.nio.file.Files.exists(p.resolve("_metadata")))
                    .filter(p -> p.toFile().lastModified() >= since - 1000)
                    .max(java.util.Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .orElse(null);
        }
    }

    /** The one running job, or a clear message when there are none or several. */
    private static String runningJob(FlinkRest api) {
        List<String> running = new ArrayList<>();
        for (JsonNode job : api.get("/jobs/overview").path("jobs")) {
            if ("RUNNING".equals(job.path("state").asText())) {
                running.add(job.path("jid").asText());
            }
        }
        if (running.isEmpty()) {
            throw new InputException("no running job to stop");
        }
        if (running.size() > 1) {
            throw new InputException(
                    "several jobs are running ("
                            + String.join(", ", running)
                            + "): choose one with --job-id");
        }
        return running.get(0);
    }
}
