package com.dataquality.dqs.io;

import com.dataquality.dqs.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the job's topics (CONTRACT.md §5) when they are missing, each with the settings its use
 * needs; existing topics are left as they are.
 */
public final class KafkaTopics {
    /** A topic this job uses and what it needs. */
    public record Spec(String name, int partitions, Map<String, String> configs) {}

    private KafkaTopics() {}

    /**
     * Every topic of a Kafka run. Summaries are upserts by key, so the topic is compacted: each
     * key's latest row survives; predictions are upserts by series-day (the forecast, then its
     * realization), compacted too. Models keep one partition (every task sees versions in one
     * order) and no time limit (a job started later still finds the latest model), and allow 16 MiB
     * values.
     */
    public static List<Spec> standard(int partitions, TopicNames t) {
        return List.of(
                new Spec(t.input(), partitions, Map.of()),
                new Spec(t.summaries(), partitions, Map.of("cleanup.policy", "compact")),
                new Spec(t.predictions(), partitions, Map.of("cleanup.policy", "compact")),
                new Spec(t.shadowPredictions(), partitions, Map.of("cleanup.policy", "compact")),
                new Spec(t.drift(), partitions, Map.of()),
                new Spec(t.retrainTriggers(), 1, Map.of()),
                new Spec(t.deadLetters(), partitions, Map.of()),
                new Spec(t.comparisons(), 1, Map.of()),
                new Spec(t.anomalies(), partitions, Map.of()),
                new Spec(
                        t.models(),
                        1,
                        Map.of("retention.ms", "-1", "max.message.bytes", "16777216")));
    }

    /**
     * Creates the missing topics with replication factor {@code replication}.
     *
     * @return for each topic, true when created now, false when it already existed
     * @throws InputException when the brokers cannot be reached or refuse a topic
     */
    public static Map<String, Boolean> ensure(
            String bootstrap, List<Spec> specs, short replication) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        Map<String, Boolean> created = new LinkedHashMap<>();
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Spec s : specs) {
                boolean create = !existing.contains(s.name());
                created.put(s.name(), create);
                if (create) {
                    missing.add(
                            new NewTopic(s.name(), s.partitions(), replication)
                                    .configs(s.configs()));
                }
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Another client created one meanwhile: as good as created by us.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return created;
        } catch (ExecutionException e) {
            throw new InputException(
                    "creating topics on " + bootstrap + " failed: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new InputException("cannot reach Kafka at " + bootstrap + " (timed out)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while creating topics on " + bootstrap);
        }
    }
}
