package com.dataquality.dqs.launch;

import com.dataquality.dqs.io.TopicNames;
import com.dataquality.dqs.scoring.ForecastSettings;
import com.dataquality.dqs.scoring.PromotionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The options of {@code dqs run} as values, whatever parsed them (the CLI, a test). {@link RunPlan}
 * checks them together and turns them into the job's settings.
 *
 * @param inputs CSV files or directories; empty for a Kafka run
 * @param kafka the brokers, or null for a file run
 * @param model the model to start with, or null
 * @param modelsDir the watched models directory, or null for {@code <output-dir>/models}
 * @param fromSavepoint a savepoint or checkpoint to resume from, or null
 * @param resume resume from the newest checkpoint retained in the output directory
 * @param metricsPort the Prometheus endpoint's port, 0 for none
 * @param registry the model registry: where the job's retrainer registers candidates and where
 *     automatic promotions are recorded (audit log), or null
 * @param retrain the job's own retrainer, or null without {@code --auto-retrain}
 * @param promotion how challengers are compared with the champion, and whether a winner is promoted
 * @param forecast the interval each forecast reports and the one that makes an anomaly
 */
public record RunOptions(
        Path rules,
        List<Path> inputs,
        boolean continuous,
        Duration monitorInterval,
        String kafka,
        boolean bounded,
        TopicNames topics,
        String transactionalIdPrefix,
        Path model,
        Path modelsDir,
        Path outputDir,
        String fromSavepoint,
        boolean resume,
        int webUiPort,
        int metricsPort,
        int parallelism,
        Duration checkpointInterval,
        Duration outOfOrderness,
        Duration idleTimeout,
        Path registry,
        Retrain retrain,
        PromotionSettings promotion,
        ForecastSettings forecast) {

    /** {@code --auto-retrain}: training and comparison windows. */
    public record Retrain(int trainDays, int compareDays) {}

    public boolean fromKafka() {
        return kafka != null;
    }

    /** A run that ends by itself: bounded files, or a Kafka backfill. */
    public boolean endsByItself() {
        return fromKafka() ? bounded : !continuous;
    }
}
