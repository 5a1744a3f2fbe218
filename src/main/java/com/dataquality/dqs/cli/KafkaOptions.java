package com.dataquality.dqs.cli;

import com.dataquality.dqs.io.KafkaOutputSettings;
import com.dataquality.dqs.io.TopicNames;
import picocli.CommandLine.Option;

/** The Kafka options of {@code dqs run} and its helpers, with the contract's topic defaults. */
final class KafkaOptions {
    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description = "Read records from Kafka and write outputs to Kafka instead of files.")
    String bootstrap;

    @Option(
            names = "--bounded",
            description =
                    "With --kafka: read the input topic up to the offsets present at start, then finish.")
    boolean bounded;

    @Option(names = "--input-topic", defaultValue = "dq.rule-executions", paramLabel = "TOPIC")
    String inputTopic;

    @Option(names = "--summaries-topic", defaultValue = "dq.summaries", paramLabel = "TOPIC")
    String summariesTopic;

    @Option(names = "--predictions-topic", defaultValue = "dq.predictions", paramLabel = "TOPIC")
    String predictionsTopic;

    @Option(
            names = "--shadow-predictions-topic",
            defaultValue = "dq.shadow-predictions",
            paramLabel = "TOPIC",
            description = "Forecasts of challengers in shadow, and their realizations.")
    String shadowPredictionsTopic;

    @Option(names = "--drift-topic", defaultValue = "dq.drift", paramLabel = "TOPIC")
    String driftTopic;

    @Option(
            names = "--retrain-triggers-topic",
            defaultValue = "dq.retrain-triggers",
            paramLabel = "TOPIC",
            description = "Retraining triggers from the drift side pipeline.")
    String retrainTriggersTopic;

    @Option(names = "--dead-letter-topic", defaultValue = "dq.dead-letters", paramLabel = "TOPIC")
    String deadLetterTopic;

    @Option(names = "--models-topic", defaultValue = "dq.models", paramLabel = "TOPIC")
    String modelsTopic;

    @Option(
            names = "--comparisons-topic",
            defaultValue = "dq.model-comparisons",
            paramLabel = "TOPIC",
            description = "Daily comparisons of challengers with the champion.")
    String comparisonsTopic;

    @Option(
            names = "--anomalies-topic",
            defaultValue = "dq.anomalies",
            paramLabel = "TOPIC",
            description = "Days outside their forecast's anomaly interval.")
    String anomaliesTopic;

    @Option(
            names = "--transactional-id-prefix",
            defaultValue = KafkaOutputSettings.DEFAULT_TRANSACTIONAL_ID_PREFIX,
            paramLabel = "PREFIX",
            description =
                    "Start of the Kafka transactional ids of this job's sinks: two jobs writing at"
                            + " the same time need different ones; keep it when resuming from a"
                            + " savepoint (default: ${DEFAULT-VALUE}).")
    String transactionalIdPrefix;

    TopicNames topics() {
        return new TopicNames(
                inputTopic,
                summariesTopic,
                predictionsTopic,
                shadowPredictionsTopic,
                driftTopic,
                retrainTriggersTopic,
                deadLetterTopic,
                modelsTopic,
                comparisonsTopic,
                anomaliesTopic);
    }

    /** Exactly-once sinks with the broker's maximum transaction timeout. */
    KafkaOutputSettings outputSettings() {
        return new KafkaOutputSettings(
                bootstrap,
                topics(),
                transactionalIdPrefix,
                KafkaOutputSettings.MAX_TRANSACTION_TIMEOUT);
    }
}
