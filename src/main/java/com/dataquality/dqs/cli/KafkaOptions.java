package com.dataquality.dqs.cli;

import com.dataquality.dqs.io.KafkaOutputSettings;
import picocli.CommandLine.Option;

/** The Kafka options of {@code dqs run} (CONTRACT.md §5), with the contract's topic defaults. */
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

    /** Exactly-once sinks with the broker's maximum transaction timeout. */
    KafkaOutputSettings outputSettings() {
        return new KafkaOutputSettings(
                bootstrap,
                summariesTopic,
                predictionsTopic,
                driftTopic,
                deadLetterTopic,
                KafkaOutputSettings.DEFAULT_TRANSACTIONAL_ID_PREFIX,
                KafkaOutputSettings.MAX_TRANSACTION_TIMEOUT);
    }
}
