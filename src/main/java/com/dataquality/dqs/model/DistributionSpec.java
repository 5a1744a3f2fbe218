package com.dataquality.dqs.model;

import com.dataquality.dqs.stats.BetaBinomial;
import java.util.Map;

/**
 * What a model's forecast distribution needs, stored in the model file: the day's passes among its
 * n executions are beta-binomial around the model's mean (the day's pass probability is uncertain
 * by as much as the model's errors showed, then each execution passes or not), with a concentration
 * κ calibrated on the validation slice's residuals, one per range of the forecast mean. The
 * expected n comes from the series' state ({@code FeatureExtractor.expectedExecutions}).
 *
 * @param family {@link #BETA_BINOMIAL}
 * @param meanEdges increasing upper edges (percent) of the ranges of the forecast mean: range k
 *     holds means in (meanEdges[k-1], meanEdges[k]], the last range the means above the last edge
 * @param concentrations κ of each range (one more than the edges)
 * @param defaultLevel the central interval reported when none is asked for (0.9)
 * @param typicalExecutions the n used when the series has no recent day (median executions of a
 *     training series-day)
 * @param calibrationRows validation rows κ and the interval levels were fitted on
 * @param levels nominal interval levels, increasing, within (0, 1)
 * @param internalLevels for each of {@code levels}, the level of the beta-binomial interval that
 *     covered that share of the validation slice's actual values (see {@link #internalLevel});
 *     null: none (an interval of level L is the distribution's own)
 * @param holdoutCoverage for levels "0.8", "0.9", "0.95": the share of the holdout's actual values
 *     inside the interval of the model that forecast the holdout
 */
public record DistributionSpec(
        String family,
        double[] meanEdges,
        double[] concentrations,
        double defaultLevel,
        int typicalExecutions,
        long calibrationRows,
        double[] levels,
        double[] internalLevels,
        Map<String, Double> holdoutCoverage) {

    public static final String BETA_BINOMIAL = "beta-binomial";

    public static final double DEFAULT_LEVEL = 0.9;

    /**
     * The executions a distribution is computed for: the expected count, or the typical one when
     * the series has no recent day (expected 0).
     */
    public int executionsFor(int expected) {
        return Math.max(1, expected > 0 ? expected : typicalExecutions);
    }

    /**
     * The cumulative probabilities of 0..n passes for a forecast mean (percent) and n executions
     * ({@link #executionsFor}): value k is the pass percentage {@code 100 k / n}.
     */
    public double[] cdf(double meanPercent, int executions) {
        return BetaBinomial.cdf(
                BetaBinomial.pmf(executions, meanPercent / 100, concentration(meanPercent)));
    }

    /**
     * The level of the distribution's own interval that gives an interval of nominal {@code level}.
     * A day's value is discrete and most rules pass almost always: a day of 3 executions is 100%
     * for a rule passing 95% of the time with probability 0.86, so its narrowest honest interval,
     * [100, 100], already covers 86%, more than an 80% interval should. Such series make the
     * distribution's own intervals cover more than their level over all forecasts; the calibration
     * finds, on the validation slice, the levels whose intervals cover the nominal shares, and
     * interpolates linearly between them (and to (0, 0) and (1, 1)).
     */
    public double internalLevel(double level) {
        if (levels == null || internalLevels == null || levels.length == 0) {
            return level;
        }
        double x0 = 0;
        double y0 = 0;
        for (int i = 0; i <= levels.length; i++) {
            double x1 = i < levels.length ? levels[i] : 1;
            double y1 = i < levels.length ? internalLevels[i] : 1;
            if (level <= x1) {
                return x1 == x0 ? y1 : y0 + (y1 - y0) * (level - x0) / (x1 - x0);
            }
            x0 = x1;
            y0 = y1;
        }
        return level;
    }

    /** The central interval of nominal {@code level} of a cdf, as indices {lower, upper}. */
    public int[] interval(double[] cdf, double level) {
        return BetaBinomial.interval(cdf, internalLevel(level));
    }

    /**
     * Where a realized day fell in its forecast distribution: the mid-probability integral
     * transform {@code u = P(X < k) + P(X = k) / 2} of its k passes among its actual n executions
     * (the distribution recomputed for the n the day had, so the grid is the day's own), and the
     * variance of u under the distribution, {@code (1 − Σ P(x)³) / 12}. Under the model u has mean
     * exactly 1/2 whatever n, so the sum of {@code u − 1/2} over a day's forecasts, divided by the
     * square root of the sum of the variances, is standardized: the drift detector's error
     * statistic.
     *
     * @return {u, variance}
     */
    public double[] midPit(double meanPercent, int executions, int passes) {
        int n = Math.max(1, executions);
        int grid = Math.min(n, BetaBinomial.MAX_EXECUTIONS);
        int k = (int) Math.round((double) Math.max(0, Math.min(passes, n)) * grid / n);
        double[] pmf = BetaBinomial.pmf(grid, meanPercent / 100, concentration(meanPercent));
        double below = 0;
        double cubes = 0;
        for (int x = 0; x <= grid; x++) {
            if (x < k) {
                below += pmf[x];
            }
            cubes += pmf[x] * pmf[x] * pmf[x];
        }
        return new double[] {below + pmf[k] / 2, (1 - cubes) / 12};
    }

    /** The concentration for a forecast mean (percent). */
    public double concentration(double meanPercent) {
        int k = 0;
        while (k < meanEdges.length && meanPercent > meanEdges[k]) {
            k++;
        }
        return concentrations[k];
    }
}
