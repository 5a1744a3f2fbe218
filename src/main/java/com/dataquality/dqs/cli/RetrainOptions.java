package com.dataquality.dqs.cli;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.pipeline.Outputs;
import com.dataquality.dqs.retrain.RetrainFunction;
import com.dataquality.dqs.retrain.Retrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --auto-retrain} options of {@code dqs run}: the loop closed inside the job. */
final class RetrainOptions {
    static final String UID_AUTO_RETRAIN = "auto-retrain";

    @Option(
            names = "--auto-retrain",
            description =
                    "On each retrain trigger, train a candidate on the daily series the job keeps"
                            + " (files or Kafka) up to the trigger's day and, when it beats the"
                            + " registry's active model, promote it and publish it into"
                            + " --models-dir (a live swap).")
    boolean autoRetrain;

    @Option(
            names = "--registry",
            paramLabel = "DIR",
            description = "With --auto-retrain: the model registry to compare with and promote in.")
    Path registry;

    @Option(
            names = "--retrain-train-days",
            defaultValue = "120",
            paramLabel = "N",
            description =
                    "With --auto-retrain: days a candidate trains on (default: ${DEFAULT-VALUE}).")
    int trainDays;

    @Option(
            names = "--retrain-compare-days",
            defaultValue = "7",
            paramLabel = "N",
            description =
                    "With --auto-retrain: latest days candidate and active model are compared on"
                            + " (default: ${DEFAULT-VALUE}).")
    int compareDays;

    void validate(CommandLine cl, Path modelsDir) {
        if (!autoRetrain) {
            return;
        }
        if (registry == null || modelsDir == null) {
            throw new CommandLine.ParameterException(
                    cl, "--auto-retrain needs --registry DIR and --models-dir DIR");
        }
        if (!Files.isDirectory(registry)) {
            throw new InputException("--registry " + registry + " is not a directory");
        }
        if (trainDays < 14 || compareDays < 1) {
            throw new CommandLine.ParameterException(
                    cl,
                    "--retrain-train-days must be at least 14 and --retrain-compare-days at least 1");
        }
    }

    /**
     * Retrains from the daily series the job keeps and publishes winners into {@code modelsDir}.
     */
    void attach(Outputs outputs, Path modelsDir) {
        if (autoRetrain && outputs.closedDays() != null) {
            RetrainFunction.attach(
                    outputs,
                    registry,
                    modelsDir,
                    new Retrainer.Options(trainDays, compareDays),
                    UID_AUTO_RETRAIN);
        }
    }
}
