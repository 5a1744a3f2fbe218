package com.dataquality.dqs.stream;

/**
 * Every operator uid of the job, in one place. A savepoint maps state to operators by uid: a uid
 * that changes strands its operator's state, so these never change once released (a golden test
 * compares the graphs' uids with a checked-in list). New operators get new uids; a removed
 * operator's uid is not reused.
 */
public final class Uids {
    // Records and the summaries.
    public static final String RECORDS_SOURCE = "records-source";
    public static final String EVENT_TIME = "event-time";
    public static final String ROUTE_AND_COMBINE = "route-and-combine";
    public static final String ROLLING_SUMMARY = "rolling-summary";
    public static final String FINAL_SUMMARY = "final-summary";

    // Models: sources (their event-time assigners take the source's uid + EVENT_TIME_SUFFIX).
    public static final String MODELS_DIR_SOURCE = "models-dir-source";
    public static final String MODELS_TOPIC_SOURCE = "models-topic-source";
    public static final String NO_MODEL_UPDATES_SOURCE = "no-model-updates-source";
    public static final String NO_MODEL_UPDATES = "no-model-updates";
    public static final String EVENT_TIME_SUFFIX = "-event-time";
    public static final String MODEL_VALIDATION = "model-validation";

    // Forecasts, drift, retraining.
    public static final String FORECAST = "forecast";
    public static final String DRIFT_FEATURES_IN = "drift-features-in";
    public static final String DRIFT_ERRORS_IN = "drift-errors-in";
    public static final String DRIFT_ERRORS_FILTER = "drift-errors-in-filter";
    public static final String DRIFT = "drift-detection";
    public static final String AUTO_RETRAIN = "auto-retrain";
    public static final String AUTO_RETRAIN_LOG = "auto-retrain-log";
    public static final String MODEL_COMPARISON = "model-comparison";

    // File sinks.
    public static final String SUMMARIES_FILE_SINK = "summaries-file-sink";
    public static final String DEAD_LETTERS_FILE_SINK = "dead-letters-file-sink";
    public static final String FINAL_SUMMARY_FILE_SINK = "final-summary-file-sink";
    public static final String PREDICTIONS_FILE_SINK = "predictions-file-sink";
    public static final String REALIZED_FILE_SINK = "realized-file-sink";
    public static final String SHADOW_PREDICTIONS_FILE_SINK = "shadow-predictions-file-sink";
    public static final String DRIFT_EVENTS_FILE_SINK = "drift-events-file-sink";
    public static final String RETRAIN_TRIGGERS_FILE_SINK = "retrain-triggers-file-sink";
    public static final String COMPARISONS_FILE_SINK = "comparisons-file-sink";
    public static final String ANOMALIES_FILE_SINK = "anomalies-file-sink";
    public static final String PROMOTIONS_DIR_SINK = "promotions-models-dir-sink";
    public static final String REGISTRY_AUDIT_SINK = "registry-audit-sink";

    // Kafka sinks (each uid is also the suffix of the sink's transactional ids).
    public static final String SUMMARIES_KAFKA_SINK = "summaries-kafka-sink";
    public static final String DEAD_LETTERS_KAFKA_SINK = "dead-letters-kafka-sink";
    public static final String PREDICTIONS_KAFKA_SINK = "predictions-kafka-sink";
    public static final String REALIZED_KAFKA_SINK = "realized-kafka-sink";
    public static final String SHADOW_PREDICTIONS_KAFKA_SINK = "shadow-predictions-kafka-sink";
    public static final String DRIFT_KAFKA_SINK = "drift-kafka-sink";
    public static final String RETRAIN_TRIGGERS_KAFKA_SINK = "retrain-triggers-kafka-sink";
    public static final String COMPARISONS_KAFKA_SINK = "comparisons-kafka-sink";
    public static final String ANOMALIES_KAFKA_SINK = "anomalies-kafka-sink";
    public static final String PROMOTIONS_KAFKA_SINK = "promotions-kafka-sink";

    private Uids() {}
}
