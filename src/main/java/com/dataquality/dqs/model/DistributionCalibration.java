package com.dataquality.dqs.model;

import com.dataquality.dqs.stats.BetaBinomial;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fits the forecast distribution's concentrations on out-of-sample forecasts (the validation slice,
 * forecast by trees that never saw it) and measures its coverage and median error on the holdout.
 */
final class DistributionCalibration {

    /** Ranges of the forecast mean (percent) with a concentration each. */
    static final double[] MEAN_EDGES = {50, 75, 90, 97};

    /** A range with fewer validation rows gets the concentration fitted on all rows. */
    static final int MIN_RANGE_ROWS = 300;

    /** The interval levels whose coverage is reported. */
    static final double[] LEVELS = {0.8, 0.9, 0.95};

    private DistributionCalibration() {}

    /**
     * The maximum-likelihood concentrations of each range of the mean.
     *
     * @param means forecast means (percent) of the calibration rows
     * @param passes each row's actual passes
     * @param executions each row's actual executions
     * @param typicalExecutions median executions of a series-day
     */
    static DistributionSpec fit(
            double[] means, int[] passes, int[] executions, int typicalExecutions) {
        int n = means.length;
        double global = fitConcentration(means, passes, executions, allRows(n));
        double[] kappa = new double[MEAN_EDGES.length + 1];
        for (int range = 0; range < kappa.length; range++) {
            int[] rows = rowsInRange(means, range);
            kappa[range] =
                    rows.length >= MIN_RANGE_ROWS
                            ? fitConcentration(means, passes, executions, rows)
                            : global;
        }
        return new DistributionSpec(
                DistributionSpec.BETA_BINOMIAL,
                MEAN_EDGES.clone(),
                kappa,
                DistributionSpec.DEFAULT_LEVEL,
                Math.max(1, typicalExecutions),
                n,
                null,
                null,
                null);
    }

    /** The nominal levels whose internal levels are calibrated. */
    static final double[] CALIBRATED_LEVELS = {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99};

    /**
     * The spec with interval levels calibrated on out-of-sample forecasts: for each nominal level,
     * the internal level whose intervals' coverage of the actual values is closest to it
     * (bisection: coverage grows with the internal level), kept increasing.
     */
    static DistributionSpec withCalibratedLevels(
            DistributionSpec spec, double[] means, int[] expected, double[] actual) {
        int rows = means.length;
        double[][] cdfs = new double[rows][];
        int[] ns = new int[rows];
        for (int r = 0; r < rows; r++) {
            ns[r] = spec.executionsFor(expected[r]);
            cdfs[r] = spec.cdf(means[r], ns[r]);
        }
        double[] internal = new double[CALIBRATED_LEVELS.length];
        double previous = 0;
        for (int i = 0; i < CALIBRATED_LEVELS.length; i++) {
            double target = CALIBRATED_LEVELS[i];
            double lo = 0.001;
            double hi = 0.9999;
            double loCover = coverageAt(cdfs, ns, actual, lo);
            double hiCover = coverageAt(cdfs, ns, actual, hi);
            if (loCover >= target) {
                hi = lo;
                hiCover = loCover;
            } else if (hiCover > target) {
                for (int it = 0; it < 30; it++) {
                    double mid = (lo + hi) / 2;
                    double c = coverageAt(cdfs, ns, actual, mid);
                    if (c >= target) {
                        hi = mid;
                        hiCover = c;
                    } else {
                        lo = mid;
                        loCover = c;
                    }
                }
            }
            double chosen = Math.abs(hiCover - target) <= Math.abs(target - loCover) ? hi : lo;
            internal[i] = Math.max(previous, chosen);
            previous = internal[i];
        }
        return new DistributionSpec(
                spec.family(),
                spec.meanEdges(),
                spec.concentrations(),
                spec.defaultLevel(),
                spec.typicalExecutions(),
                rows,
                CALIBRATED_LEVELS.clone(),
                internal,
                spec.holdoutCoverage());
    }

    private static double coverageAt(double[][] cdfs, int[] ns, double[] actual, double level) {
        int inside = 0;
        for (int r = 0; r < cdfs.length; r++) {
            int[] iv = BetaBinomial.interval(cdfs[r], level);
            if (actual[r] >= 100.0 * iv[0] / ns[r] - 1e-9
                    && actual[r] <= 100.0 * iv[1] / ns[r] + 1e-9) {
                inside++;
            }
        }
        return cdfs.length == 0 ? 0 : inside / (double) cdfs.length;
    }

    private static int[] allRows(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static int[] rowsInRange(double[] means, int range) {
        double lo = range == 0 ? Double.NEGATIVE_INFINITY : MEAN_EDGES[range - 1];
        double hi = range == MEAN_EDGES.length ? Double.POSITIVE_INFINITY : MEAN_EDGES[range];
        return java.util.stream.IntStream.range(0, means.length)
                .filter(i -> means[i] > lo && means[i] <= hi)
                .toArray();
    }

    /** Golden-section search of the log-likelihood over log κ. */
    private static double fitConcentration(
            double[] means, int[] passes, int[] executions, int[] rows) {
        if (rows.length == 0) {
            return BetaBinomial.MAX_CONCENTRATION;
        }
        double lo = Math.log(0.5);
        double hi = Math.log(1e5);
        double g = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - g * (hi - lo);
        double x2 = lo + g * (hi - lo);
        double f1 = logLikelihood(means, passes, executions, rows, Math.exp(x1));
        double f2 = logLikelihood(means, passes, executions, rows, Math.exp(x2));
        for (int it = 0; it < 40; it++) {
            if (f1 > f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - g * (hi - lo);
                f1 = logLikelihood(means, passes, executions, rows, Math.exp(x1));
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + g * (hi - lo);
                f2 = logLikelihood(means, passes, executions, rows, Math.exp(x2));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    private static double logLikelihood(
            double[] means, int[] passes, int[] executions, int[] rows, double kappa) {
        double sum = 0;
        for (int r : rows) {
            sum += BetaBinomial.logPmf(passes[r], executions[r], means[r] / 100, kappa);
        }
        return sum;
    }

    /**
     * The share of actual values inside each level's interval, with the distribution computed for
     * the executions the forecast expected (as in service).
     */
    static Map<String, Double> coverage(
            DistributionSpec spec, double[] means, int[] expected, double[] actual) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (double level : LEVELS) {
            int inside = 0;
            for (int r = 0; r < means.length; r++) {
                int n = spec.executionsFor(expected[r]);
                int[] iv = spec.interval(spec.cdf(means[r], n), level);
                double lower = 100.0 * iv[0] / n;
                double upper = 100.0 * iv[1] / n;
                if (actual[r] >= lower - 1e-9 && actual[r] <= upper + 1e-9) {
                    inside++;
                }
            }
            out.put(Double.toString(level), means.length == 0 ? 0 : inside / (double) means.length);
        }
        return out;
    }

    /** The forecast medians (percent) of the given means. */
    static double[] medians(DistributionSpec spec, double[] means, int[] expected) {
        double[] out = new double[means.length];
        for (int r = 0; r < means.length; r++) {
            int n = spec.executionsFor(expected[r]);
            out[r] = 100.0 * BetaBinomial.quantileIndex(spec.cdf(means[r], n), 0.5) / n;
        }
        return out;
    }

    /** The median of positive counts (1 when none). */
    static int typical(int[] executions) {
        int[] sorted = Arrays.stream(executions).filter(e -> e > 0).sorted().toArray();
        return sorted.length == 0 ? 1 : sorted[sorted.length / 2];
    }
}
