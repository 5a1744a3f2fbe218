package com.dataquality.dqs.model;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelRole;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;

/**
 * What reaches a running job through its models directory or models topic, as bytes: either a plain
 * model file (it serves as the champion: a live swap), or a serving document ({@value #FORMAT})
 * that says what to do with a model: serve it as a challenger (in shadow, or on a share of the
 * series), promote a challenger, retire one, change its share.
 *
 * <pre>
 * {"format": "dqs-serving/1", "action": "serve", "role": "challenger", "share": 0.2, "model": {...}}
 * {"format": "dqs-serving/1", "action": "promote", "version": "1.4.0+9de0c77e"}
 * </pre>
 *
 * Everything is validated here, before anything reaches the job's state: a model is checked as
 * {@link ModelFile#parse} checks every model file.
 */
public final class ServingDocument {
    public static final String FORMAT = "dqs-serving/1";

    /** The file name ending of serving documents in a models directory. */
    public static final String SUFFIX = ".serving.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServingDocument() {}

    /** The command these bytes stand for; throws {@link InputException} when they are invalid. */
    public static ModelCommand parse(byte[] bytes, String origin) {
        JsonNode doc;
        try {
            doc = JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            doc = null;
        }
        if (doc == null || !FORMAT.equals(doc.path("format").asText(null))) {
            ForecastModel m = ModelFile.parse(bytes, origin);
            return ModelCommand.champion(m.version(), origin, bytes);
        }
        String action = doc.path("action").asText("").toLowerCase(Locale.ROOT);
        double share = share(doc, origin);
        return switch (action) {
            case "serve" -> serve(doc, origin, share);
            case "promote", "retire", "split" ->
                    new ModelCommand(
                            ModelCommand.Action.valueOf(action.toUpperCase(Locale.ROOT)),
                            version(doc, origin),
                            origin,
                            ModelRole.CHALLENGER,
                            share,
                            null);
            default ->
                    throw new InputException(
                            "serving document "
                                    + origin
                                    + ": action must be serve, promote, retire or split, got '"
                                    + action
                                    + "'");
        };
    }

    private static ModelCommand serve(JsonNode doc, String origin, double share) {
        JsonNode model = doc.get("model");
        if (model == null || !model.isObject()) {
            throw new InputException("serving document " + origin + ": serve needs a model");
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(model);
        } catch (IOException e) {
            throw new InputException("serving document " + origin + ": " + e.getMessage());
        }
        ForecastModel m = ModelFile.parse(bytes, origin);
        ModelRole role;
        try {
            role = ModelRole.valueOf(doc.path("role").asText("champion").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException(
                    "serving document " + origin + ": role must be champion or challenger");
        }
        return new ModelCommand(
                ModelCommand.Action.SERVE,
                m.version(),
                origin,
                role,
                role == ModelRole.CHAMPION ? 0 : share,
                bytes);
    }

    private static double share(JsonNode doc, String origin) {
        double share = doc.path("share").asDouble(0);
        if (!(share >= 0 && share <= 0.5)) {
            throw new InputException(
                    "serving document "
                            + origin
                            + ": share must be between 0 (shadow) and 0.5, got "
                            + doc.path("share"));
        }
        return share;
    }

    private static String version(JsonNode doc, String origin) {
        String v = doc.path("version").asText("");
        if (v.isBlank() || v.length() > 200) {
            throw new InputException("serving document " + origin + ": a version is needed");
        }
        return v;
    }

    /** A document serving {@code modelJson} in {@code role} (share 0: shadow only). */
    public static byte[] serve(byte[] modelJson, ModelRole role, double share) {
        try {
            ObjectNode doc = JSON.createObjectNode();
            doc.put("format", FORMAT);
            doc.put("action", "serve");
            doc.put("role", role.label());
            doc.put("share", share);
            doc.set("model", JSON.readTree(modelJson));
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new InputException("not a model document: " + e.getMessage());
        }
    }

    /** A document asking the job to promote, retire or re-split a served version. */
    public static byte[] action(ModelCommand.Action action, String version, double share) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("format", FORMAT);
        doc.put("action", action.name().toLowerCase(Locale.ROOT));
        doc.put("version", version);
        doc.put("share", share);
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
