package com.dataquality.dqs.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker (KRaft, one combined broker and controller on 127.0.0.1) inside the test JVM,
 * started once per test class: no Docker. Register it as a static field with
 * {@code @RegisterExtension}.
 *
 * <p>Configured as a one-node production broker would be: internal topics (offsets, transaction
 * state) with replication factor 1, so transactions work.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private KafkaClusterTestKit cluster;
    private Admin admin;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster =
                new KafkaClusterTestKit.Builder(
                                new TestKitNodes.Builder()
                                        .setCombined(true)
                                        .setNumBrokerNodes(1)
                                        .setNumControllerNodes(1)
                                        .build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "2")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("transaction.state.log.num.partitions", "2")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("auto.create.topics.enable", "false")
                        .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        admin = Admin.create(props);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** An admin client of the broker, owned by this extension (do not close it). */
    public Admin admin() {
        return admin;
    }

    /** Creates topics (replication factor 1), waiting until they exist. */
    public void createTopics(int partitions, String... topics) throws Exception {
        List<NewTopic> news = new ArrayList<>();
        for (String t : topics) {
            news.add(new NewTopic(t, partitions, (short) 1));
        }
        admin.createTopics(news).all().get(30, TimeUnit.SECONDS);
        // Creation is acknowledged by the controller before the broker's metadata has the topic:
        // wait until it describes it, or the first produce may find no such partition.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.describeTopics(List.of(topics)).allTopicNames().get(5, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /** A unique topic name, so tests of one class do not read each other's messages. */
    public static String uniqueTopic(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** One unique topic name per base, in order: the topics of a job that no other test reads. */
    public static List<String> uniqueTopics(String... bases) {
        List<String> out = new java.util.ArrayList<>();
        for (String base : bases) {
            out.add(uniqueTopic(base));
        }
        return out;
    }

    /** Publishes values (null allowed: a tombstone) to a topic, round-robin over partitions. */
    public void produce(String topic, List<String> values) throws Exception {
        List<byte[]> bytes = new ArrayList<>();
        for (String v : values) {
            bytes.add(v == null ? null : v.getBytes(StandardCharsets.UTF_8));
        }
        produceBytes(topic, bytes);
    }

    /**
     * Publishes raw values, all acknowledged before returning. Message {@code i} goes to partition
     * {@code i % partitions} with timestamp {@code now + i} ms: strictly increasing, so "published
     * later" is well defined across partitions.
     */
    public void produceBytes(String topic, List<byte[]> values) throws Exception {
        int partitions =
                admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic)
                        .partitions()
                        .size();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            long now = System.currentTimeMillis();
            int i = 0;
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(topic, i % partitions, now + i, null, v));
                i++;
            }
            producer.flush();
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    /**
     * Reads a topic from the beginning with {@code read_committed} until {@code atLeast} messages
     * arrived, then keeps reading for {@code quiet} to catch any extra (duplicate) message, or
     * until the timeout; returns what it read.
     */
    public List<ConsumerRecord<String, String>> consumeCommitted(
            String topic, int atLeast, Duration quiet, Duration timeout) {
        return consume(topic, "read_committed", atLeast, quiet, timeout);
    }

    /**
     * Reads with the given isolation level ({@code read_committed} or {@code read_uncommitted}: the
     * latter also returns messages of aborted transactions).
     */
    public List<ConsumerRecord<String, String>> consume(
            String topic, String isolation, int atLeast, Duration quiet, Duration timeout) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(isolation)) {
            List<TopicPartition> parts = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(
                            new ConsumerRecord<>(
                                    r.topic(),
                                    r.partition(),
                                    r.offset(),
                                    r.key() == null
                                            ? null
                                            : new String(r.key(), StandardCharsets.UTF_8),
                                    r.value() == null
                                            ? null
                                            : new String(r.value(), StandardCharsets.UTF_8)));
                }
                if (out.size() >= atLeast && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + quiet.toNanos();
                }
            }
        }
        return out;
    }

    private KafkaConsumer<byte[], byte[]> consumer(String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(props);
    }
}
