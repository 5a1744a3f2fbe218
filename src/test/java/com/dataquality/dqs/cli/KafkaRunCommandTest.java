package com.dataquality.dqs.cli;

import static com.dataquality.dqs.cli.CliRunner.dqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.kafka.KafkaBrokerExtension;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.TestModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dqs run --kafka} end to end on a real broker: records in, forecasts out (read back {@code
 * read_committed}), and a model published on the models topic swapping the model live, with no
 * forecast lost or doubled.
 */
class KafkaRunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final List<String> SERIES = List.of("ds-1/100", "ds-2/101");

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path tmp;

    private static List<String> day(int day) {
        List<String> messages = new ArrayList<>();
        for (String s : SERIES) {
            String[] parts = s.split("/");
            for (int i = 0; i < 4; i++) {
                messages.add(
                        "{\"source\":\"src\",\"tenant_id\":\"t\",\"dataset_uuid\":\""
                                + parts[0]
                                + "\",\"dataset_name\":\"Name\",\"rule_code\":"
                                + parts[1]
                                + ",\"business_date\":\""
                                + START.plusDays(day)
                                + "\",\"results\":{\"status\":\""
                                + (i == 0 ? "Fail" : "Pass")
                                + "\"}}");
            }
        }
        return messages;
    }

    private static List<JsonNode> forecastsThrough(String topic, int lastDay) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<JsonNode> forecasts = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            forecasts.clear();
            for (ConsumerRecord<String, String> r :
                    KAFKA.consumeCommitted(
                            topic, 1, Duration.ofMillis(500), Duration.ofSeconds(3))) {
                JsonNode n = JSON.readTree(r.value());
                if (n.get("actual_pass_percentage").isNull()) {
                    forecasts.add(n);
                }
            }
            String last = START.plusDays(lastDay).toString();
            if (forecasts.stream().filter(n -> n.get("business_date").asText().equals(last)).count()
                    == SERIES.size()) {
                return forecasts;
            }
        }
        throw new AssertionError("no forecasts of day " + lastDay + "; so far " + forecasts);
    }

    @Test
    void recordsInForecastsOutAndAModelOnTheTopicSwapsLive() throws Exception {
        String in = KafkaBrokerExtension.uniqueTopic("in");
        String predictions = KafkaBrokerExtension.uniqueTopic("predictions");
        String models = KafkaBrokerExtension.uniqueTopic("models");
        String[] others = {
            KafkaBrokerExtension.uniqueTopic("summaries"),
            KafkaBrokerExtension.uniqueTopic("drift"),
            KafkaBrokerExtension.uniqueTopic("dead"),
            KafkaBrokerExtension.uniqueTopic("triggers"),
            KafkaBrokerExtension.uniqueTopic("shadow"),
            KafkaBrokerExtension.uniqueTopic("comparisons"),
            KafkaBrokerExtension.uniqueTopic("anomalies")
        };
        KAFKA.createTopics(1, in, predictions, models);
        KAFKA.createTopics(1, others);
        Path v1 = tmp.resolve("v1.model.json");
        ModelFile.write(TestModels.withVersion(TestModels.small(), "kafka-v1"), v1);
        int port = CliRunner.freePort();
        String rules = rules().toString();
        CompletableFuture<CliRunner.Run> run =
                CompletableFuture.supplyAsync(
                        () ->
                                dqs(
                                        "run",
                                        "--rules",
                                        rules,
                                        "--kafka",
                                        KAFKA.bootstrapServers(),
                                        "--input-topic",
                                        in,
                                        "--predictions-topic",
                                        predictions,
                                        "--models-topic",
                                        models,
                                        "--summaries-topic",
                                        others[0],
                                        "--drift-topic",
                                        others[1],
                                        "--dead-letter-topic",
                                        others[2],
                                        "--retrain-triggers-topic",
                                        others[3],
                                        "--shadow-predictions-topic",
                                        others[4],
                                        "--comparisons-topic",
                                        others[5],
                                        "--anomalies-topic",
                                        others[6],
                                        "--model",
                                        v1.toString(),
                                        "--checkpoint-interval",
                                        "500ms",
                                        "--output-dir",
                                        tmp.resolve("out").toString(),
                                        "--web-ui-port",
                                        Integer.toString(port)));
        for (int d = 0; d <= 3; d++) {
            KAFKA.produce(in, day(d));
        }
        forecastsThrough(predictions, 3);

        KAFKA.produceBytes(
                models,
                List.of(ModelFile.toBytes(TestModels.withVersion(TestModels.small(), "kafka-v2"))));
        FlinkRest api = new FlinkRest("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"kafka-v2"
                .equals(
                        StreamingModelsTest.metricOrNull(
                                api, "Forecast next day", "model_version"))) {
            assertTrue(System.nanoTime() < deadline, "model kafka-v2 never served");
            Thread.sleep(250);
        }
        for (int d = 4; d <= 6; d++) {
            KAFKA.produce(in, day(d));
        }
        List<JsonNode> forecasts = forecastsThrough(predictions, 6);
        CliRunner.Run stop =
                dqs(
                        "stop",
                        "--savepoint-dir",
                        tmp.resolve("sp").toString(),
                        "--rest",
                        "http://127.0.0.1:" + port);
        assertEquals(0, stop.exitCode(), stop.err());
        assertEquals(0, run.get(60, TimeUnit.SECONDS).exitCode());

        Set<String> seen = new HashSet<>();
        for (JsonNode f : forecasts) {
            String date = f.get("business_date").asText();
            String key =
                    f.get("dataset_uuid").asText() + "/" + f.get("rule_code").asInt() + "/" + date;
            assertTrue(seen.add(key), "forecast twice: " + key);
            int day = (int) (LocalDate.parse(date).toEpochDay() - START.toEpochDay());
            assertEquals(day <= 3 ? "kafka-v1" : "kafka-v2", f.get("model_version").asText(), key);
        }
        assertEquals(6 * SERIES.size(), seen.size(), seen.toString());
    }

    private static Path rules() throws Exception {
        return Path.of(KafkaRunCommandTest.class.getResource("/golden/rules.json").toURI());
    }
}
