package com.dataquality.dqs.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole topic from its beginning as a {@code read_committed} consumer sees it (what a user
 * of the job's exactly-once outputs sees), handing each record over with the time it was read: the
 * latency benchmarks' clock stops there.
 */
final class CommittedReader {
    private CommittedReader() {}

    /** One record and {@link System#nanoTime} when it was read. */
    interface Handler {
        void read(ConsumerRecord<byte[], byte[]> record, long nanos);
    }

    /** Polls every 20 ms while {@code running} says so. */
    static void read(String bootstrap, String topic, BooleanSupplier running, Handler handler) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (running.getAsBoolean()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    handler.read(r, System.nanoTime());
                }
            }
        }
    }
}
