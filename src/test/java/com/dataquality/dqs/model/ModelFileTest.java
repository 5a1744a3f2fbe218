package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.features.FeatureExtractor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    private static ForecastModel model;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @BeforeAll
    static void train() {
        DailySeriesTable table = SyntheticData.table(3, 2, 60, 3);
        model =
                new Trainer(m -> {})
                        .train(
                                table.series(),
                                table.records(),
                                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void writeThenReadGivesTheSameModel() throws Exception {
        Path f = dir.resolve("m.model.json");
        ModelFile.write(model, f);
        ForecastModel back = ModelFile.read(f);
        assertEquals(model.version(), back.version());
        assertEquals(model.lightgbmModel(), back.lightgbmModel());
        assertEquals(model.vocabularies(), back.vocabularies());
        assertEquals(model.holdoutMetrics(), back.holdoutMetrics());
        assertEquals(model.training(), back.training());
        assertEquals(FeatureExtractor.DEFAULTS, back.features());
        assertArrayEquals(
                model.driftReference().features().get(0).binEdges(),
                back.driftReference().features().get(0).binEdges());
        assertEquals(
                model.driftReference().holdoutAbsError(), back.driftReference().holdoutAbsError());
        assertArrayEquals(ModelFile.toBytes(model), ModelFile.toBytes(back));
        assertTrue(Files.list(dir).allMatch(p -> p.equals(f)), "no temporary file left behind");
    }

    @Test
    void driftReferenceCoversEveryNumericFeatureAndTheTarget() {
        DriftReference ref = model.driftReference();
        assertEquals(
                model.features().stream()
                        .filter(f -> !FeatureExtractor.CATEGORICAL_NAMES.contains(f))
                        .count(),
                ref.features().size());
        for (DriftReference.Distribution d : ref.features()) {
            assertEquals(d.binEdges().length + 1, d.proportions().length, d.name());
            double sum = 0;
            for (double p : d.proportions()) {
                sum += p;
            }
            assertEquals(1.0, sum, 1e-9, d.name());
        }
        assertEquals("pass_percentage", ref.target().name());
        assertTrue(ref.holdoutAbsError().p50() <= ref.holdoutAbsError().p90());
    }

    @Test
    void notJsonIsRejected() {
        assertRejected(
                "hello, I am a CSV\n1,2,3".getBytes(StandardCharsets.UTF_8),
                "not a dqs model file");
        assertRejected(new byte[0], "not a dqs model file");
        assertRejected("[1,2]".getBytes(StandardCharsets.UTF_8), "not a dqs model file");
    }

    @Test
    void truncatedFileIsRejected() {
        byte[] full = ModelFile.toBytes(model);
        byte[] half = java.util.Arrays.copyOf(full, full.length / 2);
        assertRejected(half, "not a dqs model file");
    }

    @Test
    void foreignFormatTagIsRejected() {
        assertRejected(edit(n -> n.put("format", "sklearn/2")), "format is \"sklearn/2\"");
        assertRejected(edit(n -> n.remove("format")), "format is missing");
    }

    @Test
    void missingRequiredFieldsAreRejected() {
        assertRejected(edit(n -> n.remove("version")), "no version");
        assertRejected(edit(n -> n.remove("vocabularies")), "no vocabularies");
        assertRejected(edit(n -> n.remove("driftReference")), "no drift reference");
        assertRejected(edit(n -> n.remove("lightgbmModel")), "no LightGBM model text");
    }

    @Test
    void aVersionHoldingAnUnpairedSurrogateIsRejected() {
        // The version names the model everywhere (outputs, registry files): it must be text.
        String text =
                new String(edit(n -> n.put("version", "v-placeholder")), StandardCharsets.UTF_8)
                        .replace("v-placeholder", "v\\" + "ud800");
        assertRejected(text.getBytes(StandardCharsets.UTF_8), "U+D800");
    }

    @Test
    void aFeatureListThatIsNotTheModelTextsOrUnknownIsRejected() {
        assertRejected(
                edit(n -> ((ArrayNode) n.get("features")).remove(0)),
                " features"); // the drift reference or the LightGBM text no longer match
        assertRejected(
                edit(n -> ((ArrayNode) n.get("features")).set(0, "tomorrow")),
                "its feature 'tomorrow' is not one this build computes");
        assertRejected(
                edit(
                        n -> {
                            ArrayNode f = (ArrayNode) n.get("features");
                            f.set(0, f.get(1));
                        }),
                "is listed twice");
    }

    @Test
    void corruptLightGbmTextIsRejected() {
        assertRejected(
                edit(n -> n.put("lightgbmModel", "tree\nnot really a model\n")),
                "LightGBM text: unexpected header line");
    }

    @Test
    void missingFileIsOneClearError() {
        InputException e =
                assertThrows(InputException.class, () -> ModelFile.read(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("nope.json") && e.getMessage().contains("no such file"));
    }

    private byte[] edit(Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(ModelFile.toBytes(model));
            change.accept(node);
            return JSON.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private void assertRejected(byte[] bytes, String problem) {
        Path f = dir.resolve("bad.model.json");
        try {
            Files.write(f, bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        InputException e = assertThrows(InputException.class, () -> ModelFile.read(f));
        assertTrue(e.getMessage().startsWith("model file " + f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
