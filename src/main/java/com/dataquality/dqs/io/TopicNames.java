package com.dataquality.dqs.io;

import java.io.Serializable;
import java.util.List;

/**
 * The names of every topic a Kafka run reads or writes, in one record, so that {@code dqs topics}
 * creates exactly the topics {@code dqs run --kafka} uses (topic auto-creation is off on our
 * brokers: a missing topic blocks its sink and fails the job).
 */
public record TopicNames(
        String input,
        String summaries,
        String predictions,
        String shadowPredictions,
        String drift,
        String retrainTriggers,
        String deadLetters,
        String models,
        String comparisons,
        String anomalies)
        implements Serializable {

    public static final TopicNames DEFAULTS =
            new TopicNames(
                    "dq.rule-executions",
                    "dq.summaries",
                    "dq.predictions",
                    "dq.shadow-predictions",
                    "dq.drift",
                    "dq.retrain-triggers",
                    "dq.dead-letters",
                    "dq.models",
                    "dq.model-comparisons",
                    "dq.anomalies");

    /** The topics the job writes to. */
    public List<String> outputs() {
        // The models topic too: auto-promotions are written to it.
        return List.of(
                summaries,
                predictions,
                shadowPredictions,
                drift,
                retrainTriggers,
                deadLetters,
                comparisons,
                anomalies,
                models);
    }
}
