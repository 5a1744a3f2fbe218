package com.dataquality.dqs.cli;

import static com.dataquality.dqs.cli.CliRunner.dqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.TestCsv;
import com.dataquality.dqs.generate.Generator;
import com.dataquality.dqs.generate.GeneratorConfig;
import com.dataquality.dqs.kafka.KafkaBrokerExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same records give the same summaries and the same forecasts however they arrive: as one file,
 * as 73 files, scattered at random over files read in any order, and on a topic of two partitions
 * (a {@code --bounded} backfill). A bounded run closes every day at the end of input, so no file or
 * partition read ahead makes another's days late.
 */
class OrderIndependenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir static Path tmp;
    private static Path rules;
    private static List<String> header;
    private static List<String> rows;

    @BeforeAll
    static void generate() throws Exception {
        Path data = tmp.resolve("data");
        new Generator(
                        GeneratorConfig.builder()
                                .rows(6_000)
                                .days(60)
                                .datasets(5)
                                .rules(3)
                                .seed(5)
                                .badFraction(0.01)
                                .build())
                .writeTo(data, Generator.Progress.NONE);
        rules = data.resolve(Generator.RULES_FILE);
        List<String> records = records(data.resolve(Generator.dataFileName(0, 1)));
        header = List.of(records.get(0));
        rows = records.subList(1, records.size());
    }

    /** A CSV file's records as text (a quoted field may span lines), header first. */
    private static List<String> records(Path csv) throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (String line : Files.readAllLines(csv)) {
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(line);
            for (char c : line.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                }
            }
            if (!quoted) {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        return out;
    }

    private static Path write(Path dir, String name, List<String> records) throws Exception {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>(header);
        lines.addAll(records);
        return Files.write(dir.resolve(name), lines);
    }

    /** A bounded file run over {@code input}; its final summary and forecasts. */
    private static Outcome run(Path input) throws Exception {
        Path out = tmp.resolve("out-" + input.getFileName());
        CliRunner.Run run =
                dqs(
                        "run",
                        "--rules",
                        rules.toString(),
                        "--input",
                        input.toString(),
                        "--model",
                        model().toString(),
                        "--output-dir",
                        out.toString(),
                        "--parallelism",
                        "2",
                        "--web-ui-port",
                        Integer.toString(CliRunner.freePort()));
        assertEquals(0, run.exitCode(), run.err());
        TreeMap<String, String> forecasts = new TreeMap<>();
        for (Map<String, String> f : TestCsv.rows(out.resolve("predictions.csv"))) {
            forecasts.put(
                    f.get("dataset_uuid") + "/" + f.get("rule_code") + "/" + f.get("business_date"),
                    f.get("predicted_pass_percentage"));
        }
        return new Outcome(summary(out.resolve("full_summary.csv")), forecasts);
    }

    private record Outcome(List<String> summary, TreeMap<String, String> forecasts) {}

    private static Path model;

    private static Path model() throws Exception {
        if (model == null) {
            Path all = write(tmp.resolve("train"), "all.csv", rows);
            model = tmp.resolve("m.model.json");
            CliRunner.Run train =
                    dqs(
                            "train-model",
                            all.toString(),
                            rules.toString(),
                            "--output-model",
                            model.toString());
            assertEquals(0, train.exitCode(), train.err());
        }
        return model;
    }

    /**
     * The summary rows without the fields of each key's latest record: which record is "read last"
     * among records of the same key and date depends, by the contract, on the file order.
     */
    private static List<String> summary(Path csv) throws Exception {
        List<String> out = new ArrayList<>();
        for (Map<String, String> r : TestCsv.rows(csv)) {
            r.remove("dataset_record_count_latest");
            r.remove("filtered_record_count_latest");
            r.remove("last_execution_level");
            out.add(r.toString());
        }
        return out;
    }

    @Test
    void oneFileManyFilesShuffledFilesAndATopicGiveTheSameOutputs() throws Exception {
        Outcome one = run(write(tmp.resolve("one"), "all.csv", rows));
        assertTrue(one.forecasts().size() > 100, "forecasts: " + one.forecasts().size());

        Path many = tmp.resolve("many");
        int chunk = (rows.size() + 72) / 73;
        for (int i = 0; i * chunk < rows.size(); i++) {
            write(
                    many,
                    String.format("part-%02d.csv", i),
                    rows.subList(i * chunk, Math.min(rows.size(), (i + 1) * chunk)));
        }
        assertEquals(one, run(many), "73 files in date order");

        List<String> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(3));
        Path scattered = tmp.resolve("scattered");
        for (int i = 0; i < 10; i++) {
            // Names that do not follow the dates: every file holds every date.
            write(
                    scattered,
                    "z" + (9 - i) + ".csv",
                    shuffled.subList(i * shuffled.size() / 10, (i + 1) * shuffled.size() / 10));
        }
        assertEquals(one, run(scattered), "records scattered over files in any order");

        Outcome topic = runOnTopic(write(tmp.resolve("topic"), "all.csv", rows));
        assertEquals(one.summary(), topic.summary(), "a 2-partition topic: summaries");
        assertEquals(
                new TreeSet<>(one.forecasts().keySet()),
                new TreeSet<>(topic.forecasts().keySet()),
                "a 2-partition topic: the forecast series-days");
    }

    private static Outcome runOnTopic(Path csv) throws Exception {
        String in = KafkaBrokerExtension.uniqueTopic("in");
        String predictions = KafkaBrokerExtension.uniqueTopic("predictions");
        KAFKA.createTopics(2, in);
        List<String> others =
                KafkaBrokerExtension.uniqueTopics(
                        "summaries", "shadow", "drift", "triggers", "dead", "models", "anomalies");
        KAFKA.createTopics(1, predictions);
        KAFKA.createTopics(1, others.toArray(String[]::new));
        CliRunner.Run publish =
                dqs(
                        "publish",
                        "--kafka",
                        KAFKA.bootstrapServers(),
                        "--input",
                        csv.toString(),
                        "--topic",
                        in);
        assertEquals(0, publish.exitCode(), publish.err());
        Path out = tmp.resolve("out-topic");
        CliRunner.Run run =
                dqs(
                        "run",
                        "--rules",
                        rules.toString(),
                        "--kafka",
                        KAFKA.bootstrapServers(),
                        "--bounded",
                        "--input-topic",
                        in,
                        "--predictions-topic",
                        predictions,
                        "--summaries-topic",
                        others.get(0),
                        "--shadow-predictions-topic",
                        others.get(1),
                        "--drift-topic",
                        others.get(2),
                        "--retrain-triggers-topic",
                        others.get(3),
                        "--dead-letter-topic",
                        others.get(4),
                        "--models-topic",
                        others.get(5),
                        "--anomalies-topic",
                        others.get(6),
                        "--transactional-id-prefix",
                        "order-test",
                        "--model",
                        model().toString(),
                        "--output-dir",
                        out.toString(),
                        "--parallelism",
                        "2",
                        "--checkpoint-interval",
                        "500ms",
                        "--web-ui-port",
                        Integer.toString(CliRunner.freePort()));
        assertEquals(0, run.exitCode(), run.err());
        TreeMap<String, String> forecasts = new TreeMap<>();
        for (ConsumerRecord<String, String> r :
                KAFKA.consumeCommitted(
                        predictions, 1, Duration.ofSeconds(2), Duration.ofSeconds(30))) {
            JsonNode n = JSON.readTree(r.value());
            if (n.get("actual_pass_percentage").isNull()) {
                forecasts.put(
                        n.get("dataset_uuid").asText()
                                + "/"
                                + n.get("rule_code").asInt()
                                + "/"
                                + n.get("business_date").asText(),
                        n.get("predicted_pass_percentage").asText());
            }
        }
        return new Outcome(summary(out.resolve("full_summary.csv")), forecasts);
    }
}
