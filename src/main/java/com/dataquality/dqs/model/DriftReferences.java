package com.dataquality.dqs.model;

import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.model.DriftReference.DailyStatistic;
import com.dataquality.dqs.model.DriftReference.Distribution;
import com.dataquality.dqs.model.DriftReference.ErrorDistribution;
import com.dataquality.dqs.stats.Psi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the drift reference of a model from its training rows and holdout errors. */
final class DriftReferences {

    private static final int BINS = 10;

    /**
     * Features that are a function of the forecast day alone: within one day every series has the
     * same value, so a day's distribution of them is a single point and cannot be compared with a
     * histogram; they get no daily calibration and the detector skips them.
     */
    public static final List<String> CONSTANT_WITHIN_DAY = FeatureExtractor.CALENDAR;

    /**
     * The first days of the data are left out of the daily calibration when at least {@link
     * #MIN_CALIBRATION_DAYS} remain: their features lack history (no lags, short averages), so
     * their distributions are unlike any later day's.
     */
    public static final int WARM_UP_DAYS = 28;

    static final int MIN_CALIBRATION_DAYS = 10;

    private DriftReferences() {}

    static DriftReference of(
            TrainingSet set,
            List<String> featureNames,
            int[] trainRows,
            double[] holdoutAbsErrors,
            int[] holdoutDays,
            DriftReference.PitReference pit) {
        int width = set.width();
        List<Distribution> features = new ArrayList<>();
        double[] values = new double[trainRows.length];
        int[] days = TrainingSet.selectDays(set.days(), trainRows);
        for (int f = 0; f < width; f++) {
            String name = featureNames.get(f);
            if (FeatureExtractor.CATEGORICAL_NAMES.contains(name)) {
                continue;
            }
            for (int k = 0; k < trainRows.length; k++) {
                values[k] = set.features()[trainRows[k] * width + f];
            }
            Distribution d = distribution(name, values, days);
            if (!CONSTANT_WITHIN_DAY.contains(name) && !FeatureExtractor.GROWING.contains(name)) {
                d = withDailyPsi(d, values, days);
            }
            features.add(d);
        }
        Distribution target =
                distribution("pass_percentage", TrainingSet.select(set.labels(), trainRows), days);
        return new DriftReference(features, target, errors(holdoutAbsErrors, holdoutDays), pit);
    }

    /**
     * Calibrates the detector on the training period itself: for each training day, how far that
     * day's values were from the whole period's histogram, as {@code rows × PSI}. Under no change
     * PSI shrinks like 1/rows (sampling noise), so the product is comparable between a small day
     * and a big one, and a live day is compared with what ordinary days of the training period
     * reached.
     */
    static Distribution withDailyPsi(Distribution d, double[] values, int[] days) {
        if (d.binEdges().length == 0) {
            return d;
        }
        int[] distinct = Arrays.stream(days).distinct().sorted().toArray();
        int warm = distinct.length == 0 ? 0 : distinct[0] + WARM_UP_DAYS;
        boolean enough =
                Arrays.stream(distinct).filter(x -> x >= warm).count() >= MIN_CALIBRATION_DAYS;
        int from = enough ? warm : Integer.MIN_VALUE;
        Map<Integer, int[]> counts = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            if (days[i] >= from && !Double.isNaN(values[i])) {
                int[] c = counts.computeIfAbsent(days[i], x -> new int[d.binEdges().length + 1]);
                c[Psi.bin(d.binEdges(), values[i])]++;
            }
        }
        double[] scaled = new double[counts.size()];
        int n = 0;
        for (int[] c : counts.values()) {
            scaled[n++] = Arrays.stream(c).sum() * Psi.of(c, d.proportions());
        }
        if (n == 0) {
            return d;
        }
        Arrays.sort(scaled);
        DailyStatistic stat =
                new DailyStatistic(
                        n,
                        quantile(scaled, 0.5),
                        quantile(scaled, 0.9),
                        quantile(scaled, 0.99),
                        scaled[n - 1]);
        return new Distribution(
                d.name(),
                d.binEdges(),
                d.proportions(),
                d.missingShare(),
                d.dailyMeanMean(),
                d.dailyMeanStd(),
                stat);
    }

    /** Histogram over decile edges plus the day-to-day variation of the daily mean. */
    static Distribution distribution(String name, double[] values, int[] days) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double missingShare =
                values.length == 0 ? 0 : (values.length - present.length) / (double) values.length;
        if (present.length == 0) {
            return new Distribution(
                    name, new double[0], new double[] {0}, missingShare, null, null, null);
        }
        double[] edges = Arrays.stream(quantiles(present, BINS)).distinct().sorted().toArray();
        double[] proportions = new double[edges.length + 1];
        for (double v : present) {
            int pos = Arrays.binarySearch(edges, v);
            proportions[pos >= 0 ? pos : -pos - 1]++;
        }
        for (int i = 0; i < proportions.length; i++) {
            proportions[i] /= present.length;
        }
        double[] dailyMeans = dailyMeans(values, days);
        Double mean = null;
        Double std = null;
        if (dailyMeans.length > 0) {
            double m = Arrays.stream(dailyMeans).average().orElseThrow();
            mean = m;
            if (dailyMeans.length > 1) {
                double ss = 0;
                for (double d : dailyMeans) {
                    ss += (d - m) * (d - m);
                }
                std = Math.sqrt(ss / (dailyMeans.length - 1));
            }
        }
        return new Distribution(name, edges, proportions, missingShare, mean, std, null);
    }

    /** Mean of the non-missing values of each day, for the days that have one. */
    private static double[] dailyMeans(double[] values, int[] days) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(days[a], days[b]));
        double[] out = new double[values.length];
        int n = 0;
        int i = 0;
        while (i < order.length) {
            int day = days[order[i]];
            double sum = 0;
            int count = 0;
            for (; i < order.length && days[order[i]] == day; i++) {
                double v = values[order[i]];
                if (!Double.isNaN(v)) {
                    sum += v;
                    count++;
                }
            }
            if (count > 0) {
                out[n++] = sum / count;
            }
        }
        return Arrays.copyOf(out, n);
    }

    static ErrorDistribution errors(double[] absErrors, int[] days) {
        double[] dailyMeans = dailyMeans(absErrors, days);
        Double dailyStd = null;
        if (dailyMeans.length > 1) {
            double m = Arrays.stream(dailyMeans).average().orElseThrow();
            double ss = 0;
            for (double d : dailyMeans) {
                ss += (d - m) * (d - m);
            }
            dailyStd = Math.sqrt(ss / (dailyMeans.length - 1));
        }
        ErrorDistribution e = errors(absErrors);
        return new ErrorDistribution(
                e.rows(),
                e.mean(),
                e.std(),
                e.p50(),
                e.p90(),
                e.p95(),
                e.p99(),
                dailyMeans.length,
                dailyStd);
    }

    static ErrorDistribution errors(double[] absErrors) {
        double[] sorted = absErrors.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        double ss = 0;
        for (double e : sorted) {
            ss += (e - mean) * (e - mean);
        }
        double std = sorted.length > 1 ? Math.sqrt(ss / (sorted.length - 1)) : 0;
        return new ErrorDistribution(
                sorted.length,
                mean,
                std,
                quantile(sorted, 0.5),
                quantile(sorted, 0.9),
                quantile(sorted, 0.95),
                quantile(sorted, 0.99),
                null,
                null);
    }

    /** The (k/bins) quantiles for k = 1..bins-1 of sorted values. */
    private static double[] quantiles(double[] sorted, int bins) {
        double[] q = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            q[k - 1] = quantile(sorted, k / (double) bins);
        }
        return q;
    }

    /** Nearest-rank quantile of sorted values; 0 for none. */
    static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * The holdout's daily PIT statistic ({@link DriftReference.PitReference}): per holdout day, the
     * standardized sum of its forecasts' mid-PIT deviations, then their mean and spread.
     */
    static DriftReference.PitReference holdoutPit(
            TrainingSet set, DistributionSpec spec, int[] rows, double[] predicted) {
        java.util.TreeMap<Integer, double[]> byDay = new java.util.TreeMap<>();
        for (int r : rows) {
            int n = set.executions()[r];
            int passes = (int) Math.round(set.labels()[r] * n / 100);
            double[] u = spec.midPit(predicted[r], n, passes);
            double[] day = byDay.computeIfAbsent(set.days()[r], d -> new double[2]);
            day[0] += u[0] - 0.5;
            day[1] += u[1];
        }
        double[] z =
                byDay.values().stream()
                        .filter(d -> d[1] > 0)
                        .mapToDouble(d -> d[0] / Math.sqrt(d[1]))
                        .toArray();
        if (z.length < 2) {
            return null;
        }
        double mean = java.util.Arrays.stream(z).average().orElse(0);
        double ss = 0;
        for (double v : z) {
            ss += (v - mean) * (v - mean);
        }
        return new DriftReference.PitReference(z.length, mean, Math.sqrt(ss / (z.length - 1)));
    }
}
