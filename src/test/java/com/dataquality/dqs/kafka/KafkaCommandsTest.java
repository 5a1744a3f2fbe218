package com.dataquality.dqs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.cli.Dqs;
import com.dataquality.dqs.io.KafkaTopics;
import com.dataquality.dqs.io.TopicNames;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.TestModels;
import com.dataquality.dqs.parse.JsonRecordParser;
import com.dataquality.dqs.record.ParseResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code dqs publish} and {@code dqs topics} against a real broker. */
class KafkaCommandsTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path tmp;

    private record Run(int code, String out, String err) {}

    private static Run dqs(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dqs.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void publishesEveryRowKeyedByDatasetAtTheRequestedRate() throws Exception {
        String topic = KafkaBrokerExtension.uniqueTopic("publish");
        KAFKA.createTopics(2, topic);
        StringBuilder csv =
                new StringBuilder(
                        "source,tenant_id,dataset_uuid,dataset_name,rule_code,business_date,results\n");
        for (int i = 0; i < 40; i++) {
            csv.append("s,t,ds-")
                    .append(i % 3)
                    .append(",name,")
                    .append(101 + i % 2)
                    .append(",2024-03-0")
                    .append(1 + i % 9)
                    .append(",\"{\"\"status\"\":\"\"Pass\"\"}\"\n");
        }
        csv.append("a,row,that,does,not,split\n");
        Path file = tmp.resolve("records.csv");
        Files.writeString(file, csv);

        long start = System.nanoTime();
        Run run =
                dqs(
                        "publish",
                        "--kafka",
                        KAFKA.bootstrapServers(),
                        "--input",
                        file.toString(),
                        "--topic",
                        topic,
                        "--rate",
                        "100");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("41 messages to " + topic), run.out());
        assertTrue(seconds >= 0.35, "41 messages at 100/s take about 0.4 s, took " + seconds);

        List<ConsumerRecord<String, String>> got =
                KAFKA.consumeCommitted(topic, 41, Duration.ofMillis(300), Duration.ofSeconds(20));
        assertEquals(41, got.size());
        int valid = 0;
        for (ConsumerRecord<String, String> r : got) {
            ParseResult p = JsonRecordParser.parse(r.value(), topic, r.partition(), r.offset(), 0);
            if (p.isValid()) {
                valid++;
                assertEquals(p.execution().datasetUuid(), r.key());
            } else {
                assertEquals("a,row,that,does,not,split", r.value());
            }
        }
        assertEquals(40, valid);
    }

    @Test
    void publishesAModelFileAsOneMessage() throws Exception {
        String topic = KafkaBrokerExtension.uniqueTopic("models");
        // As 'dqs topics' creates it: a 2 MB model exceeds Kafka's default 1 MB message limit.
        KafkaTopics.Spec models =
                KafkaTopics.standard(
                                1,
                                new TopicNames("i", "s", "p", "sp", "d", "t", "x", topic, "c", "a"))
                        .stream()
                        .filter(spec -> spec.name().equals(topic))
                        .findFirst()
                        .orElseThrow();
        KafkaTopics.ensure(KAFKA.bootstrapServers(), List.of(models), (short) 1);
        Path file = tmp.resolve("m.model.json");
        // A valid model (publish validates first) made big by a 55,000-dataset vocabulary.
        ModelFile.write(TestModels.withDatasets(TestModels.small(), 55_000), file);
        String model = Files.readString(file);
        assertTrue(model.length() > 2_000_000, "size " + model.length());
        Run run =
                dqs(
                        "publish",
                        "--kafka",
                        KAFKA.bootstrapServers(),
                        "--model",
                        file.toString(),
                        "--topic",
                        topic);
        assertEquals(0, run.code(), run.err());
        List<ConsumerRecord<String, String>> got =
                KAFKA.consumeCommitted(topic, 1, Duration.ofMillis(300), Duration.ofSeconds(20));
        assertEquals(1, got.size());
        assertEquals(model, got.get(0).value());
    }

    @Test
    void publishNeedsExactlyOneOfInputAndModel() {
        Run neither = dqs("publish", "--kafka", KAFKA.bootstrapServers());
        assertEquals(Dqs.EXIT_USAGE, neither.code());
        assertTrue(neither.err().contains("--input PATH or --model FILE"), neither.err());
        Run both =
                dqs(
                        "publish",
                        "--kafka",
                        KAFKA.bootstrapServers(),
                        "--input",
                        "a.csv",
                        "--model",
                        "m.json");
        assertEquals(Dqs.EXIT_USAGE, both.code());
    }

    @Test
    void missingTopicIsOneClearLine() throws Exception {
        Path file = tmp.resolve("r.csv");
        Files.writeString(file, "source\nx\n");
        Run run =
                dqs(
                        "publish",
                        "--kafka",
                        KAFKA.bootstrapServers(),
                        "--input",
                        file.toString(),
                        "--topic",
                        "no-such-topic");
        assertEquals(Dqs.EXIT_INPUT, run.code());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("topic no-such-topic does not exist"), run.err());
    }

    @Test
    void topicsCreatesEveryTopicTheJobReadsOrWrites() {
        // Auto-creation is off on our brokers: a topic the job writes that 'dqs topics' does not
        // create blocks its sink and fails the job (dq.retrain-triggers once was one).
        TopicNames t = TopicNames.DEFAULTS;
        List<String> created =
                KafkaTopics.standard(1, t).stream().map(KafkaTopics.Spec::name).toList();
        assertTrue(created.containsAll(t.outputs()), created.toString());
        assertTrue(created.contains(t.input()) && created.contains(t.models()));
        assertTrue(created.contains("dq.retrain-triggers"));
        assertTrue(created.contains("dq.anomalies"));
        assertEquals(10, created.size());
    }

    @Test
    void topicsCreatesWhatIsMissingWithItsSettingsAndIsRepeatable() throws Exception {
        String summaries = KafkaBrokerExtension.uniqueTopic("sum");
        String models = KafkaBrokerExtension.uniqueTopic("models");
        String input = KafkaBrokerExtension.uniqueTopic("in");
        KAFKA.createTopics(1, input);
        String[] args = {
            "topics",
            "--kafka",
            KAFKA.bootstrapServers(),
            "--partitions",
            "3",
            "--input-topic",
            input,
            "--summaries-topic",
            summaries,
            "--models-topic",
            models,
            "--predictions-topic",
            KafkaBrokerExtension.uniqueTopic("pred"),
            "--drift-topic",
            KafkaBrokerExtension.uniqueTopic("drift"),
            "--dead-letter-topic",
            KafkaBrokerExtension.uniqueTopic("dead"),
            "--shadow-predictions-topic",
            KafkaBrokerExtension.uniqueTopic("shadow"),
            "--retrain-triggers-topic",
            KafkaBrokerExtension.uniqueTopic("triggers"),
            "--comparisons-topic",
            KafkaBrokerExtension.uniqueTopic("comparisons"),
            "--anomalies-topic",
            KafkaBrokerExtension.uniqueTopic("anomalies")
        };
        Run first = dqs(args);
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("exists:  " + input), first.out());
        assertTrue(first.out().contains("created: " + summaries), first.out());
        assertEquals(9, first.out().lines().filter(l -> l.startsWith("created: ")).count());

        var admin = KAFKA.admin();
        var described =
                admin.describeTopics(List.of(summaries, models, input)).allTopicNames().get();
        assertEquals(3, described.get(summaries).partitions().size());
        assertEquals(1, described.get(models).partitions().size());
        assertEquals(
                1, described.get(input).partitions().size(), "an existing topic is left alone");
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, summaries);
        assertEquals(
                "compact",
                admin.describeConfigs(List.of(resource))
                        .all()
                        .get()
                        .get(resource)
                        .get("cleanup.policy")
                        .value());

        Run second = dqs(args);
        assertEquals(0, second.code(), second.err());
        assertEquals(10, second.out().lines().filter(l -> l.startsWith("exists:  ")).count());
    }

    @Test
    void consumePrintsCommittedValuesAndKeys() throws Exception {
        String topic = KafkaBrokerExtension.uniqueTopic("consume");
        KAFKA.createTopics(1, topic);
        KAFKA.produce(topic, List.of("{\"a\":1}", "second", "third"));
        Run run =
                dqs(
                        "consume",
                        "--kafka",
                        KAFKA.bootstrapServers(),
                        "--topic",
                        topic,
                        "--from-beginning",
                        "--max",
                        "2");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("{\"a\":1}", "second"), run.out().lines().toList());

        Run idle =
                dqs(
                        "consume",
                        "--kafka",
                        KAFKA.bootstrapServers(),
                        "--topic",
                        topic,
                        "--from-beginning",
                        "--keys",
                        "--idle-exit",
                        "1s");
        assertEquals(0, idle.code(), idle.err());
        assertEquals(List.of("\t{\"a\":1}", "\tsecond", "\tthird"), idle.out().lines().toList());
    }

    @Test
    void consumeOfAMissingTopicIsOneClearLine() {
        Run run = dqs("consume", "--kafka", KAFKA.bootstrapServers(), "--topic", "absent-topic");
        assertEquals(Dqs.EXIT_INPUT, run.code());
        assertTrue(run.err().contains("topic absent-topic does not exist"), run.err());
    }

    @Test
    void topicsWithoutKafkaIsAUsageError() {
        Run run = dqs("topics");
        assertEquals(Dqs.EXIT_USAGE, run.code());
        assertTrue(run.err().contains("--kafka"), run.err());
    }

    @Test
    void missingInputIsOneClearLine() {
        Run run =
                dqs(
                        "publish",
                        "--kafka",
                        KAFKA.bootstrapServers(),
                        "--input",
                        tmp.resolve("absent.csv").toString());
        assertEquals(Dqs.EXIT_INPUT, run.code());
        assertTrue(run.err().contains("absent.csv"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
