package com.dataquality.dqs.model;

import java.util.List;

/**
 * What the drift detector compares live data against, taken from the training period.
 *
 * @param features one reference per numeric feature, in feature order (categoricals excluded)
 * @param target the reference of the daily pass percentage itself
 * @param holdoutAbsError distribution of the model's absolute error on the holdout rows
 * @param holdoutPit the daily standardized position of the actual values in their forecast
 *     distributions on the holdout days ({@link PitReference}); null for a model without a forecast
 *     distribution or written before it existed
 */
public record DriftReference(
        List<Distribution> features,
        Distribution target,
        ErrorDistribution holdoutAbsError,
        PitReference holdoutPit) {

    /** A reference without the holdout's PIT statistic (older model files). */
    public DriftReference(
            List<Distribution> features, Distribution target, ErrorDistribution holdoutAbsError) {
        this(features, target, holdoutAbsError, null);
    }

    /**
     * How a day's realized forecasts sat in their distributions on the holdout: for each holdout
     * day, {@code z = Σ (u − 1/2) / √Σ var} over its forecasts (see {@code
     * DistributionSpec.midPit}), about N(0, 1) when the distribution is right; their mean and
     * standard deviation over the holdout days. The drift detector standardizes a live day's z by
     * them, so a model whose distribution is slightly off, or whose series move together, is judged
     * against its own ordinary days.
     *
     * @param days holdout days with forecasts
     * @param mean mean of the daily z
     * @param std standard deviation of the daily z
     */
    public record PitReference(int days, double mean, double std) {}

    /**
     * A histogram of one value over the training rows, plus how much its daily mean varied.
     *
     * @param name feature name (or "pass_percentage" for the target)
     * @param binEdges increasing upper bin edges: bin k holds values in (edge[k-1], edge[k]], the
     *     last bin holds values above the last edge; deciles of the training values, deduplicated
     * @param proportions share of the non-missing training values in each bin (edges + 1 entries)
     * @param missingShare share of training rows where the value is missing
     * @param dailyMeanMean mean over training days of the day's mean value; null when never
     *     observed
     * @param dailyMeanStd standard deviation over training days of the day's mean value: how much a
     *     single day normally moves; null with fewer than two days
     * @param dailyPsi how far an ordinary training day's values were from this histogram: quantiles
     *     over training days of {@code rows × PSI} (the drift detector's calibration); null for
     *     values that are constant within a day (the calendar) and in model files written before it
     *     existed, which the detector then does not check for feature drift
     */
    public record Distribution(
            String name,
            double[] binEdges,
            double[] proportions,
            double missingShare,
            Double dailyMeanMean,
            Double dailyMeanStd,
            DailyStatistic dailyPsi) {}

    /**
     * Quantiles of a statistic computed once per training day.
     *
     * @param days training days it was computed on (the first {@code WARM_UP_DAYS} of the data,
     *     whose features lack history, are left out when enough days remain)
     */
    public record DailyStatistic(int days, double p50, double p90, double p99, double max) {}

    /**
     * Summary of absolute errors, in percentage points.
     *
     * @param days holdout days with at least one error; null in older model files
     * @param dailyMeanStd standard deviation over holdout days of the day's mean absolute error
     *     (how much the daily error moves when nothing changed); null in older model files or with
     *     fewer than two days
     */
    public record ErrorDistribution(
            long rows,
            double mean,
            double std,
            double p50,
            double p90,
            double p95,
            double p99,
            Integer days,
            Double dailyMeanStd) {}
}
