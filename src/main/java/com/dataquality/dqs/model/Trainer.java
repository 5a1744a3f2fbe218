package com.dataquality.dqs.model;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.features.Vocabularies;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Trains a LightGBM regression of the daily pass percentage and evaluates it against the baselines.
 *
 * <p>The latest {@link #HOLDOUT_SHARE} of the dates are held out: training stops early when the
 * holdout error stops improving, and all metrics are computed on the holdout rows. The objective is
 * L2, so the forecast estimates the expected pass percentage (a rule passing 80% of the time is
 * forecast near 80). Training is deterministic: one thread, fixed seed, LightGBM's deterministic
 * mode, and series in a fixed order, so the same input gives the same model text.
 */
public final class Trainer {

    public static final double HOLDOUT_SHARE = 0.2;
    public static final int MAX_ITERATIONS = 100;
    public static final int EARLY_STOPPING_ROUNDS = 20;
    private static final int MIN_DAYS = 10;
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Consumer<String> progress;

    /**
     * @param progress receives one-line progress messages (the CLI prints them on stderr)
     */
    public Trainer(Consumer<String> progress) {
        this.progress = progress;
    }

    /** The LightGBM parameters, in the order written to the model file. */
    public static Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("objective", "regression");
        p.put("metric", "l2");
        p.put("learning_rate", "0.3");
        p.put("num_leaves", "15");
        p.put("min_data_in_leaf", "100");
        p.put("lambda_l2", "1.0");
        p.put("max_bin", "255");
        p.put(
                "categorical_feature",
                FeatureExtractor.CATEGORICAL.stream()
                        .map(String::valueOf)
                        .collect(Collectors.joining(",")));
        p.put("seed", "42");
        p.put("deterministic", "true");
        p.put("force_row_wise", "true");
        p.put("num_threads", "1");
        p.put("verbosity", "-1");
        return p;
    }

    /**
     * Trains on the given series.
     *
     * @param records valid records the series were built from (for the model file)
     * @param now creation time of the model
     */
    public ForecastModel train(List<DailySeries> series, long records, Instant now) {
        Vocabularies vocabularies =
                Vocabularies.of(
                        series.stream().map(DailySeries::datasetUuid).toList(),
                        series.stream().map(DailySeries::ruleCode).toList());
        FeatureExtractor extractor = new FeatureExtractor(vocabularies);
        TrainingSet set = TrainingSet.build(series, extractor);
        int[] distinctDays = Arrays.stream(set.days()).distinct().sorted().toArray();
        if (distinctDays.length < MIN_DAYS) {
            throw new InputException(
                    "too little data to train: "
                            + distinctDays.length
                            + " distinct business dates, at least "
                            + MIN_DAYS
                            + " are needed");
        }
        int holdoutFrom = distinctDays[(int) Math.floor(distinctDays.length * (1 - HOLDOUT_SHARE))];
        int[] trainRows = rows(set, r -> set.days()[r] < holdoutFrom);
        int[] holdoutRows = rows(set, r -> set.days()[r] >= holdoutFrom);
        progress.accept(
                String.format(
                        "training on %d rows of %d series, holding out %d rows from %s",
                        trainRows.length,
                        series.size(),
                        holdoutRows.length,
                        LocalDate.ofEpochDay(holdoutFrom)));

        double[] naive = set.baseline(0);
        int[] trainEval = rows(set, r -> set.days()[r] < holdoutFrom && !Double.isNaN(naive[r]));
        double naiveScale = meanAbsError(set.labels(), naive, trainEval);

        Map<String, String> params = parameters();
        String modelText;
        int bestIteration;
        double[] predicted = new double[set.rows()];
        try {
            Fit fit = fit(set, trainRows, holdoutRows, params);
            modelText = fit.text();
            bestIteration = fit.bestIteration();
            try (LGBMBooster booster = NativeLightGbm.boosterFromText(modelText)) {
                double[] out = new double[holdoutRows.length];
                Boosters.predict(
                        booster,
                        set.featureRows(holdoutRows),
                        holdoutRows.length,
                        FeatureExtractor.NUM_FEATURES,
                        out);
                for (int k = 0; k < holdoutRows.length; k++) {
                    predicted[holdoutRows[k]] = Boosters.clip(out[k]);
                }
            }
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM training failed: " + e.getMessage(), e);
        }

        // Baselines need a previous day; all methods are compared on the same rows.
        int[] evalRows = rows(set, r -> set.days()[r] >= holdoutFrom && !Double.isNaN(naive[r]));
        if (evalRows.length == 0) {
            throw new InputException(
                    "too little data to train: no holdout day has an earlier day in its series");
        }
        Map<String, Metrics> metrics = new LinkedHashMap<>();
        metrics.put("model", Metrics.of(set.labels(), predicted, evalRows, naiveScale));
        for (int b = 0; b < Baselines.NAMES.size(); b++) {
            metrics.put(
                    Baselines.NAMES.get(b),
                    Metrics.of(set.labels(), set.baseline(b), evalRows, naiveScale));
        }
        double[] absErrors = new double[evalRows.length];
        for (int k = 0; k < evalRows.length; k++) {
            absErrors[k] = Math.abs(predicted[evalRows[k]] - set.labels()[evalRows[k]]);
        }

        ForecastModel.TrainingInfo info =
                new ForecastModel.TrainingInfo(
                        records,
                        series.size(),
                        trainRows.length,
                        holdoutRows.length,
                        LocalDate.ofEpochDay(distinctDays[0]).toString(),
                        LocalDate.ofEpochDay(holdoutFrom).toString(),
                        LocalDate.ofEpochDay(distinctDays[distinctDays.length - 1]).toString(),
                        naiveScale,
                        bestIteration,
                        params);
        return new ForecastModel(
                ModelFile.FORMAT,
                VERSION_TIME.format(now) + "-" + shortHash(modelText),
                now.toString(),
                FeatureExtractor.FEATURE_NAMES,
                FeatureExtractor.CATEGORICAL.stream()
                        .map(FeatureExtractor.FEATURE_NAMES::get)
                        .toList(),
                vocabularies,
                info,
                metrics,
                DriftReferences.of(
                        set, trainRows, absErrors, TrainingSet.selectDays(set.days(), evalRows)),
                modelText);
    }

    private record Fit(String text, int bestIteration) {}

    private Fit fit(TrainingSet set, int[] trainRows, int[] holdoutRows, Map<String, String> params)
            throws LGBMException {
        NativeLightGbm.ensureLoaded();
        String paramText =
                params.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
        int width = FeatureExtractor.NUM_FEATURES;
        String[] names = FeatureExtractor.FEATURE_NAMES.toArray(String[]::new);
        try (LGBMDataset train =
                        LGBMDataset.createFromMat(
                                set.featureRows(trainRows),
                                trainRows.length,
                                width,
                                true,
                                paramText,
                                null);
                LGBMDataset valid =
                        LGBMDataset.createFromMat(
                                set.featureRows(holdoutRows),
                                holdoutRows.length,
                                width,
                                true,
                                paramText,
                                train)) {
            train.setFeatureNames(names);
            train.setField("label", toFloat(TrainingSet.select(set.labels(), trainRows)));
            valid.setField("label", toFloat(TrainingSet.select(set.labels(), holdoutRows)));
            try (LGBMBooster booster = LGBMBooster.create(train, paramText)) {
                booster.addValidData(valid);
                double best = Double.POSITIVE_INFINITY;
                int bestIteration = 0;
                for (int it = 1; it <= MAX_ITERATIONS; it++) {
                    boolean finished = booster.updateOneIter();
                    double l2 = booster.getEval(1)[0];
                    if (l2 < best) {
                        best = l2;
                        bestIteration = it;
                    } else if (it - bestIteration >= EARLY_STOPPING_ROUNDS) {
                        break;
                    }
                    if (finished) {
                        break;
                    }
                    if (it % 50 == 0) {
                        progress.accept(
                                String.format(
                                        "iteration %d: holdout RMSE %.3f", it, Math.sqrt(l2)));
                    }
                }
                progress.accept(
                        String.format(
                                "best iteration %d: holdout RMSE %.3f",
                                bestIteration, Math.sqrt(best)));
                String text =
                        booster.saveModelToString(
                                0, bestIteration, LGBMBooster.FeatureImportanceType.SPLIT);
                return new Fit(text, bestIteration);
            }
        }
    }

    private interface RowFilter {
        boolean test(int row);
    }

    private static int[] rows(TrainingSet set, RowFilter filter) {
        return java.util.stream.IntStream.range(0, set.rows()).filter(filter::test).toArray();
    }

    private static double meanAbsError(double[] actual, double[] predicted, int[] rows) {
        double sum = 0;
        for (int r : rows) {
            sum += Math.abs(actual[r] - predicted[r]);
        }
        return rows.length == 0 ? 0 : sum / rows.length;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static String shortHash(String text) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
