package com.dataquality.dqs.stats;

/**
 * The beta-binomial distribution of the passes among n executions when the day's pass probability
 * is itself uncertain: p ~ Beta(q·κ, (1 − q)·κ) around a forecast mean q, then passes ~ Binomial(n,
 * p). Its mean is n·q; the concentration κ sets how uncertain p is (κ → ∞ is the binomial: p known
 * exactly). A day's pass percentage 100·k/n can only take the n + 1 values k = 0..n, and so can
 * every quantile read from here.
 *
 * <p>Pure arithmetic on doubles, deterministic ({@link StrictMath} where a function is needed).
 */
public final class BetaBinomial {

    /** Means are kept this far inside (0, 1): at 0 or 1 the distribution degenerates. */
    public static final double MIN_MEAN = 1e-4;

    /** Concentrations are kept within [MIN_CONCENTRATION, MAX_CONCENTRATION]. */
    public static final double MIN_CONCENTRATION = 0.05;

    public static final double MAX_CONCENTRATION = 1e7;

    /**
     * Largest n computed exactly (a pmf of n + 1 values): beyond it the binomial part is negligible
     * and n is taken as this many (a grid of 0.05 points).
     */
    public static final int MAX_EXECUTIONS = 2000;

    private BetaBinomial() {}

    /**
     * The probabilities of k = 0..n passes.
     *
     * @param n executions, at least 1 (capped at {@link #MAX_EXECUTIONS})
     * @param mean the mean pass probability q (kept within [MIN_MEAN, 1 − MIN_MEAN])
     * @param concentration κ (kept within [MIN_CONCENTRATION, MAX_CONCENTRATION])
     */
    public static double[] pmf(int n, double mean, double concentration) {
        n = Math.max(1, Math.min(MAX_EXECUTIONS, n));
        double q = Math.max(MIN_MEAN, Math.min(1 - MIN_MEAN, mean));
        double kappa = Math.max(MIN_CONCENTRATION, Math.min(MAX_CONCENTRATION, concentration));
        double a = q * kappa;
        double b = (1 - q) * kappa;
        // Unnormalized, from the neighbourhood of the mean outwards: the values shrink away from it
        // (or, for a U shape, grow by bounded factors), so nothing overflows.
        double[] w = new double[n + 1];
        int start = (int) Math.round(n * q);
        w[start] = 1;
        for (int k = start; k < n; k++) {
            // P(k+1) / P(k) = (n − k)(k + a) / ((k + 1)(n − k − 1 + b))
            w[k + 1] = w[k] * ((n - k) * (k + a)) / ((k + 1) * (n - k - 1 + b));
        }
        for (int k = start; k > 0; k--) {
            // P(k−1) / P(k) = k (n − k + b) / ((n − k + 1)(k − 1 + a))
            w[k - 1] = w[k] * (k * (n - k + b)) / ((n - k + 1) * (k - 1 + a));
        }
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        for (int k = 0; k <= n; k++) {
            w[k] /= sum;
        }
        return w;
    }

    /** The cumulative probabilities of a pmf (the last is 1 up to rounding). */
    public static double[] cdf(double[] pmf) {
        double[] c = new double[pmf.length];
        double s = 0;
        for (int k = 0; k < pmf.length; k++) {
            s += pmf[k];
            c[k] = s;
        }
        return c;
    }

    /** The log-probability of {@code passes} out of {@code n} (for fitting κ). */
    public static double logPmf(int passes, int n, double mean, double concentration) {
        double p = pmf(n, mean, concentration)[Math.min(passes, Math.min(MAX_EXECUTIONS, n))];
        return StrictMath.log(Math.max(p, 1e-300));
    }

    /**
     * The p-quantile's index: the smallest k whose cumulative probability reaches p (a tolerance of
     * 1e-12 absorbs rounding, so that p = 1 finds the last value).
     */
    public static int quantileIndex(double[] cdf, double p) {
        for (int k = 0; k < cdf.length; k++) {
            if (cdf[k] >= p - 1e-12) {
                return k;
            }
        }
        return cdf.length - 1;
    }

    /**
     * The central interval of probability {@code level} on a discrete grid, as indices {lower,
     * upper}. A value carries mass, so the plain quantiles {@code Q((1 − level)/2)} and {@code Q((1
     * + level)/2)} cover more than {@code level}: the whole mass of each end value is in. Here the
     * values below the interval are taken from the bottom one by one while at least half of the
     * next one still fits in the tail probability {@code (1 − level)/2} (the same from the top):
     * the rounding of the randomized interval that covers exactly {@code level}, so that over many
     * forecasts the share of actual values inside is close to {@code level}, neither systematically
     * above nor below.
     */
    public static int[] interval(double[] cdf, double level) {
        double tail = (1 - level) / 2;
        int last = cdf.length - 1;
        int lower = 0;
        while (lower < last) {
            double below = lower == 0 ? 0 : cdf[lower - 1];
            double mass = cdf[lower] - below;
            if (below + mass / 2 <= tail) {
                lower++;
            } else {
                break;
            }
        }
        int upper = last;
        while (upper > lower) {
            double above = upper == last ? 0 : 1 - cdf[upper];
            double mass = cdf[upper] - cdf[upper - 1];
            if (above + mass / 2 <= tail) {
                upper--;
            } else {
                break;
            }
        }
        return new int[] {lower, upper};
    }
}
