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
 * @param features feature names in vector order, each one {@code FeatureExtractor} knows (a model
 *     of an older build lists fewer)
 * @param categoricalFeatures the names of the categorical features
 * @param vocabularies codes of the categorical values seen in training
 * @param training what the model was trained on and with
 * @param holdoutMetrics "model" and each baseline, on the same holdout rows
 * @param driftReference reference distributions for the drift detector
 * @param lightgbmModel LightGBM's model text
 * @param fitting how the tree count was chosen and what the shipped trees were fitted on; null in
 *     files written before it existed
 * @param distribution what the forecast distribution needs; null for a model without one (its
 *     median is its mean and it has no interval)
 * @param tuning the hyperparameter search ({@code train-model --tune}) and its outcome; null when
 *     the model was not tuned
 * @param dataReport what the training data looked like when it passed the training gates; null in
 *     older files
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
        String lightgbmModel,
        Fitting fitting,
        DistributionSpec distribution,
        Tuning tuning,
        DataReport dataReport) {

    /**
     * A model of the fields the first versions wrote (no fitting, distribution, tuning, report).
     */
    public ForecastModel(
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
        this(
                format,
                version,
                createdAt,
                features,
                categoricalFeatures,
                vocabularies,
                training,
                holdoutMetrics,
                driftReference,
                lightgbmModel,
                null,
                null,
                null,
                null);
    }

    /** This model under another version. */
    public ForecastModel withVersion(String newVersion) {
        return new ForecastModel(
                format,
                newVersion,
                createdAt,
                features,
                categoricalFeatures,
                vocabularies,
                training,
                holdoutMetrics,
                driftReference,
                lightgbmModel,
                fitting,
                distribution,
                tuning,
                dataReport);
    }

    /** This model with another LightGBM text. */
    public ForecastModel withLightgbmModel(String text) {
        return new ForecastModel(
                format,
                version,
                createdAt,
                features,
                categoricalFeatures,
                vocabularies,
                training,
                holdoutMetrics,
                driftReference,
                text,
                fitting,
                distribution,
                tuning,
                dataReport);
    }

    /** This model with other vocabularies. */
    public ForecastModel withVocabularies(Vocabularies v) {
        return new ForecastModel(
                format,
                version,
                createdAt,
                features,
                categoricalFeatures,
                v,
                training,
                holdoutMetrics,
                driftReference,
                lightgbmModel,
                fitting,
                distribution,
                tuning,
                dataReport);
    }

    /** This model with another (or no) forecast distribution. */
    public ForecastModel withDistribution(DistributionSpec d) {
        return new ForecastModel(
                format,
                version,
                createdAt,
                features,
                categoricalFeatures,
                vocabularies,
                training,
                holdoutMetrics,
                driftReference,
                lightgbmModel,
                fitting,
                d,
                tuning,
                dataReport);
    }

    /**
     * How the model was trained.
     *
     * @param firstDay first training date (ISO)
     * @param holdoutFrom first holdout date (ISO): rows on or after it were held out
     * @param lastDay last date of the input (ISO)
     * @param naiveScale in-sample MAE of the naive one-step forecast on the training rows (the MASE
     *     denominator)
     * @param bestIteration trees of the model (older models: early stopping on the holdout; now:
     *     the count chosen on the validation slice, see {@link Fitting})
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

    /**
     * How the tree count was chosen and the trees fitted ({@code Trainer}): early stopping on a
     * validation slice (the latest dates before the holdout), never on the reported holdout; the
     * holdout metrics come from trees fitted on the dates before the holdout; the shipped trees are
     * refitted on every date, the holdout included.
     *
     * @param validationFrom first date of the validation slice (ISO)
     * @param validationRows rows of the validation slice
     * @param validationIterations trees that minimized the validation error (early stopping)
     * @param holdoutIterations trees of the model the holdout metrics come from
     * @param refitRows rows the shipped trees were fitted on (every row)
     * @param refitIterations trees of the shipped model
     * @param weighting how rows were weighted ({@code "none"} or {@code "executions"}, see Trainer)
     */
    public record Fitting(
            String validationFrom,
            int validationRows,
            int validationIterations,
            int holdoutIterations,
            int refitRows,
            int refitIterations,
            String weighting) {}
}
