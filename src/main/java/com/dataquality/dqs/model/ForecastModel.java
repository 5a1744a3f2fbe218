package com.dataquality.dqs.model;

import com.dataquality.dqs.features.Vocabularies;
import java.util.List;
import java.util.Map;

/**
 * The content of a model file ({@code *.model.json}, CONTRACT.md §4): everything needed to score,
 * to explain how good the model is, and to detect drift. Read and written by {@link ModelFile}.
 *
 * @param format {@link ModelFile#FORMAT}
 * @param version unique and orderable: creation time (UTC, to the millisecond) then a hash of the
 *     LightGBM text, e.g. {@code 20261122T101502123Z-3fa9c2d1}
 * @param createdAt ISO-8601 instant
 * @param features feature names in vector order; equals {@code FeatureExtractor.FEATURE_NAMES}
 * @param categoricalFeatures the names of the categorical features
 * @param vocabularies codes of the categorical values seen in training
 * @param training what the model was trained on and with
 * @param holdoutMetrics "model" and each baseline, on the same holdout rows
 * @param driftReference reference distributions for the drift detector
 * @param lightgbmModel LightGBM's model text
 */
public record ForecastModel(
        String format,
        String version,
        String createdAt,
        List<String> features,
        List<String> categoricalFeatures,
        Vocabularies vocabularies,
        TrainingInfo training,
        Map<String, Metrics> holdoutMetrics,
        DriftReference driftReference,
        String lightgbmModel) {

    /**
     * How the model was trained.
     *
     * @param firstDay first training date (ISO)
     * @param holdoutFrom first holdout date (ISO): rows on or after it were held out
     * @param lastDay last date of the input (ISO)
     * @param naiveScale in-sample MAE of the naive one-step forecast on the training rows (the MASE
     *     denominator)
     * @param bestIteration trees kept (early stopping on the holdout)
     * @param parameters LightGBM parameters
     */
    public record TrainingInfo(
            long records,
            int series,
            int trainRows,
            int holdoutRows,
            String firstDay,
            String holdoutFrom,
            String lastDay,
            double naiveScale,
            int bestIteration,
            Map<String, String> parameters) {}
}
