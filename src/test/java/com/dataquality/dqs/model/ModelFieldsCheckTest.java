package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.Vocabularies;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of {@link ModelFieldsCheck}: the trainer's model with one JSON field made
 * non-finite, unbounded or unprintable is rejected by {@link ModelFile#parse} with one line.
 */
class ModelFieldsCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTrainersDocumentIsAccepted() {
        ForecastModel m = TestModels.small();
        assertEquals(m.version(), ModelFile.parse(ModelFile.toBytes(m), "m").version());
    }

    @Test
    void infiniteHoldoutMaeIsRejected() {
        assertRejected(
                edit(n -> metric(n, "model").put("mae", Double.POSITIVE_INFINITY)),
                "holdoutMetrics.model.mae=Infinity is not a finite number");
        // The same as a JSON number too large for a double.
        String json = new String(ModelFile.toBytes(TestModels.small()), StandardCharsets.UTF_8);
        String huge = json.replaceFirst("\"mae\" : [0-9.eE+-]+", "\"mae\" : 1e999");
        assertFalse(huge.equals(json), "the edit found the MAE");
        assertRejected(
                huge.getBytes(StandardCharsets.UTF_8),
                "holdoutMetrics.model.mae=Infinity is not a finite number");
    }

    @Test
    void everyMetricMustBeFinite() {
        assertRejected(
                edit(n -> metric(n, "naive").put("rmse", Double.NaN)),
                "holdoutMetrics.naive.rmse=NaN is not a finite number");
        assertRejected(
                edit(n -> metric(n, "model").put("r2", Double.NEGATIVE_INFINITY)),
                "holdoutMetrics.model.r2=-Infinity");
        assertRejected(
                edit(n -> metric(n, "model").put("mase", "NaN")), "holdoutMetrics.model.mase=NaN");
        assertRejected(
                edit(n -> metric(n, "model").put("mae", -1.0)),
                "holdoutMetrics.model.mae=-1.0 is negative");
        assertRejected(
                edit(n -> ((ObjectNode) n.get("training")).put("naiveScale", Double.NaN)),
                "training.naiveScale=NaN");
        assertRejected(
                edit(
                        n ->
                                ((ObjectNode) n.get("driftReference").get("holdoutAbsError"))
                                        .put("mean", Double.POSITIVE_INFINITY)),
                "driftReference.holdoutAbsError.mean=Infinity");
    }

    @Test
    void versionIsShortPrintableText() {
        assertRejected(edit(n -> n.put("version", "v\u0007")), "non-printable character U+0007");
        assertRejected(edit(n -> n.put("version", "a\nb")), "character U+000A at index 1");
        assertRejected(edit(n -> n.put("version", "x\u202Eevil")), "character U+202E at index 1");
        assertRejected(edit(n -> n.put("version", "ab\uD800c")), "character U+D800 at index 2");
        assertRejected(
                edit(n -> n.put("version", "v".repeat(201))),
                "version has 201 characters, more than 200");
        assertRejected(edit(n -> n.put("version", "  ")), "no version");
        // Letters of any script are text.
        ModelFile.parse(edit(n -> n.put("version", "modèle-模型-1")), "unicode");
        ModelFile.parse(edit(n -> n.put("version", "v".repeat(200))), "at the limit");
    }

    @Test
    void otherStringsAreBoundedToo() {
        assertRejected(
                edit(n -> n.put("createdAt", "2026".repeat(60))), "createdAt has 240 characters");
        assertRejected(
                edit(n -> ((ArrayNode) n.get("vocabularies").get("datasetUuids")).set(0, "a\tb")),
                "vocabularies.datasetUuids[0] has a non-printable character U+0009");
        assertRejected(
                edit(n -> ((ObjectNode) n.get("training").get("parameters")).put("seed", "4\r2")),
                "training.parameters.seed has a non-printable character");
    }

    @Test
    void collectionsAreBounded() {
        assertRejected(
                edit(
                        n -> {
                            ObjectNode metrics = (ObjectNode) n.get("holdoutMetrics");
                            for (int i = 0; i < 1_001; i++) {
                                metrics.set("m" + i, metrics.get("model"));
                            }
                        }),
                "holdoutMetrics has "
                        + (TestModels.small().holdoutMetrics().size() + 1_001)
                        + " entries, more than 1000");
        String[] many = new String[ModelFieldsCheck.MAX_VOCABULARY + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = "d" + (10_000_000 + i); // same length, so sorted as the vocabulary must be
        }
        ForecastModel m = TestModels.small();
        ForecastModel big =
                new ForecastModel(
                        m.format(),
                        m.version(),
                        m.createdAt(),
                        m.features(),
                        m.categoricalFeatures(),
                        new Vocabularies(many, m.vocabularies().ruleCodes()),
                        m.training(),
                        m.holdoutMetrics(),
                        m.driftReference(),
                        m.lightgbmModel());
        InvalidModel e = assertThrows(InvalidModel.class, () -> ModelFieldsCheck.check(big));
        assertEquals(
                "vocabularies of 1000001 datasets and "
                        + m.vocabularies().ruleCodes().length
                        + " rules exceed 1000000",
                e.getMessage());
        assertRejected(
                edit(n -> n.with("vocabularies").putArray("datasetUuids").addNull()),
                "vocabularies.datasetUuids[0] is missing or blank");
    }

    @Test
    void driftHistogramsMatchTheirBins() {
        assertRejected(
                edit(n -> distribution(n, 4).withArray("proportions").remove(0)),
                "binEdges (needs one more)");
        assertRejected(
                edit(n -> distribution(n, 4).withArray("binEdges").set(0, 1e9)),
                "driftReference.features[4].binEdges do not increase at index 1");
        assertRejected(
                edit(n -> distribution(n, 4).withArray("binEdges").set(0, Double.NaN)),
                "driftReference.features[4].binEdges[0]=NaN is not a finite number");
        assertRejected(
                edit(n -> distribution(n, 4).withArray("proportions").set(0, 1.5)),
                "driftReference.features[4].proportions[0]=1.5 is not a share");
        assertRejected(
                edit(n -> distribution(n, 4).put("missingShare", -0.1)), "missingShare=-0.1");
        assertRejected(
                edit(n -> distribution(n, 4).putNull("binEdges")),
                "driftReference.features[4] has no binEdges or proportions");
        assertRejected(
                edit(
                        n -> {
                            ArrayNode f = (ArrayNode) n.get("driftReference").get("features");
                            for (int i = 0; i < 3; i++) {
                                f.add(f.get(0));
                            }
                        }),
                "driftReference has "
                        + (TestModels.small().driftReference().features().size() + 3)
                        + " feature distributions for "
                        + TestModels.small().features().size()
                        + " features");
        assertRejected(
                edit(
                        n ->
                                ((ArrayNode) n.get("driftReference").get("features"))
                                        .set(
                                                0,
                                                com.fasterxml.jackson.databind.node.NullNode
                                                        .getInstance())),
                "driftReference.features[0] is null");
    }

    @Test
    void aDocumentAboveTheTopicLimitIsRejectedUnread() {
        byte[] big = new byte[ModelFile.MAX_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        assertRejected(big, "16777217 bytes, more than the 16777216 a model may have");
    }

    @Test
    void theMessageStaysOneLineWhateverTheOriginIsCalled() {
        InputException e =
                assertThrows(
                        InputException.class,
                        () ->
                                ModelFile.parse(
                                        edit(n -> metric(n, "model").put("mae", Double.NaN)),
                                        "evil\nname\u001b[31m"));
        assertEquals(
                "model file evil?name?[31m: holdoutMetrics.model.mae=NaN is not a finite number",
                e.getMessage());
    }

    private static ObjectNode metric(ObjectNode doc, String name) {
        return (ObjectNode) doc.get("holdoutMetrics").get(name);
    }

    private static ObjectNode distribution(ObjectNode doc, int index) {
        return (ObjectNode) doc.get("driftReference").get("features").get(index);
    }

    @Test
    void aForecastDistributionThatCannotBeComputedIsRejected() {
        assertRejected(
                edit(n -> ((ObjectNode) n.get("distribution")).put("family", "normal")),
                "distribution.family is \"normal\", expected \"beta-binomial\"");
        assertRejected(
                edit(n -> ((ArrayNode) n.get("distribution").get("concentrations")).remove(0)),
                "distribution.concentrations has 4 entries for 4 meanEdges");
        assertRejected(
                edit(n -> ((ArrayNode) n.get("distribution").get("concentrations")).set(0, 0.0)),
                "distribution.concentrations[0]=0.0 is outside");
        assertRejected(
                edit(n -> ((ObjectNode) n.get("distribution")).put("typicalExecutions", 0)),
                "distribution.typicalExecutions=0 is outside [1, 2000]");
        assertRejected(
                edit(n -> ((ObjectNode) n.get("distribution")).putNull("internalLevels")),
                "distribution.levels and internalLevels do not match");
        assertRejected(
                edit(n -> ((ArrayNode) n.get("distribution").get("internalLevels")).set(8, 0.2)),
                "distribution.levels or internalLevels do not increase at index 8");
    }

    private static byte[] edit(Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(ModelFile.toBytes(TestModels.small()));
            change.accept(node);
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRejected(byte[] document, String problem) {
        InputException e =
                assertThrows(InputException.class, () -> ModelFile.parse(document, "m.model.json"));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("model file m.model.json: "), msg);
        assertTrue(msg.contains(problem), msg);
        assertFalse(msg.contains("\n"), "one line: " + msg);
    }
}
