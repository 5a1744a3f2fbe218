package com.dataquality.dqs.cli;

import com.dataquality.dqs.io.RecordPublisher;
import com.dataquality.dqs.model.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a registry decision reaches running jobs: a models directory they watch ({@code dqs run
 * --models-dir}), or the models topic they read. Without either, the decision changes the registry
 * only, and the command says so.
 */
final class ModelDelivery {
    @Option(
            names = "--models-dir",
            paramLabel = "DIR",
            description = "Models directory watched by a running 'dqs run --models-dir'.")
    Path modelsDir;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description = "Kafka bootstrap servers: send to the models topic instead.")
    String bootstrap;

    @Option(
            names = "--models-topic",
            defaultValue = "dq.models",
            paramLabel = "TOPIC",
            description = "With --kafka (default: ${DEFAULT-VALUE}).")
    String topic;

    /** Checks the options before anything changes; returns a message when they are wrong. */
    String problem() {
        if (modelsDir != null && bootstrap != null) {
            return "give --models-dir or --kafka, not both";
        }
        if (modelsDir != null && !Files.isDirectory(modelsDir)) {
            return "--models-dir " + modelsDir + " is not a directory";
        }
        return null;
    }

    /**
     * Sends a model or serving document; {@code name} is its file name in a models directory.
     * Returns where it went, or a note that no job was told.
     */
    String deliver(byte[] document, String name) {
        if (modelsDir != null) {
            Path target = modelsDir.resolve(name);
            ModelFile.writeBytes(document, target);
            return "written to " + target;
        }
        if (bootstrap != null) {
            try (RecordPublisher publisher = new RecordPublisher(bootstrap, topic)) {
                publisher.send(null, document);
                publisher.flush();
            }
            return "sent to " + topic;
        }
        return "no running job told (give --models-dir or --kafka)";
    }
}
