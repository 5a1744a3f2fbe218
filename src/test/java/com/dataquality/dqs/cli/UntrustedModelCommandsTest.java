package com.dataquality.dqs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.TestModels;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands through which a model enters the system refuse a crafted one with exit code 1 and
 * one line on stderr, before it reaches the models topic or the registry: {@code dqs publish
 * --model} (a bad model on the topic stays there for good and is replayed by every later job) and
 * {@code dqs models add --promote}.
 */
class UntrustedModelCommandsTest {

    @TempDir static Path dir;

    /** Crafted model files by what is wrong with them. */
    static final Map<String, Path> CRAFTED = new LinkedHashMap<>();

    @BeforeAll
    static void craft() throws Exception {
        ForecastModel m = TestModels.small();
        String text = m.lightgbmModel();
        craft(
                "tree_sizes=999999999999",
                text.replaceFirst("tree_sizes=[0-9]+", "tree_sizes=999999999999"),
                "tree_sizes[0]=999999999999 exceeds");
        craft(
                "num_leaves=2e9",
                text.replaceFirst("num_leaves=[0-9]+", "num_leaves=2000000000"),
                "tree 0: num_leaves=2000000000 exceeds 131072");
        craft(
                "num_tree_per_iteration=1e9",
                text.replace("num_tree_per_iteration=1\n", "num_tree_per_iteration=1000000000\n"),
                "num_tree_per_iteration=1000000000, expected 1");
        craft(
                "num_class=2e9",
                text.replace("num_class=1\n", "num_class=2000000000\n"),
                "num_class=2000000000, expected 1");
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(ModelFile.toBytes(m));
        ((ObjectNode) doc.get("holdoutMetrics").get("model")).put("mae", Double.POSITIVE_INFINITY);
        Path infinite = dir.resolve("infinite-mae.model.json");
        Files.write(infinite, json.writeValueAsBytes(doc));
        CRAFTED.put("holdoutMetrics.model.mae=Infinity is not a finite number", infinite);
    }

    private static void craft(String name, String text, String problem) throws Exception {
        Path f = dir.resolve(name.replace('=', '-') + ".model.json");
        Files.write(f, ModelFile.toBytes(TestModels.withText(TestModels.small(), text)));
        CRAFTED.put(problem, f);
    }

    @Test
    void publishRefusesACraftedModelWithoutContactingKafka() throws Exception {
        // Nothing listens on this port: a command that tried to send would hang, then fail.
        String kafka = "127.0.0.1:" + CliRunner.freePort();
        for (Map.Entry<String, Path> c : CRAFTED.entrySet()) {
            CliRunner.Run r =
                    CliRunner.dqs("publish", "--kafka", kafka, "--model", c.getValue().toString());
            assertEquals(Dqs.EXIT_INPUT, r.exitCode(), r.err());
            assertOneLine(r.err(), "dqs: model file " + c.getValue() + ": ", c.getKey());
            assertEquals("", r.out());
        }
    }

    @Test
    void modelsAddRefusesACraftedModelAndLeavesTheRegistryAsItWas() throws Exception {
        Path registry = Files.createDirectories(dir.resolve("registry"));
        for (Map.Entry<String, Path> c : CRAFTED.entrySet()) {
            CliRunner.Run r =
                    CliRunner.dqs(
                            "models",
                            "add",
                            "--registry",
                            registry.toString(),
                            c.getValue().toString(),
                            "--promote");
            assertEquals(Dqs.EXIT_INPUT, r.exitCode(), r.err());
            assertOneLine(r.err(), "dqs: model file " + c.getValue() + ": ", c.getKey());
            try (Stream<Path> files = Files.list(registry)) {
                assertEquals(0, files.count(), "nothing added, nothing promoted");
            }
        }
        Path good = dir.resolve("good.model.json");
        ModelFile.write(TestModels.small(), good);
        CliRunner.Run ok =
                CliRunner.dqs(
                        "models",
                        "add",
                        "--registry",
                        registry.toString(),
                        good.toString(),
                        "--promote");
        assertEquals(0, ok.exitCode(), ok.err());
    }

    private static void assertOneLine(String err, String prefix, String problem) {
        String line = err.strip();
        assertTrue(line.startsWith(prefix), err);
        assertTrue(line.contains(problem), err);
        assertEquals(-1, line.indexOf('\n'), "one line: " + err);
    }
}
