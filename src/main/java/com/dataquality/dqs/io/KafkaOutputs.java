package com.dataquality.dqs.io;

import com.dataquality.dqs.format.JsonForms;
import com.dataquality.dqs.model.ServingDocument;
import com.dataquality.dqs.pipeline.Outputs;
import com.dataquality.dqs.pipeline.SummaryOutputs;
import com.dataquality.dqs.record.Anomaly;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.Forecast;
import com.dataquality.dqs.record.Keys;
import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelComparison;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.record.RetrainTrigger;
import com.dataquality.dqs.record.SummaryRow;
import com.dataquality.dqs.stream.Uids;
import java.time.LocalDate;
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

    private KafkaOutputs() {}

    /**
     * Attaches every output. The final rows of a bounded run need no sink of their own: each key's
     * last update is its final row. A forecast and its realization share a key (the series-day) and
     * a sink, so the realization always follows the forecast in the topic.
     */
    public static void attach(Outputs outputs, KafkaOutputSettings settings) {
        SummaryOutputs summaries = outputs.summaries();
        TopicNames t = settings.topics();
        toTopic(
                summaries.updates(),
                t.summaries(),
                KafkaOutputs::summaryKey,
                (SummaryRow r) -> JsonForms.text(JsonForms.summary(r)),
                Uids.SUMMARIES_KAFKA_SINK,
                settings);
        toTopic(
                summaries.deadLetters(),
                t.deadLetters(),
                d -> null,
                (DeadLetter d) -> JsonForms.text(JsonForms.deadLetter(d)),
                Uids.DEAD_LETTERS_KAFKA_SINK,
                settings);
        toTopic(
                outputs.predictions(),
                t.predictions(),
                KafkaOutputs::seriesDayKey,
                (PredictionRow r) -> JsonForms.text(JsonForms.prediction(r)),
                Uids.PREDICTIONS_KAFKA_SINK,
                settings);
        toTopic(
                outputs.shadowPredictions(),
                t.shadowPredictions(),
                r -> seriesDayKey(r) + '\u001f' + r.forecast().modelVersion(),
                (PredictionRow r) -> JsonForms.text(JsonForms.prediction(r)),
                Uids.SHADOW_PREDICTIONS_KAFKA_SINK,
                settings);
        toTopic(
                outputs.anomalies(),
                t.anomalies(),
                (Anomaly a) -> seriesDayKey(a.datasetUuid(), a.ruleCode(), a.day()),
                a -> JsonForms.text(JsonForms.anomaly(a)),
                Uids.ANOMALIES_KAFKA_SINK,
                settings);
        toTopic(
                outputs.driftEvents(),
                t.drift(),
                (DriftEvent e) -> e.modelVersion(),
                e -> JsonForms.text(JsonForms.driftEvent(e)),
                Uids.DRIFT_KAFKA_SINK,
                settings);
        toTopic(
                outputs.retrainTriggers(),
                t.retrainTriggers(),
                (RetrainTrigger r) -> r.modelVersion(),
                r -> JsonForms.text(JsonForms.retrainTrigger(r)),
                Uids.RETRAIN_TRIGGERS_KAFKA_SINK,
                settings);
        toTopic(
                outputs.comparisons(),
                t.comparisons(),
                (ModelComparison c) -> c.challenger(),
                c -> JsonForms.text(JsonForms.comparison(c)),
                Uids.COMPARISONS_KAFKA_SINK,
                settings);
        // Automatic promotions go where the job reads model updates: the models topic.
        toTopic(
                outputs.promotions(),
                t.models(),
                (ModelCommand c) -> c.version(),
                c ->
                        new String(
                                ServingDocument.action(c.action(), c.version(), c.share()),
                                java.nio.charset.StandardCharsets.UTF_8),
                Uids.PROMOTIONS_KAFKA_SINK,
                settings);
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

    /**
     * The message key of a prediction row: the series and the forecast day, so that a compacted
     * topic keeps the latest row of each forecast (its realization once known).
     */
    public static String seriesDayKey(PredictionRow r) {
        Forecast f = r.forecast();
        return Keys.seriesKey(f.datasetUuid(), f.ruleCode()) + '\u001f' + f.businessDate();
    }

    /** The same key for an anomaly: its series and day, so one series's anomalies stay in order. */
    static String seriesDayKey(String datasetUuid, int ruleCode, int epochDay) {
        return Keys.seriesKey(datasetUuid, ruleCode) + '\u001f' + LocalDate.ofEpochDay(epochDay);
    }
}
