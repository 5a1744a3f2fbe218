package com.dataquality.dqs.stats;

import java.util.Arrays;

/**
 * Population stability index of a sample against a reference histogram: {@code Σ (a_k - e_k) ·
 * ln(a_k / e_k)} over the bins, with {@code a} the sample's shares and {@code e} the reference's.
 *
 * <p>A day holds few values (one per series), so empty bins are common by chance: the sample's
 * shares are smoothed as {@code (count + 0.5) / (n + 0.5 · bins)} rather than floored at a tiny
 * epsilon, which would turn one empty bin into a large term. Reference shares come from the whole
 * training period and are only floored at {@link #MIN_SHARE}. Missing values (NaN) are not counted.
 */
public final class Psi {

    static final double MIN_SHARE = 1e-4;
    private static final double PSEUDO_COUNT = 0.5;

    private Psi() {}

    /**
     * Counts the non-missing values into the reference bins: bin k holds {@code (edge[k-1],
     * edge[k]]}, the last bin everything above the last edge.
     */
    public static int[] counts(double[] edges, double[] values) {
        int[] c = new int[edges.length + 1];
        for (double v : values) {
            if (!Double.isNaN(v)) {
                c[bin(edges, v)]++;
            }
        }
        return c;
    }

    /** The bin of one value. */
    public static int bin(double[] edges, double v) {
        int pos = Arrays.binarySearch(edges, v);
        return pos >= 0 ? pos : -pos - 1;
    }

    /** The PSI of bin counts against reference shares; NaN when no value was counted. */
    public static double of(int[] counts, double[] expected) {
        if (counts.length != expected.length) {
            throw new IllegalArgumentException(
                    counts.length + " bins counted, " + expected.length + " in the reference");
        }
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        if (n == 0) {
            return Double.NaN;
        }
        double denominator = n + PSEUDO_COUNT * counts.length;
        double psi = 0;
        for (int k = 0; k < counts.length; k++) {
            double a = (counts[k] + PSEUDO_COUNT) / denominator;
            double e = Math.max(expected[k], MIN_SHARE);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    /** The PSI of values against a reference histogram; NaN when every value is missing. */
    public static double of(double[] edges, double[] expected, double[] values) {
        return of(counts(edges, values), expected);
    }
}
