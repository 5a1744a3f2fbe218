package com.dataquality.dqs.io;

import com.dataquality.dqs.format.JsonForms;
import com.dataquality.dqs.pipeline.Outputs;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.Keys;
import com.dataquality.dqs.record.Prediction;
import com.dataquality.dqs.record.RetrainTrigger;
import com.dataquality.dqs.record.SummaryRow;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka outputs of {@code dqs run --kafka}: every stream goes to its topic as JSON (CONTRACT.md
 * §3 "JSON forms") through an exactly-once sink.
 *
 * <p>Exactly-once: each sink writes inside a Kafka transaction that commits when Flink's checkpoint
 * completes, so a consumer reading with {@code isolation.level=read_committed} sees each output
 * once, even across failures and restarts, and sees it only after the checkpoint (outputs lag by up
 * to one checkpoint interval). A consumer reading uncommitted data may see duplicates from aborted
 * attempts.
 */
public final class KafkaOutputs {
    public static final String UID_SUMMARIES_SINK = "summaries-kafka-sink";
    public static final String UID_DEAD_LETTERS_SINK = "dead-letters-kafka-sink";
    public static final String UID_PREDICTIONS_SINK = "predictions-kafka-sink";

    private KafkaOutputs() {}

    /**
     * Attaches the summary updates (upserts keyed by summary key), the dead letters and, when the
     * job forecasts, the predictions (keyed by series). The final rows of a bounded run need no
     * sink of their own: each key's last update is its final row.
     */
    public static void attach(Outputs outputs, KafkaOutputSettings settings) {
        toTopic(
                outputs.summaryUpdates(),
                settings.summariesTopic(),
                KafkaOutputs::summaryKey,
                r -> JsonForms.text(JsonForms.summary(r)),
                UID_SUMMARIES_SINK,
                settings);
        toTopic(
                outputs.deadLetters(),
                settings.deadLetterTopic(),
                d -> null,
                (DeadLetter d) -> JsonForms.text(JsonForms.deadLetter(d)),
                UID_DEAD_LETTERS_SINK,
                settings);
        if (outputs.predictions() != null) {
            toTopic(
                    outputs.predictions(),
                    settings.predictionsTopic(),
                    (Prediction p) -> Keys.seriesKey(p.datasetUuid(), p.ruleCode()),
                    p -> JsonForms.text(JsonForms.prediction(p)),
                    UID_PREDICTIONS_SINK,
                    settings);
        }
    }

    /**
     * Writes a stream to a topic, exactly once. The sink runs at the stream's parallelism, so it is
     * chained to the stream's last operator and keeps its order: a stream of upserts produced at
     * parallelism 1 lands in the topic in the order it was produced.
     *
     * @param key the message key (UTF-8), or a function returning null for none
     * @param value the message value (UTF-8)
     * @param uid the sink's stable uid; also the suffix of its transactional ids, so it must be
     *     unique within the job and stay the same across savepoints
     */
    public static final String UID_DRIFT_SINK = "drift-kafka-sink";

    public static final String UID_TRIGGERS_SINK = "retrain-triggers-kafka-sink";

    /**
     * Drift events to the drift topic and retraining triggers to their own topic, keyed by the
     * model version they are about; nothing when forecasting (and so drift) is off.
     */
    public static void attachDrift(
            Outputs outputs, KafkaOutputSettings settings, String retrainTriggersTopic) {
        if (outputs.driftEvents() == null) {
            return;
        }
        toTopic(
                outputs.driftEvents(),
                settings.driftTopic(),
                (DriftEvent e) -> e.modelVersion(),
                e -> JsonForms.text(JsonForms.driftEvent(e)),
                UID_DRIFT_SINK,
                settings);
        toTopic(
                outputs.retrainTriggers(),
                retrainTriggersTopic,
                (RetrainTrigger t) -> t.modelVersion(),
                t -> JsonForms.text(JsonForms.retrainTrigger(t)),
                UID_TRIGGERS_SINK,
                settings);
    }

    public static <T> void toTopic(
            DataStream<T> stream,
            String topic,
            SerializableFunction<T, String> key,
            SerializableFunction<T, String> value,
            String uid,
            KafkaOutputSettings settings) {
        stream.sinkTo(sink(topic, key, value, uid, settings))
                .uid(uid)
                .name("Kafka " + topic)
                .setParallelism(stream.getParallelism());
    }

    static <T> KafkaSink<T> sink(
            String topic,
            SerializableFunction<T, String> key,
            SerializableFunction<T, String> value,
            String uid,
            KafkaOutputSettings settings) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(settings.bootstrap())
                .setRecordSerializer(new TopicMessages<>(topic, key, value))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + uid)
                .setProperty(
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        Long.toString(settings.transactionTimeout().toMillis()))
                .build();
    }

    /** The message key of a summary update: the key the job partitions on (see {@link Keys}). */
    public static String summaryKey(SummaryRow r) {
        return Keys.summaryKey(
                r.source(), r.tenantId(), r.datasetUuid(), r.datasetName(), r.ruleCode());
    }
}
