package com.dataquality.dqs.model;

import com.dataquality.dqs.InputException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * A model document without its LightGBM text: what the drift detector needs (version, features,
 * drift reference, holdout figures), a small part of the whole. The drift operator keeps this in
 * its broadcast state, so a model's trees are stored once per checkpoint, by the forecast operator.
 */
public final class ReferenceDocument {
    private static final String TREES = "lightgbmModel";
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReferenceDocument() {}

    /** The document without its trees; the bytes unchanged when they are not a JSON object. */
    public static byte[] strip(byte[] modelJson) {
        try {
            if (JSON.readTree(modelJson) instanceof ObjectNode doc) {
                doc.remove(TREES);
                return JSON.writeValueAsBytes(doc);
            }
        } catch (IOException e) {
            // Not JSON: validation rejects it wherever it is parsed.
        }
        return modelJson;
    }

    /** Reads a (stripped or whole) model document, without the checks that need the trees. */
    public static ForecastModel parse(byte[] json, String origin) {
        try {
            ForecastModel m = JSON.readValue(json, ForecastModel.class);
            if (m == null
                    || m.version() == null
                    || m.features() == null
                    || m.driftReference() == null) {
                throw new InputException("model " + origin + ": no drift reference");
            }
            return m;
        } catch (IOException e) {
            throw new InputException("model " + origin + ": not a model document", e);
        }
    }
}
