package com.dataquality.dqs.io;

import com.dataquality.dqs.record.ParseResult;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Kafka sources of {@code dqs run --kafka}: the rule-execution records of the input topic and the
 * model files of the models topic.
 *
 * <p>Both read committed data only ({@code isolation.level=read_committed}): an upstream
 * transactional producer's aborted writes never become records, so an exactly-once producer stays
 * exactly-once through this job.
 *
 * <p>A fresh job (not restored) reads from the earliest offset, not from the group's committed
 * offsets: summaries are state, and state lives in Flink's checkpoints, not in Kafka. A job started
 * without its savepoint but at committed offsets would count only the newer records and publish
 * wrong totals. A restored job resumes at the offsets in its checkpoint or savepoint, together with
 * the state they match. Offsets are still committed to the group on each checkpoint, so that Kafka
 * tools show the job's lag.
 */
public final class KafkaInputs {
    /** The consumer group of the input topic unless told otherwise. */
    public static final String DEFAULT_GROUP_ID = "dqs";

    private KafkaInputs() {}

    /**
     * The input topic's records, parsed and validated; a message that cannot be understood becomes
     * a dead letter with its topic, partition and offset (see {@link KafkaRecordParsing}).
     *
     * @param bounded read up to the offsets present when the job starts, then finish (a backfill
     *     that ends like a file run), instead of reading for ever
     */
    public static KafkaSource<ParseResult> records(
            String bootstrap, String topic, String groupId, boolean bounded) {
        KafkaSourceBuilder<ParseResult> builder =
                common(KafkaSource.<ParseResult>builder(), bootstrap, groupId)
                        .setTopics(topic)
                        .setDeserializer(new KafkaRecordParsing())
                        .setClientIdPrefix(groupId + "-records");
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * The models topic's message values as text: each one is a whole model file (CONTRACT.md §4).
     * Unbounded; the caller broadcasts them. A fresh job reads from the earliest model still in the
     * topic, so a job started without {@code --model} picks up the latest published one.
     */
    public static KafkaSource<String> models(String bootstrap, String topic, String groupId) {
        return common(KafkaSource.<String>builder(), bootstrap, groupId + "-models")
                .setTopics(topic)
                .setValueOnlyDeserializer(new SimpleStringSchema())
                .setClientIdPrefix(groupId + "-models")
                // A model file is one message; the default 1 MiB fetch limit per partition is
                // raised so a large model is not fetched piecemeal.
                .setProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "16777216")
                .build();
    }

    private static <T> KafkaSourceBuilder<T> common(
            KafkaSourceBuilder<T> builder, String bootstrap, String groupId) {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return builder.setBootstrapServers(bootstrap)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperties(props)
                .setProperty("commit.offsets.on.checkpoint", "true");
    }
}
