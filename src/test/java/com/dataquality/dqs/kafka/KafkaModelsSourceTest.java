package com.dataquality.dqs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dataquality.dqs.io.KafkaInputs;
import com.dataquality.dqs.pipeline.ModelInput;
import com.dataquality.dqs.record.ModelUpdate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The models topic as a source of model updates, against a real Kafka broker. */
class KafkaModelsSourceTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @Test
    void modelsTopicDeliversWholeModelFilesInOrderWithTheirOrigin() throws Exception {
        String topic = KafkaBrokerExtension.uniqueTopic("models");
        KAFKA.createTopics(1, topic);
        // A model file is one message; this one is larger than a typical fetch batch.
        String big = "{\"format\":\"dqs-model\",\"pad\":\"" + "x".repeat(300_000) + "\"}";
        List<String> published = new ArrayList<>();
        published.add("{\"version\":1}");
        published.add(big);
        published.add(null); // a tombstone is no model
        published.add("{\"version\":3}");
        KAFKA.produce(topic, published);

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        ModelInput input =
                KafkaInputs.modelUpdates(KAFKA.bootstrapServers(), topic, "models-test", false);
        DataStream.Collector<ModelUpdate> models = new DataStream.Collector<>();
        env.fromSource(input.source(), WatermarkStrategy.noWatermarks(), input.name())
                .uid(input.uid())
                .collectAsync(models);
        JobClient job = env.executeAsync("kafka models");
        List<ModelUpdate> got = new ArrayList<>();
        try (var it = models.getOutput()) {
            while (got.size() < 3 && it.hasNext()) {
                got.add(it.next());
            }
        } finally {
            job.cancel().get();
        }
        assertEquals(
                List.of("{\"version\":1}", big, "{\"version\":3}"),
                got.stream().map(m -> new String(m.modelJson(), StandardCharsets.UTF_8)).toList());
        assertEquals(
                List.of(topic + "/0@0", topic + "/0@1", topic + "/0@3"),
                got.stream().map(ModelUpdate::origin).toList());
    }
}
