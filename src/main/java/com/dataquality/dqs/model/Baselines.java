package com.dataquality.dqs.model;

import com.dataquality.dqs.features.DailySeries;
import java.util.List;

/**
 * The simple forecasts a model has to beat, computed for the i-th observed day of a series from the
 * days before it. Each one that has nothing to compute from falls back to the naive forecast (the
 * last observed value), so that all baselines cover the same rows: every day of a series but its
 * first.
 */
public final class Baselines {

    /** Names in report order. */
    public static final List<String> NAMES =
            List.of("naive", "seasonal_naive_7", "ma_7", "ma_28", "historical_mean");

    private Baselines() {}

    /**
     * Writes the baselines' forecasts of day {@code i} of {@code s} into {@code out} (in {@link
     * #NAMES} order). Requires {@code i >= 1}.
     *
     * @param prefixSum sum of the series' values on days 0..i-1 (the caller keeps it running)
     */
    public static void forecast(DailySeries s, int i, double prefixSum, double[] out) {
        int day = s.days()[i];
        double naive = s.passPercentage(i - 1);
        out[0] = naive;
        int week = s.indexAtOrAfter(day - 7);
        out[1] = week < i && s.days()[week] == day - 7 ? s.passPercentage(week) : naive;
        out[2] = meanSince(s, week, i, naive);
        out[3] = meanSince(s, s.indexAtOrAfter(day - 28), i, naive);
        out[4] = prefixSum / i;
    }

    private static double meanSince(DailySeries s, int from, int to, double fallback) {
        if (from >= to) {
            return fallback;
        }
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += s.passPercentage(k);
        }
        return sum / (to - from);
    }
}
