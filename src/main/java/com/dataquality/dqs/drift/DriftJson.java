package com.dataquality.dqs.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The JSON forms of drift events and retrain triggers (CONTRACT.md §3 "JSON forms": snake_case
 * field names, numbers as numbers), one object per line of {@code drift_events.jsonl} and {@code
 * retrain_triggers.jsonl}, and later per message on the drift topic.
 */
public final class DriftJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DriftJson() {}

    public static ObjectNode event(DriftEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("business_date", e.businessDate());
        n.put("kind", e.kind());
        n.put("statistic", e.statistic());
        putNumber(n, "value", e.value());
        putNumber(n, "threshold", e.threshold());
        var features = n.putArray("features");
        for (String f : e.features()) {
            features.add(f);
        }
        n.put("model_version", e.modelVersion());
        n.put("detail", e.detail());
        return n;
    }

    public static ObjectNode trigger(RetrainTrigger t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("business_date", t.businessDate());
        n.put("reason", t.reason());
        n.put("signal_days", t.signalDays());
        n.put("window_days", t.windowDays());
        n.put("model_version", t.modelVersion());
        return n;
    }

    public static String text(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON has no NaN or infinity: those become null. */
    private static void putNumber(ObjectNode n, String name, double v) {
        if (Double.isFinite(v)) {
            n.put(name, v);
        } else {
            n.putNull(name);
        }
    }
}
