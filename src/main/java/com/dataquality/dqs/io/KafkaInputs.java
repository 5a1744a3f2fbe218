package com.dataquality.dqs.io;

import com.dataquality.dqs.pipeline.ModelInput;
import com.dataquality.dqs.record.ModelUpdate;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.stream.Uids;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

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
    public static Source<ParseResult, ?, ?> records(
            String bootstrap, String topic, String groupId, boolean bounded) {
        KafkaSourceBuilder<ParseResult> builder =
                common(KafkaSource.<ParseResult>builder(), bootstrap, groupId)
                        .setTopics(topic)
                        .setDeserializer(new KafkaRecordParsing())
                        .setClientIdPrefix(groupId + "-records");
        return build(builder, bootstrap, topic, bounded);
    }

    /** Bounded: up to the offsets present at start, restorable ({@link BoundedKafkaSource}). */
    private static <T> Source<T, ?, ?> build(
            KafkaSourceBuilder<T> builder, String bootstrap, String topic, boolean bounded) {
        if (!bounded) {
            return builder.build();
        }
        builder.setBounded(OffsetsInitializer.latest());
        return new BoundedKafkaSource<>(builder.build(), bootstrap, topic);
    }

    /**
     * The models topic as a source of live model updates (CONTRACT.md §4): each message value is a
     * whole model file. A fresh job reads from the earliest model still in the topic, so a job
     * started without {@code --model} picks up the published ones; the newest wins, as for any
     * update. Not initial: it never holds days open waiting for a model.
     *
     * @param bounded for a {@code --bounded} run: read the models present at start, then end, or
     *     the job could never finish
     */
    public static ModelInput modelUpdates(
            String bootstrap, String topic, String groupId, boolean bounded) {
        return new ModelInput(
                modelSource(bootstrap, topic, groupId, bounded),
                "Kafka " + topic,
                Uids.MODELS_TOPIC_SOURCE);
    }

    /**
     * The models topic's messages as {@link ModelUpdate}s, origin {@code topic/partition@offset}.
     */
    public static Source<ModelUpdate, ?, ?> modelSource(
            String bootstrap, String topic, String groupId, boolean bounded) {
        KafkaSourceBuilder<ModelUpdate> builder =
                common(KafkaSource.<ModelUpdate>builder(), bootstrap, groupId + "-models")
                        .setTopics(topic)
                        .setDeserializer(new ModelMessages())
                        .setClientIdPrefix(groupId + "-models")
                        // A model file is one message: fetch up to 16 MiB at once (default 1 MiB).
                        .setProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "16777216");
        return build(builder, bootstrap, topic, bounded);
    }

    /** Message value to model update; a tombstone (null value) is no model and is skipped. */
    static final class ModelMessages implements KafkaRecordDeserializationSchema<ModelUpdate> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(
                ConsumerRecord<byte[], byte[]> message, Collector<ModelUpdate> out) {
            if (message.value() != null) {
                out.collect(
                        new ModelUpdate(
                                message.topic()
                                        + "/"
                                        + message.partition()
                                        + "@"
                                        + message.offset(),
                                message.value()));
            }
        }

        @Override
        public TypeInformation<ModelUpdate> getProducedType() {
            return TypeInformation.of(ModelUpdate.class);
        }
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
