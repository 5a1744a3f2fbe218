package com.dataquality.dqs.stats;

import java.util.Arrays;

/**
 * The first Wasserstein (earth mover's) distance between two samples, {@code ∫ |F_a(x) - F_b(x)|
 * dx}, and its normalized form (divided by the reference sample's standard deviation, so that it
 * reads in "standard deviations moved" whatever the feature's unit). Missing values (NaN) are
 * ignored.
 */
public final class Wasserstein {

    private Wasserstein() {}

    /** W1 between the empirical distributions of two samples; NaN when either is empty. */
    public static double distance(double[] a, double[] b) {
        double[] x = present(a);
        double[] y = present(b);
        if (x.length == 0 || y.length == 0) {
            return Double.NaN;
        }
        // Walk the merged sorted values; between two consecutive ones both CDFs are constant.
        int i = 0;
        int j = 0;
        double sum = 0;
        double previous = Math.min(x[0], y[0]);
        while (i < x.length || j < y.length) {
            double next;
            if (j >= y.length || (i < x.length && x[i] <= y[j])) {
                next = x[i];
            } else {
                next = y[j];
            }
            sum += Math.abs((double) i / x.length - (double) j / y.length) * (next - previous);
            while (i < x.length && x[i] == next) {
                i++;
            }
            while (j < y.length && y[j] == next) {
                j++;
            }
            previous = next;
        }
        return sum;
    }

    /**
     * W1 divided by the reference's (sample) standard deviation; NaN when the reference has fewer
     * than two values or does not vary.
     */
    public static double normalized(double[] sample, double[] reference) {
        double[] r = present(reference);
        if (r.length < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(r).average().orElseThrow();
        double ss = 0;
        for (double v : r) {
            ss += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(ss / (r.length - 1));
        return std == 0 ? Double.NaN : distance(sample, r) / std;
    }

    private static double[] present(double[] v) {
        return Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
    }
}
