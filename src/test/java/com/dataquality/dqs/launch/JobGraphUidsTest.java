package com.dataquality.dqs.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.io.KafkaOutputSettings;
import com.dataquality.dqs.io.TopicNames;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.TestModels;
import com.dataquality.dqs.pipeline.Pipeline;
import com.dataquality.dqs.scoring.ForecastSettings;
import com.dataquality.dqs.scoring.PromotionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoints map state to operators by uid, so a uid that changes strands its state: the uids of
 * the graphs a file run and a Kafka run build are compared with checked-in lists ({@code
 * src/test/resources/golden/uids-*.txt}). A change here is deliberate or a bug: a new operator adds
 * a line, an existing line never changes. Every node of the graphs has an explicit uid.
 */
class JobGraphUidsTest {

    @TempDir Path tmp;

    private RunOptions options(String kafka, boolean continuous, boolean retrain) throws Exception {
        Path golden = Path.of(JobGraphUidsTest.class.getResource("/golden").toURI());
        Path model = tmp.resolve("m.model.json");
        ModelFile.write(TestModels.small(), model);
        Path registry = Files.createDirectories(tmp.resolve("registry"));
        Path models = Files.createDirectories(tmp.resolve("models"));
        return new RunOptions(
                golden.resolve("rules.json"),
                kafka == null
                        ? List.of(continuous ? golden : golden.resolve("input.csv"))
                        : List.of(),
                continuous,
                Duration.ofSeconds(2),
                kafka,
                false,
                TopicNames.DEFAULTS,
                KafkaOutputSettings.DEFAULT_TRANSACTIONAL_ID_PREFIX,
                model,
                models,
                tmp.resolve("out"),
                null,
                false,
                8081,
                0,
                1,
                Duration.ofSeconds(10),
                Duration.ZERO,
                Duration.ofMinutes(1),
                retrain ? registry : null,
                retrain ? new RunOptions.Retrain(120, 7) : null,
                PromotionSettings.DEFAULTS,
                ForecastSettings.DEFAULTS);
    }

    private static List<String> uids(RunPlan plan) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        plan.attachSinks(Pipeline.build(env, plan.inputs(), plan.settings()));
        StreamGraph graph = env.getStreamGraph();
        TreeSet<String> uids = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            if (node.getTransformationUID() == null) {
                missing.add(node.getOperatorName());
            } else {
                uids.add(node.getTransformationUID());
            }
        }
        assertEquals(List.of(), missing, "nodes without a uid");
        return new ArrayList<>(uids);
    }

    private static List<String> golden(String name) throws Exception {
        Path file = Path.of(JobGraphUidsTest.class.getResource("/golden/" + name).toURI());
        return Files.readAllLines(file).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
    }

    @Test
    void aContinuousFileRunWithRetrainingHasTheCheckedInUids() throws Exception {
        assertEquals(golden("uids-file-run.txt"), uids(RunPlan.of(options(null, true, true))));
    }

    @Test
    void aKafkaRunHasTheCheckedInUids() throws Exception {
        assertEquals(
                golden("uids-kafka-run.txt"),
                uids(RunPlan.of(options("127.0.0.1:9092", false, false))));
    }

    @Test
    void theUidsOfVersion01AreAllStillThere() throws Exception {
        // Every uid of a 0.1 file run (the checked-in savepoint's job) except the per-run model
        // source of 0.1, which no longer exists: the model a run starts with is in the job graph.
        List<String> now = uids(RunPlan.of(options(null, true, false)));
        for (String uid : golden("uids-v0.1-file-run.txt")) {
            assertTrue(now.contains(uid), uid + " is gone");
        }
    }
}
