package com.dataquality.dqs.model;

import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.model.DriftReference.Distribution;
import com.dataquality.dqs.model.DriftReference.ErrorDistribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds the drift reference of a model from its training rows and holdout errors. */
final class DriftReferences {

    private static final int BINS = 10;

    private DriftReferences() {}

    static DriftReference of(TrainingSet set, int[] trainRows, double[] holdoutAbsErrors) {
        int width = FeatureExtractor.NUM_FEATURES;
        List<Distribution> features = new ArrayList<>();
        double[] values = new double[trainRows.length];
        int[] days = TrainingSet.selectDays(set.days(), trainRows);
        for (int f = 0; f < width; f++) {
            if (FeatureExtractor.CATEGORICAL.contains(f)) {
                continue;
            }
            for (int k = 0; k < trainRows.length; k++) {
                values[k] = set.features()[trainRows[k] * width + f];
            }
            features.add(distribution(FeatureExtractor.FEATURE_NAMES.get(f), values, days));
        }
        Distribution target =
                distribution("pass_percentage", TrainingSet.select(set.labels(), trainRows), days);
        return new DriftReference(features, target, errors(holdoutAbsErrors));
    }

    /** Histogram over decile edges plus the day-to-day variation of the daily mean. */
    static Distribution distribution(String name, double[] values, int[] days) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double missingShare =
                values.length == 0 ? 0 : (values.length - present.length) / (double) values.length;
        if (present.length == 0) {
            return new Distribution(
                    name, new double[0], new double[] {0}, missingShare, null, null);
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
        return new Distribution(name, edges, proportions, missingShare, mean, std);
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
                quantile(sorted, 0.99));
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
}
