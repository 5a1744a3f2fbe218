package com.dataquality.dqs.drift;

import com.dataquality.dqs.model.DriftReference;
import com.dataquality.dqs.model.DriftReference.Distribution;
import com.dataquality.dqs.stats.Psi;
import java.util.ArrayList;
import java.util.List;

/**
 * Feature drift of one day: each calibrated numeric feature's values over the series forecast that
 * day against the model's reference histogram. The statistic is {@code rows × PSI}, compared with
 * the largest value of an ordinary training day (times a factor): PSI of a sample of n values is
 * about (bins - 1) / n by chance alone, so a fixed PSI cut-off fires on small days and never on big
 * ones, while the scaled statistic means the same whatever the day's size.
 */
public final class FeatureDrift {

    /** One feature on one day. */
    public record FeatureStat(String name, int rows, double psi, double scaled, double threshold) {
        public boolean drifts() {
            return scaled > threshold;
        }
    }

    /** The day's verdict. */
    public record Day(List<FeatureStat> checked, List<String> drifting, boolean drifts) {
        public double share() {
            return checked.isEmpty() ? 0 : drifting.size() / (double) checked.size();
        }
    }

    private FeatureDrift() {}

    /**
     * @param rows the day's feature vectors, in the model's feature order (NaN = missing)
     * @param featureNames the model's feature names, to find each reference's column
     */
    public static Day evaluate(
            DriftReference reference,
            List<String> featureNames,
            List<double[]> rows,
            DriftSettings settings) {
        List<FeatureStat> checked = new ArrayList<>();
        List<String> drifting = new ArrayList<>();
        double[] values = new double[rows.size()];
        for (Distribution d : reference.features()) {
            int column = featureNames.indexOf(d.name());
            if (d.dailyPsi() == null || column < 0 || d.binEdges().length == 0) {
                continue;
            }
            for (int r = 0; r < rows.size(); r++) {
                values[r] = rows.get(r)[column];
            }
            int[] counts = Psi.counts(d.binEdges(), values);
            int n = 0;
            for (int c : counts) {
                n += c;
            }
            if (n == 0) {
                continue;
            }
            double psi = Psi.of(counts, d.proportions());
            FeatureStat stat =
                    new FeatureStat(
                            d.name(),
                            n,
                            psi,
                            n * psi,
                            d.dailyPsi().max() * settings.featureThresholdFactor());
            checked.add(stat);
            if (stat.drifts()) {
                drifting.add(d.name());
            }
        }
        boolean drifts =
                !checked.isEmpty() && drifting.size() > settings.featureShare() * checked.size();
        return new Day(checked, drifting, drifts);
    }
}
