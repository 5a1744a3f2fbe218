package com.dataquality.dqs.cli;

import com.dataquality.dqs.InputException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dqs consume}: prints the committed messages of a topic, one value per line, as a
 * downstream consumer of the job's outputs sees them ({@code isolation.level=read_committed}).
 */
@Command(
        name = "consume",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Prints a topic's committed messages (values, one per line).")
final class ConsumeCommand implements Callable<Integer> {

    @Option(names = "--kafka", required = true, paramLabel = "BOOTSTRAP")
    String bootstrap;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC")
    String topic;

    @Option(
            names = "--from-beginning",
            description = "Start at the earliest message (default: only new ones).")
    boolean fromBeginning;

    @Option(
            names = "--max",
            defaultValue = "0",
            paramLabel = "N",
            description = "Stop after N messages; 0 for no limit (default).")
    long max;

    @Option(
            names = "--idle-exit",
            converter = DurationConverter.class,
            paramLabel = "D",
            description = "Stop when no message came for this long (default: never).")
    Duration idleExit;

    @Option(names = "--keys", description = "Print 'key<TAB>value'.")
    boolean keys;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new InputException("topic " + topic + " does not exist on " + bootstrap);
            }
            List<TopicPartition> parts = new ArrayList<>();
            infos.forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            consumer.assign(parts);
            if (fromBeginning) {
                consumer.seekToBeginning(parts);
            } else {
                consumer.seekToEnd(parts);
            }
            long lastMessage = System.nanoTime();
            while (max == 0 || printed < max) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    String value =
                            r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
                    if (keys) {
                        String key =
                                r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                        // The summary key's parts are joined by U+001F; shown as '|' to be
                        // readable.
                        out.println(key.replace('\u001f', '|') + "\t" + value);
                    } else {
                        out.println(value);
                    }
                    lastMessage = System.nanoTime();
                    if (++printed == max) {
                        break;
                    }
                }
                out.flush();
                if (idleExit != null && System.nanoTime() - lastMessage > idleExit.toNanos()) {
                    break;
                }
            }
        } catch (TimeoutException e) {
            throw new InputException("cannot reach Kafka at " + bootstrap + " (timed out)");
        }
        return 0;
    }
}
