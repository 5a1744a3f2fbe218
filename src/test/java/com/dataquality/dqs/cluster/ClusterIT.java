package com.dataquality.dqs.cluster;

import com.dataquality.dqs.record.Keys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.MultipleFailuresError;

/**
 * Issue 10: the streaming job on a real multi-process deployment, driven as users drive it. A Kafka
 * broker ({@code scripts/kafka-local.sh}) and a Flink session cluster of one JobManager and two
 * TaskManagers ({@code scripts/flink-local.sh}), each a separate JVM; the job submitted with {@code
 * flink run} as docs/deployment.md says; records published with {@code dqs publish} in date-ordered
 * batches, with a TaskManager killed (SIGKILL) and restarted, a stop with savepoint and a resume
 * with {@code flink run -s}, a live model swap through the models topic, a drift trigger, and a
 * second (bounded backfill) job on the same cluster. Then every output is checked against {@code
 * dqs summarize} of the same records and against the forecasting rules.
 *
 * <p>Not part of {@code mvn verify}: {@code mvn -B -Pcluster-it verify -DskipUnitTests} (as {@code
 * .ci/run} does). Work files, logs of every command and the step timings are in {@code
 * target/cluster-it/}; the cluster's logs in {@code target/cluster-it-flink/log/}.
 */
class ClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path WORK = ROOT.resolve("target/cluster-it");
    private static final Path FLINK_DIR = ROOT.resolve("target/cluster-it-flink");
    private static final Path KAFKA_DIR = ROOT.resolve("target/cluster-it-kafka");
    private static final Path DQS_JAR = ROOT.resolve("target/dq-summarizer-0.1.0-SNAPSHOT.jar");
    private static final Path CLUSTER_JAR = ROOT.resolve("target/dq-summarizer-cluster.jar");

    // Ports away from the defaults of the embedded job (8081), the local scripts (9092, 18081,
    // 16123, 16124, 9250-9260) and Docker Compose (29092), so that a developer's session can run.
    private static final int KAFKA_PORT = Integer.getInteger("cluster.it.kafka.port", 29192);
    private static final int REST_PORT = Integer.getInteger("cluster.it.rest.port", 28081);
    private static final String PROM_PORTS =
            System.getProperty("cluster.it.prometheus.ports", "29250-29259");

    /** Two TaskManagers of two slots: the job takes three, the backfill the fourth. */
    private static final int TASK_MANAGERS = 2;

    /**
     * The job's parallelism, and the input topic's partitions: three slots span both TaskManagers
     * (so the kill hits tasks and records cross processes) and leave one for the second job. As
     * many partitions as source subtasks: a subtask without a partition would hold every day open
     * for --idle-timeout (1 min) after each start.
     */
    private static final int PARALLELISM = 3;

    private static final int PARTITIONS = 3;

    // The data: 82 days from Monday 2024-01-01 to Friday 2024-03-22, half of the series drifting
    // by -0.4 from 2024-02-19. The detector is warm 28 days after the first forecast.
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 82;
    private static final LocalDate DRIFT_DATE = LocalDate.of(2024, 2, 19);

    /** First day of each published batch; the model is swapped before the last one. */
    private static final List<LocalDate> BATCH_STARTS =
            List.of(
                    START,
                    LocalDate.of(2024, 1, 29),
                    LocalDate.of(2024, 2, 12),
                    LocalDate.of(2024, 2, 26));

    private static final String CLOSING_SOURCE = "cluster-it-closing";
    private static final String CLOSING_UUID_PREFIX = "00000000-0000-4000-8000-";

    private static final List<String> BACKFILL_TOPICS =
            List.of(
                    "--summaries-topic", "bf.summaries",
                    "--predictions-topic", "bf.predictions",
                    "--shadow-predictions-topic", "bf.shadow-predictions",
                    "--drift-topic", "bf.drift",
                    "--retrain-triggers-topic", "bf.retrain-triggers",
                    "--dead-letter-topic", "bf.dead-letters",
                    "--comparisons-topic", "bf.model-comparisons",
                    "--anomalies-topic", "bf.anomalies");

    private static Commands commands;
    private static LocalFlink flink;
    private static LocalKafka kafka;
    private static Timeline timeline;

    /** Problems seen while the scenario ran that do not stop it; reported with the final checks. */
    private final List<String> softFailures = new ArrayList<>();

    /** True from the first start until everything was stopped (by @AfterAll or at JVM exit). */
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    @AfterAll
    static void stopEverything() {
        if (!STARTED.compareAndSet(true, false)) {
            return;
        }
        // Always, whatever failed: the cluster's JVMs, then the broker.
        if (flink != null) {
            Commands.Result r = flink.stop();
            System.out.println("[cluster-it] flink-local.sh stop: " + r.output().trim());
        }
        if (kafka != null) {
            Commands.Result r = kafka.stop();
            System.out.println("[cluster-it] kafka-local.sh stop: " + r.output().trim());
        }
        if (timeline != null) {
            timeline.log(
                    String.format(
                            "total %.1f s; steps in %s",
                            timeline.seconds(), WORK.resolve("steps.txt")));
        }
    }

    @Test
    void theJobSurvivesKillsSavepointsAndSwapsOnARealCluster() throws Exception {
        prepare();
        timeline = new Timeline(WORK.resolve("steps.txt"));
        // Also when the test JVM is stopped (a CI timeout, Ctrl-C): no JVM of ours outlives it.
        STARTED.set(true);
        Runtime.getRuntime().addShutdownHook(new Thread(ClusterIT::stopEverything));

        // 1. Broker and cluster; data and models while the cluster starts.
        CompletableFuture<Void> cluster =
                CompletableFuture.runAsync(
                        () -> {
                            try {
                                timeline.step(
                                        "1 flink-local.sh start " + TASK_MANAGERS,
                                        () -> flink.start(TASK_MANAGERS));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        timeline.step("1 kafka-local.sh start", () -> kafka.start());
        timeline.step(
                "1 dqs topics --partitions " + PARTITIONS,
                () -> dqs("topics", "--kafka", kafka.bootstrap(), "--partitions", PARTITIONS));
        Data data =
                timeline.step("2 dqs generate, split into batches, train v1 and v2", this::data);
        timeline.step("1 (waiting for the cluster)", () -> cluster.join());

        // 3. Submit as docs/deployment.md says.
        String job =
                timeline.step(
                        "3 flink run -d ... run --kafka (p=" + PARALLELISM + ")",
                        () -> {
                            String id = flink.submit("flink-run-job", runCommand(data, null));
                            flink.awaitRunning(id, Duration.ofSeconds(90));
                            return id;
                        });
        timeline.log(
                "job "
                        + job
                        + " running; subtasks per TaskManager: "
                        + flink.runningTasksPerTaskManager(job));

        // 4. Batch 1.
        timeline.step("4 dqs publish batch 1", () -> publish(data.batches.get(0)));
        timeline.step(
                "4 forecasts of batch 1 on the predictions topic", () -> awaitForecasts(data, 0));

        // 5. Kill a TaskManager that runs tasks, restart it, batch 2.
        Map<String, Integer> tasks = flink.runningTasksPerTaskManager(job);
        int victim =
                Integer.parseInt(
                        tasks.entrySet().stream()
                                .max(Map.Entry.comparingByValue())
                                .orElseThrow(
                                        () ->
                                                new AssertionError(
                                                        "no TaskManager runs a task of job " + job))
                                .getKey()
                                .substring("tm-".length()));
        timeline.log("running subtasks per TaskManager " + tasks + "; killing tm-" + victim);
        timeline.step(
                "5 flink-local.sh kill-tm " + victim + " (SIGKILL)",
                () -> flink.killTaskManager(victim));
        timeline.step("5 flink-local.sh start-tm " + victim, () -> flink.startTaskManager(victim));
        timeline.step(
                "5 job RUNNING again after the kill",
                () -> {
                    awaitRestart(job);
                    flink.awaitRunning(job, Duration.ofSeconds(120));
                });
        timeline.step("5 dqs publish batch 2", () -> publish(data.batches.get(1)));
        timeline.step("5 forecasts of batch 2 (after the kill)", () -> awaitForecasts(data, 1));

        // 6. Stop with a savepoint, resume with flink run -s (no -n), batch 3.
        String savepoint =
                timeline.step(
                        "6 flink stop --savepointPath",
                        () -> flink.stopWithSavepoint(job, WORK.resolve("savepoints")));
        timeline.log("savepoint " + savepoint);
        String resumed =
                timeline.step(
                        "6 flink run -s SAVEPOINT -d ... (same options)",
                        () -> {
                            String id =
                                    flink.submit("flink-run-resume", runCommand(data, savepoint));
                            flink.awaitRunning(id, Duration.ofSeconds(90));
                            return id;
                        });
        checkRestoredFrom(resumed, savepoint);
        timeline.step("6 dqs publish batch 3", () -> publish(data.batches.get(2)));
        timeline.step("6 forecasts of batch 3 (after the resume)", () -> awaitForecasts(data, 2));

        // 7. Model swap through the models topic, batch 4.
        timeline.step(
                "7 dqs publish --model v2 (models topic)",
                () -> dqs("publish", "--kafka", kafka.bootstrap(), "--model", data.v2.file));
        timeline.step("7 v2 served by every forecast subtask", () -> awaitServed(resumed, data.v2));
        timeline.step("7 dqs publish batch 4", () -> publish(data.batches.get(3)));
        timeline.step("7 forecasts of batch 4 (after the swap)", () -> awaitForecasts(data, 3));
        timeline.step("8 a retraining trigger on dq.retrain-triggers", this::awaitTrigger);

        // 9. A second job on the same cluster, alongside the first: a bounded backfill.
        Path backfillOut = WORK.resolve("backfill");
        CompletableFuture<Path> summarizeAll =
                CompletableFuture.supplyAsync(() -> summarize("summarize-all", data.batches, null));
        String backfill =
                timeline.step(
                        "9 backfill: flink run -d ... run --kafka --bounded (p=1)",
                        () -> {
                            dqs(
                                    Commands.list(
                                            "topics",
                                            "--kafka",
                                            kafka.bootstrap(),
                                            "--partitions",
                                            PARTITIONS,
                                            BACKFILL_TOPICS));
                            return flink.submit(
                                    "flink-run-backfill",
                                    Commands.list(
                                            "run",
                                            "-d",
                                            "-c",
                                            "com.dataquality.dqs.cli.Dqs",
                                            CLUSTER_JAR,
                                            "run",
                                            "--kafka",
                                            kafka.bootstrap(),
                                            "--bounded",
                                            "--rules",
                                            data.rules,
                                            "--parallelism",
                                            1,
                                            "--output-dir",
                                            backfillOut,
                                            "--transactional-id-prefix",
                                            "dqs-backfill",
                                            "--checkpoint-interval",
                                            "2s",
                                            BACKFILL_TOPICS));
                        });
        boolean concurrent =
                timeline.step(
                        "9 backfill FINISHED",
                        () -> {
                            flink.awaitStatus(
                                    backfill, "FINISHED [FINISHED]", Duration.ofSeconds(120));
                            return overlapped(resumed, backfill);
                        });
        Path summaryAll =
                timeline.step("9 dqs summarize of batches 1-4", () -> summarizeAll.join());

        // 10. Close every real day, then read everything.
        timeline.step("10 dqs publish the closing records", () -> publish(data.closing));
        timeline.step("10 forecasts of the day after the last one", () -> awaitForecasts(data, 4));
        timeline.step("10 last summary upserts of every key", () -> awaitSummaries(summaryAll));

        timeline.step(
                "11 final checks",
                () -> finalChecks(data, resumed, summaryAll, backfillOut, concurrent));

        if (!failures.isEmpty()) {
            throw new MultipleFailuresError(
                    "cluster test of issue 10: "
                            + failures.size()
                            + " failed checks (work files and command logs in "
                            + WORK
                            + ", cluster logs in "
                            + flink.logs()
                            + ")",
                    failures);
        }
    }

    // ------------------------------------------------------------------------------ the scenario

    private static void prepare() throws IOException {
        for (Path jar : List.of(DQS_JAR, CLUSTER_JAR)) {
            if (!Files.isRegularFile(jar)) {
                throw new AssertionError(
                        jar
                                + " is missing: run the test with 'mvn -B -Pcluster-it verify',"
                                + " which builds both jars");
            }
        }
        deleteTree(WORK);
        Files.createDirectories(WORK.resolve("tmp"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_PORT", Integer.toString(KAFKA_PORT));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(KAFKA_PORT + 1));
        env.put("KAFKA_LOCAL_DIR", KAFKA_DIR.toString());
        env.put("FLINK_LOCAL_DIR", FLINK_DIR.toString());
        env.put("FLINK_REST_PORT", Integer.toString(REST_PORT));
        env.put("FLINK_RPC_PORT", Integer.toString(REST_PORT - 1958)); // 26123 by default
        env.put("FLINK_BLOB_PORT", Integer.toString(REST_PORT - 1957)); // 26124
        env.put("FLINK_PROM_PORTS", PROM_PORTS);
        env.put("DQS_LOG_DIR", WORK.resolve("dqs-logs").toString());
        commands = new Commands(ROOT, WORK.resolve("logs"), env);
        flink = new LocalFlink(commands, FLINK_DIR, REST_PORT);
        kafka = new LocalKafka(commands, KAFKA_PORT);
        // A previous run that was killed may have left its processes (its pid files say which).
        flink.stop();
        kafka.stop();
        // Start empty, but keep the resolved jars of both (lib/, plugins/, classpath.txt).
        for (String d : List.of("log", "run", "state", "tmp", "conf")) {
            deleteTree(FLINK_DIR.resolve(d));
        }
        deleteTree(KAFKA_DIR.resolve("data"));
        Files.deleteIfExists(KAFKA_DIR.resolve("kafka.log"));
    }

    /** The generated records, their batches, the closing records and the two models. */
    private record Data(
            Path rules,
            List<Path> batches,
            Path closing,
            Expectations expected,
            LocalDate lastDay,
            List<String> closingUuids,
            Model v1,
            Model v2) {}

    /** A model file with its version and training time. */
    private record Model(Path file, String version, long trainedAtSeconds) {
        static Model read(Path file) throws IOException {
            JsonNode m = JSON.readTree(file.toFile());
            return new Model(
                    file,
                    m.path("version").asText(),
                    Instant.parse(m.path("createdAt").asText()).getEpochSecond());
        }
    }

    private Data data() throws Exception {
        Path gen = WORK.resolve("data");
        dqs(
                "generate",
                "--output-dir",
                gen,
                "--rows",
                30000,
                "--days",
                DAYS,
                "--datasets",
                10,
                "--rules",
                8,
                "--seed",
                7,
                "--start-date",
                START,
                "--drift-date",
                DRIFT_DATE,
                "--drift-fraction",
                0.5,
                "--drift-size",
                -0.4);
        List<String> records =
                CsvText.records(
                        Files.readString(
                                gen.resolve("rule_executions.csv"), StandardCharsets.UTF_8));
        String header = records.get(0);
        int dateColumn = CsvText.fields(header).indexOf("business_date");
        // Rows are in date order; a row without a valid date stays in the batch of the row before.
        List<List<String>> batches = new ArrayList<>();
        BATCH_STARTS.forEach(b -> batches.add(new ArrayList<>()));
        List<String> beforeDrift = new ArrayList<>();
        int b = 0;
        LocalDate last = null;
        for (String r : records.subList(1, records.size())) {
            LocalDate d = CsvText.date(r, dateColumn);
            while (d != null
                    && b + 1 < BATCH_STARTS.size()
                    && !d.isBefore(BATCH_STARTS.get(b + 1))) {
                b++;
            }
            batches.get(b).add(r);
            if (d == null || d.isBefore(DRIFT_DATE)) {
                beforeDrift.add(r);
            }
            if (d != null && (last == null || d.isAfter(last))) {
                last = d;
            }
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            Path f = WORK.resolve("batch-" + (i + 1) + ".csv");
            CsvText.write(f, header, batches.get(i));
            files.add(f);
        }
        Path train1 = WORK.resolve("train-v1.csv");
        List<String> first = new ArrayList<>(batches.get(0));
        first.addAll(batches.get(1));
        CsvText.write(train1, header, first);
        Path train2 = WORK.resolve("train-v2.csv");
        CsvText.write(train2, header, beforeDrift);
        Path rules = gen.resolve("rules.json");

        // One closing record per partition (the watermark is the minimum over partitions), dated
        // the day after every other record: every real day closes. Each of its own dataset.
        Map<Integer, String> uuids = new TreeMap<>();
        for (int i = 0; uuids.size() < PARTITIONS; i++) {
            String uuid = CLOSING_UUID_PREFIX + String.format("%012d", i);
            uuids.putIfAbsent(LocalKafka.partitionOf(uuid, PARTITIONS), uuid);
        }
        List<String> closing = new ArrayList<>();
        for (String uuid : uuids.values()) {
            closing.add(closingRow(header, uuid, last.plusDays(1)));
        }
        Path closingFile = WORK.resolve("closing.csv");
        CsvText.write(closingFile, header, closing);

        // Every partition must carry records every day, or its watermark would stall until idle.
        Set<Integer> used = new TreeSet<>();
        Expectations expected = Expectations.of(files);
        expected.series
                .keySet()
                .forEach(
                        s ->
                                used.add(
                                        LocalKafka.partitionOf(
                                                s.substring(0, s.lastIndexOf('/')), PARTITIONS)));
        if (used.size() != PARTITIONS) {
            throw new AssertionError(
                    "the generated datasets fall into partitions "
                            + used
                            + " of "
                            + PARTITIONS
                            + ": choose another --seed");
        }

        CompletableFuture<Model> v2 =
                CompletableFuture.supplyAsync(() -> train("train-v2", train2, rules, "v2"));
        Model v1 = train("train-v1", train1, rules, "v1");
        return new Data(
                rules,
                files,
                closingFile,
                expected,
                last,
                List.copyOf(uuids.values()),
                v1,
                v2.join());
    }

    private static String closingRow(String header, String uuid, LocalDate date) {
        Map<String, String> values = new HashMap<>();
        values.put("context_id", "closing-" + uuid);
        values.put("business_date", date.toString());
        values.put("source", CLOSING_SOURCE);
        values.put("tenant_id", "cluster-it");
        values.put("dataset_uuid", uuid);
        values.put("dataset_name", "Closing " + uuid.substring(uuid.length() - 4));
        values.put("rule_code", "101");
        values.put("level_of_execution", "DATASET");
        values.put("results", "\"{\"\"status\"\": \"\"Pass\"\"}\"");
        values.put("dataset_record_count", "1");
        values.put("filtered_record_count", "1");
        return CsvText.fields(header).stream()
                .map(c -> values.getOrDefault(c, ""))
                .collect(Collectors.joining(","));
    }

    private Model train(String name, Path csv, Path rules, String label) {
        Path model = WORK.resolve(label + ".model.json");
        try {
            dqs(name, List.of("train-model", csv, rules, "--output-model", model));
            return Model.read(model);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + model, e);
        }
    }

    /** The options of the streaming job, the same for the first submission and the resume. */
    private List<String> runCommand(Data data, String savepoint) {
        List<String> flinkOptions =
                savepoint == null ? List.of("run", "-d") : List.of("run", "-s", savepoint, "-d");
        return Commands.list(
                flinkOptions,
                "-c",
                "com.dataquality.dqs.cli.Dqs",
                CLUSTER_JAR,
                "run",
                "--kafka",
                kafka.bootstrap(),
                "--rules",
                data.rules,
                "--parallelism",
                PARALLELISM,
                "--model",
                data.v1.file,
                "--output-dir",
                WORK.resolve("job"),
                "--checkpoint-interval",
                "2s",
                "--input-topic",
                "dq.rule-executions",
                "--summaries-topic",
                "dq.summaries",
                "--predictions-topic",
                "dq.predictions",
                "--shadow-predictions-topic",
                "dq.shadow-predictions",
                "--drift-topic",
                "dq.drift",
                "--retrain-triggers-topic",
                "dq.retrain-triggers",
                "--dead-letter-topic",
                "dq.dead-letters",
                "--comparisons-topic",
                "dq.model-comparisons",
                "--anomalies-topic",
                "dq.anomalies",
                "--models-topic",
                "dq.models");
    }

    private void publish(Path file) {
        dqs("publish", "--kafka", kafka.bootstrap(), "--input", file);
    }

    /** A {@code dqs} command as users run it: the shaded jar, its own java.io.tmpdir. */
    private static Commands.Result dqs(Object... args) {
        return dqs(args[0].toString(), List.of(args));
    }

    private static Commands.Result dqs(List<String> args) {
        return dqs(args.get(0), args);
    }

    private static Commands.Result dqs(String name, List<?> args) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory(WORK.resolve("tmp"), "dqs");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return commands.ok(
                "dqs-" + name,
                Duration.ofMinutes(3),
                Commands.list(
                        "java",
                        "-Xmx1g",
                        "-XX:+UseParallelGC",
                        "-Djava.io.tmpdir=" + tmp,
                        "-jar",
                        DQS_JAR,
                        args));
    }

    /** Last day of batch i (or, for i = batches, the closing day); its forecasts are awaited. */
    private static LocalDate batchEnd(Data data, int i) {
        return i + 1 < BATCH_STARTS.size()
                ? BATCH_STARTS.get(i + 1).minusDays(1)
                : data.lastDay.plusDays(i + 1 - BATCH_STARTS.size());
    }

    /**
     * Waits until the forecasts of the last day of batch i are all on the predictions topic: they
     * are made when the day before closes, which the batch's last day does. Only logged when they
     * do not come (the final checks say what is missing), so the later steps still run.
     */
    private void awaitForecasts(Data data, int batch) throws Exception {
        LocalDate day = batchEnd(data, batch);
        long expected =
                data.expected.forecasts(day.minusDays(1)).stream()
                        .filter(sd -> sd.date().equals(day))
                        .count();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            seen =
                    forecastRows(kafka.readCommitted("dq.predictions")).stream()
                            .filter(n -> n.path("business_date").asText().equals(day.toString()))
                            .count();
            if (seen >= expected) {
                timeline.log(seen + " forecasts of " + day + " (expected " + expected + ")");
                return;
            }
            Thread.sleep(1000);
        }
        String problem =
                "after batch "
                        + (batch + 1)
                        + ": expected "
                        + expected
                        + " forecasts of "
                        + day
                        + " on dq.predictions within 90 s, saw "
                        + seen
                        + " (TaskManager logs in "
                        + flink.logs()
                        + ")";
        softFailures.add(problem);
        timeline.log("WARNING " + problem);
    }

    /**
     * Waits until a retraining trigger is on its topic (the drift began in batch 3); only logged
     * when none comes, the final checks say what is missing.
     */
    private void awaitTrigger() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<LocalKafka.Message> triggers = kafka.readCommitted("dq.retrain-triggers");
            if (!triggers.isEmpty()) {
                timeline.log("first retraining trigger: " + triggers.get(0).value());
                return;
            }
            Thread.sleep(1000);
        }
        timeline.log("WARNING no retraining trigger on dq.retrain-triggers within 30 s of batch 4");
    }

    /** Forecast rows (not realizations) of the real series, as JSON. */
    private static List<JsonNode> forecastRows(List<LocalKafka.Message> messages)
            throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (LocalKafka.Message m : messages) {
            JsonNode n = JSON.readTree(m.value());
            if (n.path("actual_pass_percentage").isNull()
                    && !n.path("dataset_uuid").asText().startsWith(CLOSING_UUID_PREFIX)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Waits until the JobManager has seen the kill (the job restarts) or the job restarted. */
    private static void awaitRestart(String job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode checkpoints = flink.get("/jobs/" + job + "/checkpoints");
            String status = flink.jobStatus(job);
            if (checkpoints.path("counts").path("restored").asInt() > 0
                    || !status.equals("RUNNING [RUNNING]")) {
                timeline.log("after the kill: " + status);
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "job " + job + " did not notice the killed TaskManager within 90 s");
    }

    /** The resumed job restored the savepoint (not a fresh start). */
    private static void checkRestoredFrom(String job, String savepoint) {
        JsonNode restored =
                flink.get("/jobs/" + job + "/checkpoints").path("latest").path("restored");
        String path = restored.path("external_path").asText();
        if (!restored.path("is_savepoint").asBoolean() || !path.equals(savepoint)) {
            throw new AssertionError(
                    "job "
                            + job
                            + " submitted with -s "
                            + savepoint
                            + ": expected it restored from that savepoint, REST says "
                            + restored);
        }
    }

    /** Waits until every forecast subtask of the job serves the model (its training time). */
    private static void awaitServed(String job, Model model) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Double> trainedAt = Map.of();
        while (System.nanoTime() < deadline) {
            trainedAt = new TreeMap<>();
            for (Prometheus.Sample s : scrape(job)) {
                if (s.name().endsWith("_dqs_model_trained_at_seconds")) {
                    trainedAt.put(s.label("subtask_index"), s.value());
                }
            }
            if (trainedAt.size() == PARALLELISM
                    && trainedAt.values().stream()
                            .allMatch(v -> v == (double) model.trainedAtSeconds())) {
                timeline.log(
                        "model " + model.version() + " served by subtasks " + trainedAt.keySet());
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(
                "model "
                        + model.version()
                        + " (model_trained_at_seconds "
                        + model.trainedAtSeconds()
                        + ") published on dq.models, not served by all "
                        + PARALLELISM
                        + " forecast subtasks within 60 s; model_trained_at_seconds per subtask: "
                        + trainedAt
                        + "; TaskManager logs in "
                        + flink.logs());
    }

    /** The samples of every TaskManager's Prometheus endpoint that belong to the job. */
    private static List<Prometheus.Sample> scrape(String job) throws IOException {
        List<Prometheus.Sample> out = new ArrayList<>();
        for (int i = 1; i <= TASK_MANAGERS; i++) {
            String url = "http://127.0.0.1:" + flink.prometheusPort(i) + "/metrics";
            for (Prometheus.Sample s : Prometheus.parse(flink.text(url), "tm-" + i + " " + url)) {
                if (s.label("job_id").equals(job)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * True when the second job ran entirely while the first was running: the first started before
     * it and still runs after it finished.
     */
    private static boolean overlapped(String first, String second) {
        Map<String, JsonNode> jobs = new HashMap<>();
        for (JsonNode j : flink.get("/jobs/overview").path("jobs")) {
            jobs.put(j.path("jid").asText(), j);
        }
        JsonNode a = jobs.get(first);
        JsonNode b = jobs.get(second);
        boolean overlapped =
                a != null
                        && b != null
                        && a.path("state").asText().equals("RUNNING")
                        && a.path("start-time").asLong() < b.path("start-time").asLong();
        timeline.log(
                "jobs: "
                        + jobs.values().stream()
                                .map(
                                        j ->
                                                j.path("jid").asText()
                                                        + " "
                                                        + j.path("state").asText()
                                                        + " tasks "
                                                        + j.path("tasks").path("total").asInt())
                                .toList()
                        + (overlapped ? "; the backfill ran while the first job ran" : ""));
        return overlapped;
    }

    /** Runs {@code dqs summarize} of files; returns its output directory. */
    private static Path summarize(String name, List<Path> files, Path outDir) {
        Path out = outDir != null ? outDir : WORK.resolve(name);
        dqs(
                name,
                Commands.list(
                        "summarize", files, WORK.resolve("data/rules.json"), "--output-dir", out));
        return out;
    }

    /**
     * Waits until the last upsert of every key that {@code dqs summarize} found has the key's
     * latest business date (the day-close of the last day published it).
     */
    private void awaitSummaries(Path summaryDir) throws Exception {
        Map<String, String> latest = new HashMap<>();
        for (Map<String, String> row : CsvText.rows(summaryDir.resolve("full_summary.csv"))) {
            latest.put(key(row), row.get("business_date_latest"));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> behind = List.of();
        while (System.nanoTime() < deadline) {
            Map<String, JsonNode> last = lastUpserts();
            behind =
                    latest.entrySet().stream()
                            .filter(
                                    e ->
                                            last.get(e.getKey()) == null
                                                    || !last.get(e.getKey())
                                                            .path("business_date_latest")
                                                            .asText()
                                                            .equals(e.getValue()))
                            .map(Map.Entry::getKey)
                            .toList();
            if (behind.isEmpty()) {
                return;
            }
            Thread.sleep(1000);
        }
        String problem =
                behind.size()
                        + " summary keys without an upsert of their latest business date on"
                        + " dq.summaries within 60 s of the closing records, e.g. "
                        + behind.stream().limit(3).map(k -> k.replace('\u001f', '|')).toList();
        softFailures.add(problem);
        timeline.log("WARNING " + problem);
    }

    private static String key(Map<String, String> row) {
        return Keys.summaryKey(
                row.get("source"),
                row.get("tenant_id"),
                row.get("dataset_uuid"),
                row.get("dataset_name"),
                Integer.parseInt(row.get("rule_code")));
    }

    /** The last upsert of every summary key (the closing records' keys left out). */
    private static Map<String, JsonNode> lastUpserts() throws IOException {
        Map<String, JsonNode> last = new HashMap<>();
        for (LocalKafka.Message m : kafka.readCommitted("dq.summaries")) {
            JsonNode n = JSON.readTree(m.value());
            if (!n.path("source").asText().equals(CLOSING_SOURCE)) {
                last.put(m.key(), n);
            }
        }
        return last;
    }

    // ------------------------------------------------------------------------------ final checks

    private void finalChecks(
            Data data, String job, Path summaryAll, Path backfillOut, boolean concurrent)
            throws Exception {
        List<JsonNode> predictions = new ArrayList<>();
        for (LocalKafka.Message m : kafka.readCommitted("dq.predictions")) {
            JsonNode n = JSON.readTree(m.value());
            if (!n.path("dataset_uuid").asText().startsWith(CLOSING_UUID_PREFIX)) {
                predictions.add(n);
                String expectedKey =
                        Keys.seriesKey(n.path("dataset_uuid").asText(), n.path("rule_code").asInt())
                                + '\u001f'
                                + n.path("business_date").asText();
                if (!expectedKey.equals(m.key())) {
                    softFailures.add(
                            "prediction at partition "
                                    + m.partition()
                                    + " offset "
                                    + m.offset()
                                    + " has key "
                                    + m.key()
                                    + ", expected the series-day "
                                    + expectedKey);
                }
            }
        }
        List<String> soft = List.copyOf(softFailures);
        check(
                "no problem while the scenario ran",
                () -> {
                    if (!soft.isEmpty()) {
                        throw new AssertionError(
                                "problems while the scenario ran:\n  " + String.join("\n  ", soft));
                    }
                });
        check("summaries = dqs summarize", () -> checkSummaries(summaryAll));
        check(
                "dead letters = dqs summarize, each origin once",
                () -> checkDeadLetters(summaryAll, "dq.dead-letters", "dq.rule-executions"));
        check("one forecast per series-day, none missing", () -> checkForecasts(data, predictions));
        check("at most one realization per series-day", () -> checkRealizations(data, predictions));
        check(
                "model versions before and after the swap",
                () -> checkModelVersions(data, predictions));
        check("forecasts continued after each restart", () -> checkContinuation(data, predictions));
        check("drift reaches the retrain-triggers topic", ClusterIT::checkDrift);
        check(
                "Prometheus: dqs metrics and the model version",
                () -> checkMetrics(job, data.v2, data.v1));
        check(
                "second job: backfill",
                () -> checkBackfill(summaryAll, backfillOut, concurrent, data.v2));
    }

    /** Failed checks, reported together at the end so that one defect does not hide another. */
    private final List<Throwable> failures = new ArrayList<>();

    private void check(String name, Executable check) {
        try {
            check.execute();
            timeline.log("check OK: " + name);
        } catch (Throwable t) {
            failures.add(new AssertionError(name + ": " + t.getMessage(), t));
            timeline.log("check FAILED: " + name + ": " + t.getMessage());
        }
    }

    /**
     * The last upsert of every key equals {@code dqs summarize} of the same records. A key without
     * records on the last day was last published when its own last day closed, with the watermark's
     * date of then as its reference date (README: a key that receives nothing is not re-published);
     * it is compared with {@code dqs summarize} of the records up to that date.
     */
    private void checkSummaries(Path summaryAll) throws Exception {
        Map<String, JsonNode> last = lastUpserts();
        Map<String, Map<String, String>> all = new TreeMap<>();
        for (Map<String, String> row : CsvText.rows(summaryAll.resolve("full_summary.csv"))) {
            all.put(key(row), row);
        }
        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>(all.keySet());
        missing.removeAll(last.keySet());
        Set<String> extra = new TreeSet<>(last.keySet());
        extra.removeAll(all.keySet());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            problems.add(
                    "keys: expected the "
                            + all.size()
                            + " keys of dqs summarize, missing on dq.summaries "
                            + readable(missing)
                            + ", extra "
                            + readable(extra));
        }
        String reference = all.values().iterator().next().get("reference_date");
        Map<String, List<String>> byReference = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : last.entrySet()) {
            String r = e.getValue().path("reference_date").asText();
            if (all.containsKey(e.getKey())) {
                byReference.computeIfAbsent(r, x -> new ArrayList<>()).add(e.getKey());
            }
        }
        timeline.log(
                "last upserts by reference date: "
                        + byReference.entrySet().stream()
                                .collect(
                                        Collectors.toMap(
                                                Map.Entry::getKey, x -> x.getValue().size())));
        for (Map.Entry<String, List<String>> e : byReference.entrySet()) {
            Map<String, Map<String, String>> expected = all;
            String source = summaryAll.resolve("full_summary.csv").toString();
            if (!e.getKey().equals(reference)) {
                LocalDate r = LocalDate.parse(e.getKey());
                Path prefix = prefixFile(r);
                Path out = summarize("summarize-up-to-" + r, List.of(prefix), null);
                expected = new TreeMap<>();
                for (Map<String, String> row : CsvText.rows(out.resolve("full_summary.csv"))) {
                    expected.put(key(row), row);
                }
                source = out.resolve("full_summary.csv").toString();
            }
            for (String k : e.getValue()) {
                Map<String, String> row = expected.get(k);
                if (row == null) {
                    problems.add(readable(k) + ": not in " + source);
                    continue;
                }
                compareRow(k, row, last.get(k), source, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    problems.size()
                            + " differences between the last upserts of dq.summaries and dqs"
                            + " summarize:\n  "
                            + problems.stream().limit(30).collect(Collectors.joining("\n  ")));
        }
    }

    /** The published records dated up to r (and those without a valid date), in order. */
    private static Path prefixFile(LocalDate r) throws IOException {
        List<String> out = new ArrayList<>();
        String header = null;
        int dateColumn = -1;
        for (int i = 1; i <= BATCH_STARTS.size(); i++) {
            List<String> records =
                    CsvText.records(
                            Files.readString(
                                    WORK.resolve("batch-" + i + ".csv"), StandardCharsets.UTF_8));
            header = records.get(0);
            dateColumn = CsvText.fields(header).indexOf("business_date");
            for (String rec : records.subList(1, records.size())) {
                LocalDate d = CsvText.date(rec, dateColumn);
                if (d == null || !d.isAfter(r)) {
                    out.add(rec);
                }
            }
        }
        Path file = WORK.resolve("records-up-to-" + r + ".csv");
        CsvText.write(file, header, out);
        return file;
    }

    private static void compareRow(
            String key,
            Map<String, String> row,
            JsonNode upsert,
            String source,
            List<String> problems) {
        for (Map.Entry<String, String> c : row.entrySet()) {
            String column = c.getKey();
            String want = c.getValue() == null ? "" : c.getValue();
            JsonNode v = upsert.get(column);
            if (v == null) {
                problems.add(readable(key) + ": field " + column + " missing in the upsert");
                continue;
            }
            boolean same;
            String got = v.isNull() ? "" : v.asText();
            if (column.startsWith("fail_rate_")) {
                same =
                        !want.isEmpty()
                                && Math.abs(Double.parseDouble(want) - v.asDouble()) <= 1e-12;
            } else {
                same = want.equals(got);
            }
            if (!same) {
                problems.add(
                        readable(key)
                                + ": "
                                + column
                                + " expected '"
                                + want
                                + "' ("
                                + source
                                + "), last upsert has '"
                                + got
                                + "' (reference_date "
                                + upsert.path("reference_date").asText()
                                + ")");
            }
        }
    }

    private static String readable(Object keys) {
        return keys.toString().replace('\u001f', '|');
    }

    /** Dead letters by reason as {@code dqs summarize} counts them; each origin once. */
    private static void checkDeadLetters(Path summary, String topic, String inputTopic)
            throws Exception {
        JsonNode report = JSON.readTree(summary.resolve("run_report.json").toFile());
        Map<String, Long> expected = new TreeMap<>();
        report.path("dead_letters_by_reason")
                .fields()
                .forEachRemaining(
                        e -> {
                            if (e.getValue().asLong() > 0) {
                                expected.put(e.getKey(), e.getValue().asLong());
                            }
                        });
        long csvLines = CsvText.rows(summary.resolve("dead_letters.csv")).size();
        Map<String, Long> seen = new TreeMap<>();
        Map<String, Integer> origins = new HashMap<>();
        for (LocalKafka.Message m : kafka.readCommitted(topic)) {
            JsonNode n = JSON.readTree(m.value());
            seen.merge(n.path("reason").asText(), 1L, Long::sum);
            origins.merge(
                    n.path("topic").asText()
                            + "/"
                            + n.path("partition").asInt()
                            + "/"
                            + n.path("offset").asLong(),
                    1,
                    Integer::sum);
        }
        List<String> duplicates =
                origins.entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .map(Map.Entry::getKey)
                        .sorted()
                        .toList();
        List<String> foreign =
                origins.keySet().stream().filter(o -> !o.startsWith(inputTopic + "/")).toList();
        List<String> problems = new ArrayList<>();
        if (!expected.equals(seen)) {
            problems.add(
                    "dead letters by reason on "
                            + topic
                            + ": expected "
                            + expected
                            + " (dqs summarize, "
                            + summary.resolve("run_report.json")
                            + "), saw "
                            + seen);
        }
        if (csvLines != expected.values().stream().mapToLong(Long::longValue).sum()) {
            problems.add(
                    "dqs summarize's dead_letters.csv has "
                            + csvLines
                            + " rows, its run report "
                            + expected);
        }
        if (!duplicates.isEmpty()) {
            problems.add(
                    duplicates.size()
                            + " origins (topic/partition/offset) dead-lettered more than once on "
                            + topic
                            + ": "
                            + duplicates.stream().limit(10).toList());
        }
        if (!foreign.isEmpty()) {
            problems.add(
                    "dead letters not from "
                            + inputTopic
                            + ": "
                            + foreign.stream().limit(5).toList());
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    private static Expectations.SeriesDay seriesDay(JsonNode n) {
        return new Expectations.SeriesDay(
                n.path("dataset_uuid").asText(),
                n.path("rule_code").asInt(),
                LocalDate.parse(n.path("business_date").asText()));
    }

    /** Exactly one forecast per series-day that must exist, across the kill and the resume. */
    private static void checkForecasts(Data data, List<JsonNode> predictions) {
        Map<Expectations.SeriesDay, Integer> counts = new TreeMap<>();
        long late = 0;
        for (JsonNode n : predictions) {
            if (n.path("actual_pass_percentage").isNull()) {
                counts.merge(seriesDay(n), 1, Integer::sum);
                late += n.path("late").asBoolean() ? 1 : 0;
            }
        }
        TreeSet<Expectations.SeriesDay> expected = data.expected.forecasts(data.lastDay);
        List<Expectations.SeriesDay> duplicates =
                counts.entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .map(Map.Entry::getKey)
                        .toList();
        Set<Expectations.SeriesDay> missing = new TreeSet<>(expected);
        missing.removeAll(counts.keySet());
        Set<Expectations.SeriesDay> extra = new TreeSet<>(counts.keySet());
        extra.removeAll(expected);
        timeline.log(
                counts.size()
                        + " series-days forecast ("
                        + late
                        + " marked late), "
                        + expected.size()
                        + " expected");
        List<String> problems = new ArrayList<>();
        if (!duplicates.isEmpty()) {
            problems.add(
                    duplicates.size()
                            + " series-days forecast more than once on dq.predictions, e.g. "
                            + duplicates.stream()
                                    .limit(10)
                                    .map(d -> d + " x" + counts.get(d))
                                    .toList());
        }
        if (!missing.isEmpty()) {
            problems.add(
                    missing.size()
                            + " of "
                            + expected.size()
                            + " expected forecasts missing, by date "
                            + byDate(missing)
                            + ", e.g. "
                            + missing.stream().limit(5).toList());
        }
        if (!extra.isEmpty()) {
            problems.add(
                    extra.size()
                            + " forecasts that should not exist (series not observed in the 7 days"
                            + " before), by date "
                            + byDate(extra)
                            + ", e.g. "
                            + extra.stream().limit(5).toList());
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    private static Map<LocalDate, Long> byDate(Set<Expectations.SeriesDay> days) {
        return days.stream()
                .collect(
                        Collectors.groupingBy(
                                Expectations.SeriesDay::date, TreeMap::new, Collectors.counting()));
    }

    /**
     * At most one realization per series-day: exactly the forecasts whose day closed with
     * executions, with the day's actual pass percentage.
     */
    private static void checkRealizations(Data data, List<JsonNode> predictions) {
        Set<Expectations.SeriesDay> forecast = new HashSet<>();
        Map<Expectations.SeriesDay, List<JsonNode>> realized = new TreeMap<>();
        for (JsonNode n : predictions) {
            if (n.path("actual_pass_percentage").isNull()) {
                forecast.add(seriesDay(n));
            } else {
                realized.computeIfAbsent(seriesDay(n), k -> new ArrayList<>()).add(n);
            }
        }
        List<String> problems = new ArrayList<>();
        List<Expectations.SeriesDay> twice =
                realized.entrySet().stream()
                        .filter(e -> e.getValue().size() > 1)
                        .map(Map.Entry::getKey)
                        .toList();
        if (!twice.isEmpty()) {
            problems.add(
                    twice.size()
                            + " series-days realized more than once, e.g. "
                            + twice.stream().limit(10).toList());
        }
        Set<Expectations.SeriesDay> expected = new TreeSet<>();
        for (Expectations.SeriesDay sd : forecast) {
            if (!sd.date().isAfter(data.lastDay) && data.expected.day(sd) != null) {
                expected.add(sd);
            }
        }
        Set<Expectations.SeriesDay> missing = new TreeSet<>(expected);
        missing.removeAll(realized.keySet());
        Set<Expectations.SeriesDay> extra = new TreeSet<>(realized.keySet());
        extra.removeAll(expected);
        if (!missing.isEmpty()) {
            problems.add(
                    missing.size()
                            + " forecasts of closed days with executions never realized, by date "
                            + byDate(missing));
        }
        if (!extra.isEmpty()) {
            problems.add(
                    extra.size()
                            + " realizations without a forecast or without executions: "
                            + extra.stream().limit(10).toList());
        }
        List<String> wrong = new ArrayList<>();
        realized.forEach(
                (sd, rows) -> {
                    Expectations.Day d = data.expected.day(sd);
                    JsonNode n = rows.get(0);
                    if (d != null
                            && (n.path("executions").asLong() != d.executions()
                                    || Math.abs(
                                                    n.path("actual_pass_percentage").asDouble()
                                                            - d.passPercentage())
                                            > 1e-9)) {
                        wrong.add(
                                sd
                                        + ": executions "
                                        + n.path("executions")
                                        + " actual "
                                        + n.path("actual_pass_percentage")
                                        + ", expected "
                                        + d.executions()
                                        + " and "
                                        + d.passPercentage());
                    }
                });
        if (!wrong.isEmpty()) {
            problems.add(
                    wrong.size()
                            + " realizations with wrong actual values, e.g. "
                            + wrong.stream().limit(5).toList());
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    /**
     * Forecasts up to the last day of batch 3 are v1's (made before the swap); from the first day
     * of batch 4 on, v2's: a day is forecast when the day before closes, and the last day of batch
     * 3 closes only when batch 4 arrives, after v2 was served.
     */
    private static void checkModelVersions(Data data, List<JsonNode> predictions) {
        LocalDate swap = BATCH_STARTS.get(3);
        Map<String, Long> wrong = new TreeMap<>();
        for (JsonNode n : predictions) {
            if (!n.path("actual_pass_percentage").isNull()) {
                continue;
            }
            LocalDate d = LocalDate.parse(n.path("business_date").asText());
            String want = d.isBefore(swap) ? data.v1.version() : data.v2.version();
            String got = n.path("model_version").asText();
            if (!want.equals(got)) {
                wrong.merge(
                        (d.isBefore(swap) ? "before " : "from ")
                                + swap
                                + ": "
                                + got
                                + " instead of "
                                + want,
                        1L,
                        Long::sum);
            }
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError("forecasts with the wrong model version: " + wrong);
        }
    }

    /** Forecasts of the days after each restart point exist, as many as expected. */
    private static void checkContinuation(Data data, List<JsonNode> predictions) {
        Map<String, Long> seen = new LinkedHashMap<>();
        Map<String, Long> want = new LinkedHashMap<>();
        TreeSet<Expectations.SeriesDay> expected = data.expected.forecasts(data.lastDay);
        String[] names = {
            "after the TaskManager kill", "after the savepoint resume", "after the model swap"
        };
        for (int i = 1; i < BATCH_STARTS.size(); i++) {
            LocalDate from = BATCH_STARTS.get(i);
            LocalDate to =
                    i + 1 < BATCH_STARTS.size()
                            ? BATCH_STARTS.get(i + 1)
                            : data.lastDay.plusDays(2);
            Predicate<LocalDate> in = d -> !d.isBefore(from) && d.isBefore(to);
            String label = names[i - 1] + " (" + from + ".." + to.minusDays(1) + ")";
            seen.put(
                    label,
                    predictions.stream()
                            .filter(n -> n.path("actual_pass_percentage").isNull())
                            .map(ClusterIT::seriesDay)
                            .distinct()
                            .filter(sd -> in.test(sd.date()))
                            .count());
            want.put(label, expected.stream().filter(sd -> in.test(sd.date())).count());
        }
        timeline.log("forecasts per restart phase: " + seen + " (expected " + want + ")");
        if (!seen.equals(want) || seen.values().stream().anyMatch(n -> n == 0)) {
            throw new AssertionError(
                    "forecasts did not continue: distinct series-days forecast "
                            + seen
                            + ", expected "
                            + want);
        }
    }

    /** The drift of half the series reaches the retrain-triggers topic. */
    private static void checkDrift() throws Exception {
        List<JsonNode> triggers = new ArrayList<>();
        for (LocalKafka.Message m : kafka.readCommitted("dq.retrain-triggers")) {
            triggers.add(JSON.readTree(m.value()));
        }
        long events = kafka.readCommitted("dq.drift").size();
        timeline.log(events + " drift events; retrain triggers: " + triggers);
        boolean afterDrift =
                triggers.stream()
                        .anyMatch(
                                t ->
                                        !LocalDate.parse(t.path("business_date").asText())
                                                .isBefore(DRIFT_DATE));
        if (!afterDrift) {
            throw new AssertionError(
                    "expected a retraining trigger on or after the drift date "
                            + DRIFT_DATE
                            + " on dq.retrain-triggers ("
                            + events
                            + " drift events on dq.drift), saw "
                            + triggers);
        }
    }

    /**
     * The TaskManagers' Prometheus endpoints export the job's dqs metrics, and the serving model as
     * numbers: its training time, and model_info{version=...} 1 (0 for the replaced model).
     */
    private static void checkMetrics(String job, Model serving, Model replaced) throws IOException {
        List<Prometheus.Sample> samples = scrape(job);
        List<String> problems = new ArrayList<>();
        long dqs = samples.stream().filter(s -> s.name().contains("_dqs_")).count();
        if (samples.stream()
                .noneMatch(s -> s.name().endsWith("_dqs_records_read") && s.value() > 0)) {
            problems.add("no dqs_records_read > 0 among the " + dqs + " dqs samples of job " + job);
        }
        Map<String, Double> trainedAt = new TreeMap<>();
        Map<String, Map<String, Double>> info = new TreeMap<>();
        List<String> infoNames = new ArrayList<>();
        for (Prometheus.Sample s : samples) {
            if (s.name().endsWith("_dqs_model_trained_at_seconds")) {
                trainedAt.put(s.label("subtask_index"), s.value());
            }
            if (s.name().endsWith("model_info")) {
                info.computeIfAbsent(s.label("subtask_index"), k -> new TreeMap<>())
                        .put(s.label("version"), s.value());
                if (!infoNames.contains(s.name())) {
                    infoNames.add(s.name());
                }
            }
        }
        Map<String, Double> wantTrainedAt = new TreeMap<>();
        Map<String, Map<String, Double>> wantInfo = new TreeMap<>();
        for (int i = 0; i < PARALLELISM; i++) {
            wantTrainedAt.put(Integer.toString(i), (double) serving.trainedAtSeconds());
            wantInfo.put(
                    Integer.toString(i), Map.of(serving.version(), 1.0, replaced.version(), 0.0));
        }
        if (!trainedAt.equals(wantTrainedAt)) {
            problems.add(
                    "model_trained_at_seconds per forecast subtask: expected "
                            + wantTrainedAt
                            + " (v2 "
                            + serving.version()
                            + "), saw "
                            + trainedAt);
        }
        if (!info.equals(wantInfo)) {
            problems.add(
                    "model_info{version} per forecast subtask: expected "
                            + wantInfo
                            + " (1 for the serving "
                            + serving.version()
                            + ", 0 for "
                            + replaced.version()
                            + "), saw "
                            + info
                            + " in metrics "
                            + infoNames
                            + " (label values as the TaskManagers' Prometheus endpoints export them)");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    String.join("\n", problems)
                            + "\nendpoints: "
                            + samples.stream()
                                    .map(Prometheus.Sample::endpoint)
                                    .distinct()
                                    .toList());
        }
    }

    /**
     * The backfill ran next to the first job on the same cluster and wrote the full_summary.csv of
     * every record it read (batches 1 to 4), as dqs summarize does, and the same dead letters.
     */
    private static void checkBackfill(
            Path summaryAll, Path backfillOut, boolean concurrent, Model served) throws Exception {
        List<String> problems = new ArrayList<>();
        if (!concurrent) {
            problems.add("the backfill job never ran at the same time as the first job");
        }
        Path got = backfillOut.resolve("full_summary.csv");
        Path want = summaryAll.resolve("full_summary.csv");
        if (!Files.isRegularFile(got)) {
            problems.add("no " + got + " after the backfill finished; files: " + list(backfillOut));
        } else {
            List<String> a = Files.readAllLines(want);
            List<String> b = Files.readAllLines(got);
            if (!a.equals(b)) {
                int i = 0;
                while (i < Math.min(a.size(), b.size()) && a.get(i).equals(b.get(i))) {
                    i++;
                }
                problems.add(
                        got
                                + " differs from "
                                + want
                                + " ("
                                + b.size()
                                + " vs "
                                + a.size()
                                + " lines); first difference at line "
                                + (i + 1)
                                + ":\n    backfill:  "
                                + (i < b.size() ? b.get(i) : "(end)")
                                + "\n    summarize: "
                                + (i < a.size() ? a.get(i) : "(end)"));
            }
        }
        // Its forecasts come from the model on dq.models (v2): LightGBM in a second job's class
        // loader on the same TaskManagers.
        Map<String, Long> versions = new TreeMap<>();
        for (JsonNode n : forecastRows(kafka.readCommitted("bf.predictions"))) {
            versions.merge(n.path("model_version").asText(), 1L, Long::sum);
        }
        if (!versions.keySet().equals(Set.of(served.version()))) {
            problems.add(
                    "backfill forecasts on bf.predictions by model version: expected only "
                            + served.version()
                            + " (the model on dq.models), saw "
                            + versions);
        }
        try {
            checkDeadLetters(summaryAll, "bf.dead-letters", "dq.rule-executions");
        } catch (AssertionError e) {
            problems.add("backfill: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of("(" + e.getMessage() + ")");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
