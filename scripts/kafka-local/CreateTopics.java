import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the job's topics when missing (run by scripts/kafka-topics.sh as a single-file Java
 * program on the broker's classpath). Usage: CreateTopics BOOTSTRAP PARTITIONS
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int partitions = Integer.parseInt(args[1]);
        // Summaries are upserts keyed by summary key: compaction keeps each key's latest row.
        // Models stay for ever, so a job started later still finds the latest one.
        Map<String, Map<String, String>> topics =
                Map.of(
                        "dq.rule-executions", Map.of(),
                        "dq.summaries", Map.of("cleanup.policy", "compact"),
                        "dq.predictions", Map.of(),
                        "dq.drift", Map.of(),
                        "dq.dead-letters", Map.of(),
                        "dq.models", Map.of("retention.ms", "-1", "max.message.bytes", "16777216"));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (var t : new java.util.TreeMap<>(topics).entrySet()) {
                if (existing.contains(t.getKey())) {
                    System.out.println("exists:  " + t.getKey());
                    continue;
                }
                // One partition for models: every task must see model versions in one order.
                int p = t.getKey().equals("dq.models") ? 1 : partitions;
                missing.add(new NewTopic(t.getKey(), p, (short) 1).configs(t.getValue()));
                System.out.println("created: " + t.getKey() + " (" + p + " partitions)");
            }
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }
}
