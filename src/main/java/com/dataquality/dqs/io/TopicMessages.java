package com.dataquality.dqs.io;

import com.dataquality.dqs.UnicodeText;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns an element into a message of one topic: UTF-8 key (or none) and UTF-8 value, an unpaired
 * surrogate written as U+FFFD (as in the files) rather than the {@code ?} of {@code getBytes}.
 *
 * <p>The message timestamp is left to the producer (the time of sending), not the element's event
 * time: event time is a business date, possibly years old, and a topic's time-based retention would
 * delete such messages at once; dead letters have no event time at all.
 */
final class TopicMessages<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, String> value;

    TopicMessages(
            String topic,
            SerializableFunction<T, String> key,
            SerializableFunction<T, String> value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        return new ProducerRecord<>(
                topic,
                null,
                null,
                k == null ? null : UnicodeText.wellFormed(k).getBytes(StandardCharsets.UTF_8),
                UnicodeText.wellFormed(value.apply(element)).getBytes(StandardCharsets.UTF_8));
    }
}
