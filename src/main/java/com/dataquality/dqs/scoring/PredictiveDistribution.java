package com.dataquality.dqs.scoring;

import com.dataquality.dqs.model.DistributionSpec;
import com.dataquality.dqs.stats.BetaBinomial;

/**
 * The forecast distribution of one series-day's pass percentage ({@link Scorer#distribution}):
 * immutable. The day's passes among its n executions are beta-binomial around the model's mean
 * ({@link DistributionSpec}), so every quantile is one of the n + 1 values {@code 100 k / n} a day
 * of n executions can take, with n the count the series' recent days lead to expect ({@link
 * #expectedExecutions}).
 *
 * <p>A model without a distribution (trained before it existed) gives its mean as the median and no
 * interval: {@link #interval} is {NaN, NaN}, and {@link #quantile} is NaN but at 0.5.
 */
public final class PredictiveDistribution {

    private final double mean;
    private final int executions;
    private final double[] cdf; // null: the model has no distribution
    private final DistributionSpec spec;

    private PredictiveDistribution(
            double mean, int executions, double[] cdf, DistributionSpec spec) {
        this.mean = mean;
        this.executions = executions;
        this.cdf = cdf;
        this.spec = spec;
    }

    /**
     * @param mean the model's forecast (percent, within [0, 100])
     * @param expected the executions the series' state leads to expect, 0 when unknown
     * @param spec the model's distribution, or null when it has none
     */
    static PredictiveDistribution of(double mean, int expected, DistributionSpec spec) {
        if (spec == null) {
            return new PredictiveDistribution(mean, expected, null, null);
        }
        int n = Math.min(BetaBinomial.MAX_EXECUTIONS, spec.executionsFor(expected));
        return new PredictiveDistribution(mean, n, spec.cdf(mean, n), spec);
    }

    /** The expected pass percentage: the model's forecast ({@link Scorer#predict}). */
    public double mean() {
        return mean;
    }

    /** The median pass percentage: minimizes the expected absolute error. */
    public double median() {
        return quantile(0.5);
    }

    /**
     * The p-quantile: the smallest value {@code 100 k / n} whose probability of not being exceeded
     * reaches p.
     *
     * @throws IllegalArgumentException when p is not within [0, 1]
     */
    public double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile level must be within [0, 1], got " + p);
        }
        if (cdf == null) {
            return p == 0.5 ? mean : Double.NaN;
        }
        return 100.0 * BetaBinomial.quantileIndex(cdf, p) / executions;
    }

    /**
     * The central interval of nominal probability {@code level}: {lower, upper}, both values a day
     * of {@link #expectedExecutions} can take ({@link BetaBinomial#interval} says how the ends are
     * chosen on a discrete grid; {@link DistributionSpec#internalLevel} how the level is calibrated
     * so that intervals cover their level over all forecasts); {NaN, NaN} when the model has no
     * distribution.
     *
     * @throws IllegalArgumentException when level is not within (0, 1)
     */
    public double[] interval(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException(
                    "interval level must be within (0, 1), got " + level);
        }
        if (cdf == null) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int[] k = spec.interval(cdf, level);
        return new double[] {100.0 * k[0] / executions, 100.0 * k[1] / executions};
    }

    /**
     * The executions the distribution is computed for: the series' recent count for the target's
     * weekday ({@code FeatureExtractor.expectedExecutions}), or the model's typical count when the
     * series has no recent day; for a model without a distribution, the recent count or 0.
     */
    public int expectedExecutions() {
        return executions;
    }

    /**
     * Where a day of {@link #expectedExecutions} executions with {@code passes} passes falls
     * against the central interval of nominal {@code level}: -1 below it, 1 above it, 0 inside (or
     * when the model has no distribution).
     */
    public int side(int passes, double level) {
        if (cdf == null) {
            return 0;
        }
        int[] k = spec.interval(cdf, level);
        return passes < k[0] ? -1 : passes > k[1] ? 1 : 0;
    }

    /**
     * The probability of a day at least as far out as {@code passes} on its side: P(X ≤ passes)
     * below the median, P(X ≥ passes) above it; NaN without a distribution.
     */
    public double tailProbability(int passes) {
        if (cdf == null) {
            return Double.NaN;
        }
        int k = Math.max(0, Math.min(passes, cdf.length - 1));
        double below = cdf[k];
        double above = 1 - (k == 0 ? 0 : cdf[k - 1]);
        return Math.max(0, Math.min(1, Math.min(below, above)));
    }

    /** Whether the model had a distribution (otherwise: median = mean, no interval). */
    public boolean hasInterval() {
        return cdf != null;
    }

    @Override
    public String toString() {
        double[] i = cdf == null ? new double[] {Double.NaN, Double.NaN} : interval(0.9);
        return String.format(
                java.util.Locale.ROOT,
                "PredictiveDistribution[mean %.3f, median %.3f, 90%% %.3f..%.3f, n %d]",
                mean,
                median(),
                i[0],
                i[1],
                executions);
    }
}
