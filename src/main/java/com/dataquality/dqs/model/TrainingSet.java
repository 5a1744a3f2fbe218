package com.dataquality.dqs.model;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.features.SeriesState;
import java.util.Arrays;
import java.util.List;

/**
 * One row per observed series-day: its features (from the days before it only), its actual pass
 * percentage, and the baselines' forecasts of it. Rows are in series order, then day order.
 *
 * @param width features per row
 * @param expectedExecutions executions each row's forecast expects ({@link
 *     FeatureExtractor#expectedExecutions}), 0 when unknown
 * @param features row-major, {@code width} per row
 * @param labels actual pass percentage of each row
 * @param days target epoch day of each row
 * @param baselines row-major, {@link Baselines#NAMES} size per row; NaN on a series' first day
 */
public record TrainingSet(
        int rows,
        int width,
        double[] features,
        double[] labels,
        int[] executions,
        int[] expectedExecutions,
        int[] days,
        double[] baselines) {

    /** Builds the rows of all series with the one feature code path. */
    public static TrainingSet build(List<DailySeries> series, FeatureExtractor extractor) {
        int rows = 0;
        for (DailySeries s : series) {
            rows += s.size();
        }
        int width = extractor.width();
        int nb = Baselines.NAMES.size();
        double[] features = new double[Math.multiplyExact(rows, width)];
        double[] labels = new double[rows];
        int[] executions = new int[rows];
        int[] expected = new int[rows];
        int[] days = new int[rows];
        double[] baselines = new double[rows * nb];
        double[] b = new double[nb];
        int r = 0;
        for (DailySeries s : series) {
            double prefixSum = 0;
            // Day by day, as the streaming job builds it: each row sees the days before it only.
            SeriesState state = SeriesState.of(s.datasetUuid(), s.ruleCode());
            for (int i = 0; i < s.size(); i++) {
                int day = s.days()[i];
                extractor.extract(state, day, features, r * width);
                expected[r] = FeatureExtractor.expectedExecutions(state, day);
                state.add(day, s.executions()[i], s.passes()[i]);
                labels[r] = s.passPercentage(i);
                executions[r] = s.executions()[i];
                days[r] = day;
                if (i == 0) {
                    Arrays.fill(b, Double.NaN);
                } else {
                    Baselines.forecast(s, i, prefixSum, b);
                }
                System.arraycopy(b, 0, baselines, r * nb, nb);
                prefixSum += labels[r];
                r++;
            }
        }
        return new TrainingSet(
                rows, width, features, labels, executions, expected, days, baselines);
    }

    /** The baseline forecasts of one baseline for all rows. */
    public double[] baseline(int which) {
        int nb = Baselines.NAMES.size();
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = baselines[r * nb + which];
        }
        return out;
    }

    /** The features of the given rows, row-major, sized exactly. */
    public double[] featureRows(int[] which) {
        double[] out = new double[which.length * width];
        for (int k = 0; k < which.length; k++) {
            System.arraycopy(features, which[k] * width, out, k * width, width);
        }
        return out;
    }

    /** Values of the given rows. */
    public static double[] select(double[] values, int[] which) {
        double[] out = new double[which.length];
        for (int k = 0; k < which.length; k++) {
            out[k] = values[which[k]];
        }
        return out;
    }

    /** Days of the given rows. */
    public static int[] selectDays(int[] values, int[] which) {
        int[] out = new int[which.length];
        for (int k = 0; k < which.length; k++) {
            out[k] = values[which[k]];
        }
        return out;
    }
}
