package com.dataquality.dqs.record;

/**
 * The feature vector a forecast was made from, for the drift detector: each closed day's features,
 * compared with the distributions the model was trained on.
 *
 * @param targetDay the forecast day (epoch day)
 * @param features in {@code FeatureExtractor.FEATURE_NAMES} order, NaN for missing
 */
public record ForecastFeatures(
        String datasetUuid, int ruleCode, int targetDay, double[] features, String modelVersion) {}
