package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.retrain.Retrainer;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * The job's own retrainer ({@code --auto-retrain}): on each retraining trigger it trains a
 * candidate from the daily series the job keeps and publishes a winner into the models directory.
 *
 * @param registry the model registry to compare with and record in
 * @param publishDir the watched models directory winners are published into
 */
public record RetrainSettings(Path registry, Path publishDir, Retrainer.Options options)
        implements Serializable {}
