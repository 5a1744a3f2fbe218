package com.dataquality.dqs.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The broker of {@code scripts/kafka-local.sh} (a separate JVM), and what the test reads from it:
 * every committed message of a topic, as a downstream consumer with {@code read_committed} sees
 * them.
 */
final class LocalKafka {
    /** One message; key and value as UTF-8 text (null when absent). */
    record Message(int partition, long offset, String key, String value) {}

    private final Commands commands;
    private final String bootstrap;

    LocalKafka(Commands commands, int port) {
        this.commands = commands;
        this.bootstrap = "127.0.0.1:" + port;
    }

    String bootstrap() {
        return bootstrap;
    }

    void start() {
        commands.ok(
                "kafka-start", Duration.ofMinutes(3), List.of("scripts/kafka-local.sh", "start"));
    }

    Commands.Result stop() {
        return commands.run(
                "kafka-stop", Duration.ofMinutes(1), List.of("scripts/kafka-local.sh", "stop"));
    }

    /** The partition {@code dqs publish} (Kafka's default partitioner) sends a key to. */
    static int partitionOf(String key, int partitions) {
        return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
    }

    /**
     * Every committed message of the topic, read from the beginning up to the end offsets (the last
     * stable offsets) found when the call starts.
     */
    List<Message> readCommitted(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 << 20));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<Message> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new AssertionError("topic " + topic + " does not exist on " + bootstrap);
            }
            List<TopicPartition> parts = new ArrayList<>();
            infos.forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "reading " + topic + ": end offsets " + end + " not reached in 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new Message(r.partition(), r.offset(), text(r.key()), text(r.value())));
                }
            }
        }
        return out;
    }

    private static boolean reached(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
