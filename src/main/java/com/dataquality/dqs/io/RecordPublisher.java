package com.dataquality.dqs.io;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.parse.CsvRows;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes the rows of rule-execution CSV files to the input topic as JSON messages (see {@link
 * RecordMessages}), optionally at a fixed rate: the feed of a local Kafka session, a demo and the
 * Kafka benchmark.
 */
public final class RecordPublisher implements AutoCloseable {
    private static final long PROGRESS_EVERY = 100_000;

    private final String bootstrap;
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

    /**
     * Checks that the broker answers and the topic exists, then opens an idempotent producer.
     *
     * @throws InputException when the broker cannot be reached or the topic does not exist
     */
    public RecordPublisher(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        checkTopic();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        // Model files travel as one message; the models topic accepts up to 16 MiB.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(16 << 20));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(props);
    }

    private void checkTopic() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(props)) {
            admin.describeTopics(List.of(topic)).allTopicNames().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new InputException(
                        "topic "
                                + topic
                                + " does not exist on "
                                + bootstrap
                                + " (create it, e.g. with scripts/kafka-topics.sh)");
            }
            throw new InputException(
                    "cannot reach Kafka at " + bootstrap + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new InputException("cannot reach Kafka at " + bootstrap + " (timed out)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while connecting to " + bootstrap);
        }
    }

    /**
     * Publishes every row of the files, in order, and waits until all are acknowledged.
     *
     * @param rate messages per second, or 0 for as fast as the broker takes them
     * @param progress told the number of messages sent so far, every 100,000 messages
     * @return the number of messages published
     */
    public long publish(List<Path> files, double rate, LongConsumer progress) {
        long sent = 0;
        long start = System.nanoTime();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file);
                    CsvRows rows = new CsvRows(in)) {
                for (CsvRows.Row row = rows.next(); row != null; row = rows.next()) {
                    pace(start, sent, rate);
                    send(
                            RecordMessages.key(rows.header(), row),
                            RecordMessages.of(rows.header(), row));
                    sent++;
                    if (sent % PROGRESS_EVERY == 0) {
                        progress.accept(sent);
                    }
                }
            } catch (NoSuchFileException e) {
                throw new InputException("input " + file + " does not exist");
            } catch (IOException e) {
                throw new InputException("cannot read " + file + ": " + e.getMessage());
            }
        }
        producer.flush();
        if (sendFailure.get() != null) {
            throw new InputException(
                    "publishing to " + topic + " failed: " + sendFailure.get().getMessage());
        }
        return sent;
    }

    /** Sends one message now; null key for none. */
    public void send(String key, String value) {
        send(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one message with a binary value now; null key for none. */
    public void send(String key, byte[] value) {
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new InputException("publishing to " + topic + " failed: " + failure.getMessage());
        }
        producer.send(
                new ProducerRecord<>(
                        topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value),
                (metadata, e) -> {
                    if (e != null) {
                        sendFailure.compareAndSet(null, e);
                    }
                });
    }

    /** Waits until every message sent so far is acknowledged. */
    public void flush() {
        producer.flush();
    }

    /** Sleeps until message number {@code sent} is due at the given rate. */
    private static void pace(long start, long sent, double rate) {
        if (rate <= 0) {
            return;
        }
        long due = start + (long) (sent * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InputException("publishing interrupted");
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
