package com.dataquality.dqs.cli;

import com.dataquality.dqs.launch.RunOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --auto-retrain} options of {@code dqs run}: the loop closed inside the job. */
final class RetrainOptions {
    @Option(
            names = "--auto-retrain",
            description =
                    "On each retrain trigger, train a candidate on the daily series the job keeps"
                            + " (files or Kafka) up to the trigger's day and, when it beats the"
                            + " registry's active model on recent days, register it and serve it"
                            + " as a challenger (through --models-dir): it replaces the champion"
                            + " only when it wins on live data (--auto-promote) or by hand (dqs"
                            + " models promote).")
    boolean autoRetrain;

    @Option(
            names = "--registry",
            paramLabel = "DIR",
            description =
                    "The model registry: where --auto-retrain registers candidates, and where"
                            + " automatic promotions are written in the audit log.")
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

    /** The retrainer's options, or null without {@code --auto-retrain}. */
    RunOptions.Retrain options() {
        return autoRetrain ? new RunOptions.Retrain(trainDays, compareDays) : null;
    }
}
