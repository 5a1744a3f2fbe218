package com.dataquality.dqs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.TestCsv;
import com.dataquality.dqs.format.JsonForms;
import com.dataquality.dqs.generate.Generator;
import com.dataquality.dqs.generate.GeneratorConfig;
import com.dataquality.dqs.io.DeadLetterFile;
import com.dataquality.dqs.io.KafkaInputs;
import com.dataquality.dqs.io.KafkaOutputSettings;
import com.dataquality.dqs.io.KafkaOutputs;
import com.dataquality.dqs.io.RecordMessages;
import com.dataquality.dqs.io.TopicNames;
import com.dataquality.dqs.launch.BoundedSummary;
import com.dataquality.dqs.parse.CsvRows;
import com.dataquality.dqs.parse.RuleMetadataFile;
import com.dataquality.dqs.pipeline.EventTime;
import com.dataquality.dqs.pipeline.Inputs;
import com.dataquality.dqs.pipeline.Pipeline;
import com.dataquality.dqs.pipeline.SummaryOutputs;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.SummaryRow;
import com.dataquality.dqs.stream.Uids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job against a real Kafka broker: records in from a topic, summaries and dead letters
 * out to topics through exactly-once sinks, read back as a consumer would ({@code read_committed}).
 */
class KafkaPipelineTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir static Path data;
    private static Path csv;
    private static Map<Integer, RuleMetadata> rules;
    private static BoundedSummary.Result fileRun;
    private static List<String> fileDeadLetterReasons;

    /** Generated records, summarized once by the file job: what every Kafka run must match. */
    @BeforeAll
    static void generateAndSummarizeFromFile() throws Exception {
        new Generator(
                        GeneratorConfig.builder()
                                .rows(2_000)
                                .days(45)
                                .datasets(4)
                                .rules(3)
                                .seed(11)
                                .badFraction(0.03)
                                .build())
                .writeTo(data, Generator.Progress.NONE);
        csv = data.resolve(Generator.dataFileName(0, 1));
        rules = RuleMetadataFile.load(data.resolve(Generator.RULES_FILE));
        Path out = Files.createDirectories(data.resolve("file-run"));
        try (DeadLetterFile deadLetters = new DeadLetterFile(out)) {
            fileRun =
                    BoundedSummary.run(
                            environment(2, null),
                            List.of(csv),
                            rules,
                            deadLetters.staging(),
                            n -> {});
            deadLetters.commit();
        }
        List<List<String>> deadRows =
                TestCsv.parse(Files.readString(out.resolve(DeadLetterFile.NAME)));
        fileDeadLetterReasons =
                deadRows.subList(1, deadRows.size()).stream().map(r -> r.get(0)).toList();
        assertFalse(fileRun.rows().isEmpty());
        assertFalse(fileDeadLetterReasons.isEmpty(), "the generated data holds bad rows");
    }

    @Test
    void boundedRunOverTopicEqualsFileRun() throws Exception {
        Topics t = topics("roundtrip", 2);
        KAFKA.produce(t.input, messagesOf(csv));

        StreamExecutionEnvironment env = environment(2, null);
        attachJob(env, t, true, null);
        JobClient job = env.executeAsync("kafka round trip");
        // --bounded: the job finishes by itself once it read the offsets present at start.
        job.getJobExecutionResult().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        Map<String, String> latest = latestByKey(readAll(t.summaries, fileRun.rows().size()));
        assertEquals(fileRun.rows().size(), latest.size(), "one key per summary row");
        for (SummaryRow row : fileRun.rows()) {
            assertEquals(
                    JsonForms.text(JsonForms.summary(row)),
                    latest.get(KafkaOutputs.summaryKey(row)),
                    "latest update of " + row.datasetUuid() + "/" + row.ruleCode());
        }

        List<ConsumerRecord<String, String>> dead =
                readAll(t.deadLetters, fileDeadLetterReasons.size());
        assertEquals(fileDeadLetterReasons.size(), dead.size());
        assertEquals(
                reasons(fileDeadLetterReasons),
                reasons(dead.stream().map(r -> field(r.value(), "reason")).toList()));
        for (ConsumerRecord<String, String> r : dead) {
            JsonNode n = JSON.readTree(r.value());
            assertEquals(t.input, n.get("topic").asText());
            assertTrue(n.get("partition").asInt() >= 0 && n.get("offset").asLong() >= 0);
            assertNotNull(n.get("raw"));
        }
    }

    /** Each bad message, what it should be rejected as. */
    private static final List<String[]> BAD =
            List.of(
                    new String[] {"not json at all", "MALFORMED_ROW"},
                    new String[] {"[1, 2, 3]", "MALFORMED_ROW"},
                    new String[] {"42", "MALFORMED_ROW"},
                    new String[] {"", "MALFORMED_ROW"},
                    new String[] {"{\"source\": \"s\"} {\"source\": \"t\"}", "MALFORMED_ROW"},
                    new String[] {
                        good("ds", "101", "2024-03-01", "{\\\"status\\\":\\\"Pass\\\"}")
                                .replace("\"tenant_id\":\"t\",", ""),
                        "MISSING_FIELD"
                    },
                    new String[] {
                        good("ds", "R1x", "2024-03-01", "{\\\"status\\\":\\\"Pass\\\"}"),
                        "INVALID_RULE_CODE"
                    },
                    new String[] {
                        good("ds", "101", "2024-02-30", "{\\\"status\\\":\\\"Pass\\\"}"),
                        "INVALID_DATE"
                    },
                    new String[] {good("ds", "101", "2024-03-01", "{oops"), "INVALID_RESULTS"},
                    new String[] {
                        good("ds", "101", "2024-03-01", "{\\\"status\\\":\\\"Maybe\\\"}"),
                        "UNKNOWN_STATUS"
                    },
                    new String[] {
                        good("ds", "101", "2024-03-01", "{\\\"status\\\":\\\"Pass\\\"}")
                                .replaceFirst("}$", ",\"dataset_record_count\":-3}"),
                        "INVALID_COUNT"
                    },
                    new String[] {"{\"source\": {\"nested\": 1}}", "MALFORMED_ROW"});

    @Test
    void badMessagesAreDeadLetteredWithTheirOffsetAndTheJobRunsOn() throws Exception {
        Topics t = topics("bad", 1);
        List<String> values = new ArrayList<>();
        List<String> expectedReasons = new ArrayList<>();
        for (String[] bad : BAD) {
            values.add(bad[0]);
            expectedReasons.add(bad[1]);
        }
        // Then good records of two days: the second day's record closes the first day.
        values.add(good("ds-ok", "101", "2024-03-01", "{\\\"status\\\":\\\"Pass\\\"}"));
        values.add(good("ds-ok", "101", "2024-03-01", "{\\\"status\\\":\\\"Fail\\\"}"));
        values.add(good("ds-ok", "101", "2024-03-02", "{\\\"status\\\":\\\"Pass\\\"}"));
        KAFKA.produce(t.input, values);
        KAFKA.produceBytes(t.input, List.of(new byte[] {'{', (byte) 0xC3, '}'}));

        StreamExecutionEnvironment env = environment(1, null);
        attachJob(env, t, false, null);
        JobClient job = env.executeAsync("kafka bad messages");
        try {
            List<ConsumerRecord<String, String>> dead =
                    KAFKA.consumeCommitted(
                            t.deadLetters, BAD.size() + 1, Duration.ofMillis(500), TIMEOUT);
            assertEquals(BAD.size() + 1, dead.size());
            for (ConsumerRecord<String, String> r : dead) {
                JsonNode n = JSON.readTree(r.value());
                long offset = n.get("offset").asLong();
                assertEquals(t.input, n.get("topic").asText());
                assertEquals(0, n.get("partition").asInt());
                if (offset == values.size()) {
                    assertEquals("MALFORMED_ROW", n.get("reason").asText());
                    assertTrue(n.get("detail").asText().contains("UTF-8"));
                } else {
                    assertEquals(
                            expectedReasons.get((int) offset),
                            n.get("reason").asText(),
                            values.get((int) offset));
                    assertEquals(values.get((int) offset), n.get("raw").asText());
                }
            }
            // The unbounded job is still running and summarizes the good records after them.
            List<ConsumerRecord<String, String>> summaries =
                    KAFKA.consumeCommitted(t.summaries, 1, Duration.ZERO, TIMEOUT);
            assertEquals(1, summaries.size(), summaries.toString());
            JsonNode s = JSON.readTree(summaries.get(0).value());
            assertEquals("ds-ok", s.get("dataset_uuid").asText());
            // Published when 2024-03-01 closed, which the day-2 record caused: by then that
            // record is counted too.
            assertEquals("2024-03-01", s.get("reference_date").asText());
            assertEquals(2, s.get("pass_count_total").asInt());
            assertEquals(1, s.get("fail_count_total").asInt());
            assertEquals(JobStatus.RUNNING, job.getJobStatus().get());
        } finally {
            job.cancel().get();
        }
    }

    /** Test-only fault: the first time the dead-letter stream passes {@code FAIL_AFTER}, throw. */
    static final AtomicBoolean FAILED = new AtomicBoolean();

    static final AtomicInteger PASSED = new AtomicInteger();
    static final int FAIL_AFTER = 25;

    @Test
    void failureAndRestartWriteEachOutputExactlyOnce() throws Exception {
        Topics t = topics("eo", 2);
        KAFKA.produce(t.input, messagesOf(csv));
        FAILED.set(false);
        PASSED.set(0);

        StreamExecutionEnvironment env = environment(2, Duration.ofMillis(200));
        attachJob(env, t, true, this::failOnceSlowly);
        env.executeAsync("kafka exactly once")
                .getJobExecutionResult()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(FAILED.get(), "the injected failure happened");

        // Dead letters are one per bad message: each (partition, offset) exactly once.
        List<ConsumerRecord<String, String>> dead =
                readAll(t.deadLetters, fileDeadLetterReasons.size());
        Map<String, Long> perOrigin =
                dead.stream()
                        .collect(
                                Collectors.groupingBy(
                                        r ->
                                                field(r.value(), "partition")
                                                        + "/"
                                                        + field(r.value(), "offset"),
                                        Collectors.counting()));
        assertEquals(fileDeadLetterReasons.size(), perOrigin.size());
        assertTrue(perOrigin.values().stream().allMatch(c -> c == 1), "no duplicate: " + perOrigin);
        // The restart did replay: the log also holds the aborted first attempts.
        List<ConsumerRecord<String, String>> raw =
                KAFKA.consume(
                        t.deadLetters,
                        "read_uncommitted",
                        dead.size(),
                        Duration.ofMillis(500),
                        TIMEOUT);
        assertTrue(
                raw.size() > dead.size(),
                "aborted writes exist: " + raw.size() + " vs " + dead.size());

        // Every key's final row is there once, last for its key, equal to the file run's.
        List<ConsumerRecord<String, String>> summaries =
                readAll(t.summaries, fileRun.rows().size());
        Map<String, String> latest = latestByKey(summaries);
        for (SummaryRow row : fileRun.rows()) {
            String expected = JsonForms.text(JsonForms.summary(row));
            String key = KafkaOutputs.summaryKey(row);
            assertEquals(expected, latest.get(key));
            assertEquals(
                    1, summaries.stream().filter(r -> r.value().equals(expected)).count(), key);
        }
    }

    private DataStream<DeadLetter> failOnceSlowly(DataStream<DeadLetter> deadLetters) {
        return deadLetters.map(
                (MapFunction<DeadLetter, DeadLetter>)
                        d -> {
                            // Slow enough that checkpoints complete between dead letters, so the
                            // failure falls after committed and before uncommitted outputs.
                            Thread.sleep(20);
                            if (PASSED.incrementAndGet() >= FAIL_AFTER
                                    && FAILED.compareAndSet(false, true)) {
                                throw new IllegalStateException("injected test failure");
                            }
                            return d;
                        });
    }

    // ---- helpers ----

    private record Topics(String input, String summaries, String deadLetters, String prefix) {}

    private static Topics topics(String name, int inputPartitions) throws Exception {
        Topics t =
                new Topics(
                        KafkaBrokerExtension.uniqueTopic(name + "-in"),
                        KafkaBrokerExtension.uniqueTopic(name + "-summaries"),
                        KafkaBrokerExtension.uniqueTopic(name + "-dead"),
                        KafkaBrokerExtension.uniqueTopic("dqs-" + name));
        KAFKA.createTopics(inputPartitions, t.input);
        KAFKA.createTopics(1, t.summaries, t.deadLetters);
        return t;
    }

    private interface DeadLetterTap {
        DataStream<DeadLetter> apply(DataStream<DeadLetter> s);
    }

    private static void attachJob(
            StreamExecutionEnvironment env, Topics t, boolean bounded, DeadLetterTap tap) {
        Inputs inputs =
                new Inputs(
                        KafkaInputs.records(KAFKA.bootstrapServers(), t.input, t.prefix, bounded),
                        "Kafka " + t.input);
        EventTime eventTime =
                bounded
                        ? EventTime.endOfInput()
                        : EventTime.perSplit(Duration.ZERO, Duration.ofSeconds(1));
        SummaryOutputs out = Pipeline.summaries(env, inputs, rules, eventTime, true);
        KafkaOutputSettings sinks =
                new KafkaOutputSettings(
                        KAFKA.bootstrapServers(),
                        TopicNames.DEFAULTS,
                        t.prefix,
                        Duration.ofMinutes(5));
        // The job's summary and dead-letter sinks, with the test's fault injected (when given)
        // before the dead letters'.
        KafkaOutputs.toTopic(
                out.updates(),
                t.summaries,
                KafkaOutputs::summaryKey,
                r -> JsonForms.text(JsonForms.summary(r)),
                Uids.SUMMARIES_KAFKA_SINK,
                sinks);
        KafkaOutputs.toTopic(
                tap == null ? out.deadLetters() : tap.apply(out.deadLetters()),
                t.deadLetters,
                d -> null,
                d -> JsonForms.text(JsonForms.deadLetter(d)),
                Uids.DEAD_LETTERS_KAFKA_SINK,
                sinks);
    }

    private static StreamExecutionEnvironment environment(int parallelism, Duration restartDelay) {
        Configuration conf = new Configuration();
        if (restartDelay != null) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, restartDelay);
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        // Exactly-once sinks commit on checkpoints; a bounded job commits its last
        // transaction in the final checkpoint taken after its tasks finish.
        env.enableCheckpointing(200);
        return env;
    }

    private static List<String> messagesOf(Path file) throws Exception {
        List<String> values = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                CsvRows rows = new CsvRows(in)) {
            for (CsvRows.Row row = rows.next(); row != null; row = rows.next()) {
                values.add(RecordMessages.of(rows.header(), row));
            }
        }
        return values;
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int atLeast) {
        return KAFKA.consumeCommitted(topic, atLeast, Duration.ofMillis(1500), TIMEOUT);
    }

    /** The last value per key: what an upsert consumer (or a compacted topic) ends with. */
    private static Map<String, String> latestByKey(List<ConsumerRecord<String, String>> records) {
        Map<String, String> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            latest.put(r.key(), r.value());
        }
        return latest;
    }

    private static Map<String, Long> reasons(List<String> reasons) {
        return new TreeMap<>(
                reasons.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting())));
    }

    private static String field(String json, String name) {
        try {
            return JSON.readTree(json).get(name).asText();
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** A valid message but for what the caller changes; results is JSON text in a string. */
    private static String good(String dataset, String rule, String date, String results) {
        return "{\"source\":\"s\",\"tenant_id\":\"t\",\"dataset_uuid\":\""
                + dataset
                + "\",\"dataset_name\":\"name\",\"rule_code\":\""
                + rule
                + "\",\"business_date\":\""
                + date
                + "\",\"results\":\""
                + results
                + "\"}";
    }
}
