package com.dataquality.dqs.model;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * LightGBM fits on rows of a {@link TrainingSet}, for the {@link Trainer} and the {@link Tuner}:
 * datasets with labels and weights, early stopping on validation rows, fixed-count fits,
 * predictions. Every booster and dataset is closed before a method returns.
 */
final class Fitter {

    /** Model text and its tree count; {@code validationL2} is the weighted validation error. */
    record Fit(String text, int iterations, double validationL2) {}

    private final TrainingSet set;
    private final List<String> features;
    private final Trainer.Weighting weighting;

    Fitter(TrainingSet set, List<String> features, Trainer.Weighting weighting) {
        this.set = set;
        this.features = features;
        this.weighting = weighting;
    }

    static String paramText(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private LGBMDataset dataset(int[] rows, String paramText, LGBMDataset reference)
            throws LGBMException {
        LGBMDataset d =
                LGBMDataset.createFromMat(
                        set.featureRows(rows),
                        rows.length,
                        set.width(),
                        true,
                        paramText,
                        reference);
        d.setFeatureNames(features.toArray(String[]::new));
        float[] labels = new float[rows.length];
        for (int k = 0; k < rows.length; k++) {
            labels[k] = (float) set.labels()[rows[k]];
        }
        d.setField("label", labels);
        if (weighting == Trainer.Weighting.EXECUTIONS) {
            float[] w = new float[rows.length];
            for (int k = 0; k < rows.length; k++) {
                w[k] = Math.min(Trainer.WEIGHT_CAP, set.executions()[rows[k]]);
            }
            d.setField("weight", w);
        }
        return d;
    }

    /**
     * Trees fitted on {@code fitRows} up to the count that minimizes the (weighted) L2 error on
     * {@code validRows}: at most {@code maxIterations}, stopping after {@code patience} rounds
     * without improvement. {@code deadline} (System.nanoTime, or {@link Long#MAX_VALUE}) stops
     * early too; the fit is then null.
     */
    Fit earlyStopping(
            int[] fitRows,
            int[] validRows,
            Map<String, String> params,
            int maxIterations,
            int patience,
            long deadline)
            throws LGBMException {
        NativeLightGbm.ensureLoaded();
        String paramText = paramText(params);
        try (LGBMDataset train = dataset(fitRows, paramText, null);
                LGBMDataset valid = dataset(validRows, paramText, train);
                LGBMBooster booster = LGBMBooster.create(train, paramText)) {
            booster.addValidData(valid);
            double best = Double.POSITIVE_INFINITY;
            int bestIteration = 1;
            for (int it = 1; it <= maxIterations; it++) {
                if (System.nanoTime() > deadline) {
                    return null;
                }
                boolean finished = booster.updateOneIter();
                double l2 = booster.getEval(1)[0];
                if (l2 < best) {
                    best = l2;
                    bestIteration = it;
                } else if (it - bestIteration >= patience) {
                    break;
                }
                if (finished) {
                    break;
                }
            }
            return new Fit(
                    booster.saveModelToString(
                            0, bestIteration, LGBMBooster.FeatureImportanceType.SPLIT),
                    bestIteration,
                    best);
        }
    }

    /** Trees fitted on {@code rows}: LightGBM's model text. */
    String fit(int[] rows, int iterations, Map<String, String> params) throws LGBMException {
        NativeLightGbm.ensureLoaded();
        String paramText = paramText(params);
        try (LGBMDataset train = dataset(rows, paramText, null);
                LGBMBooster booster = LGBMBooster.create(train, paramText)) {
            for (int it = 1; it <= iterations; it++) {
                if (booster.updateOneIter()) {
                    break;
                }
            }
            return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
        }
    }

    /** Clipped predictions of a model text for {@code rows}, written at those rows. */
    void predict(String text, int[] rows, double[] predicted) throws LGBMException {
        try (LGBMBooster booster = NativeLightGbm.boosterFromText(text, features)) {
            double[] out = new double[rows.length];
            Boosters.predict(booster, set.featureRows(rows), rows.length, set.width(), out);
            for (int k = 0; k < rows.length; k++) {
                predicted[rows[k]] = Boosters.clip(out[k]);
            }
        }
    }
}
