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
import java.util.stream.IntStream;

/**
 * Trains a LightGBM regression of the daily pass percentage and evaluates it against the baselines.
 *
 * <p>The recipe (docs/forecasting.md, "Training"), with the dates split in time, never shuffled:
 *
 * <ol>
 *   <li>the latest {@link #HOLDOUT_SHARE} of the dates are the <b>holdout</b>, reported and never
 *       used for a choice; the latest {@link #VALIDATION_SHARE} of the dates before it are the
 *       <b>validation slice</b>;
 *   <li>trees are fitted on the dates before the validation slice, with early stopping on the
 *       slice: that picks the tree count;
 *   <li>the same parameters and tree count are fitted on every date before the holdout: that model
 *       forecasts the holdout, and its figures (and the baselines' on the same rows) are the ones
 *       reported;
 *   <li>the shipped trees are fitted once more on every date, the holdout included, so the model
 *       knows the latest weeks.
 * </ol>
 *
 * <p>The objective is L2, so the forecast estimates the expected pass percentage (a rule passing
 * 80% of the time is forecast near 80). Rows can be weighted by their executions: a day of 12
 * executions says more than a day of one. Training is deterministic: one thread, fixed seed,
 * LightGBM's deterministic mode, and series in a fixed order, so the same input gives the same
 * model text.
 */
public final class Trainer {

    public static final double HOLDOUT_SHARE = 0.2;

    /** Share of the dates before the holdout that pick the tree count. */
    public static final double VALIDATION_SHARE = 0.2;

    /** Most trees a model may have: the cost of a forecast grows with them. */
    public static final int MAX_ITERATIONS = 400;

    public static final int EARLY_STOPPING_ROUNDS = 40;
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    /** How training rows are weighted. */
    public enum Weighting {
        /** Every series-day counts the same. */
        NONE,
        /**
         * A series-day counts as its executions, up to {@link #WEIGHT_CAP} (its label's binomial
         * noise shrinks with them; the cap keeps a few huge series from owning the fit).
         */
        EXECUTIONS
    }

    static final int WEIGHT_CAP = 20;

    /**
     * What to train.
     *
     * @param features the feature names, each one {@link FeatureExtractor#KNOWN}
     * @param parameters LightGBM parameters (the categorical features are added)
     * @param weighting how rows are weighted
     */
    public record Options(
            List<String> features, Map<String, String> parameters, Weighting weighting) {

        public static final Options DEFAULTS =
                new Options(FeatureExtractor.DEFAULTS, defaultParameters(), Weighting.EXECUTIONS);

        public Options withFeatures(List<String> f) {
            return new Options(f, parameters, weighting);
        }

        public Options withParameters(Map<String, String> p) {
            return new Options(features, p, weighting);
        }

        public Options withWeighting(Weighting w) {
            return new Options(features, parameters, w);
        }
    }

    private final Consumer<String> progress;
    private final Options options;

    /**
     * @param progress receives one-line progress messages (the CLI prints them on stderr)
     */
    public Trainer(Consumer<String> progress) {
        this(progress, Options.DEFAULTS);
    }

    public Trainer(Consumer<String> progress, Options options) {
        this.progress = progress;
        this.options = options;
    }

    /** The default LightGBM parameters, in the order written to the model file. */
    public static Map<String, String> defaultParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("objective", "regression");
        p.put("metric", "l2");
        p.put("learning_rate", "0.05");
        p.put("num_leaves", "15");
        p.put("min_data_in_leaf", "200");
        p.put("lambda_l2", "1.0");
        p.put("feature_fraction", "0.8");
        p.put("max_bin", "255");
        return p;
    }

    /** The parameters LightGBM gets: the options', the categorical features and determinism. */
    static Map<String, String> fullParameters(
            Map<String, String> parameters, FeatureExtractor extractor) {
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put(
                "categorical_feature",
                extractor.categorical().stream()
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
        DataReport report = TrainingGates.check(series);
        progress.accept(
                String.format(
                        java.util.Locale.ROOT,
                        "data: %,d series-days of %,d series over %,d dates (%s..%s), %.1f"
                                + " executions per series-day, pass percentage %.1f on average",
                        report.seriesDays(),
                        report.series(),
                        report.dates(),
                        report.firstDate(),
                        report.lastDate(),
                        report.executionsPerSeriesDay(),
                        report.passPercentageMean()));
        Vocabularies vocabularies =
                Vocabularies.of(
                        series.stream().map(DailySeries::datasetUuid).toList(),
                        series.stream().map(DailySeries::ruleCode).toList());
        FeatureExtractor extractor = new FeatureExtractor(vocabularies, options.features());
        TrainingSet set = TrainingSet.build(series, extractor);
        int[] distinctDays = Arrays.stream(set.days()).distinct().sorted().toArray();
        int holdoutIndex = (int) Math.floor(distinctDays.length * (1 - HOLDOUT_SHARE));
        int holdoutFrom = distinctDays[holdoutIndex];
        int validFrom = distinctDays[(int) Math.floor(holdoutIndex * (1 - VALIDATION_SHARE))];
        int[] fitRows = rows(set, r -> set.days()[r] < validFrom);
        int[] validRows = rows(set, r -> set.days()[r] >= validFrom && set.days()[r] < holdoutFrom);
        int[] trainRows = rows(set, r -> set.days()[r] < holdoutFrom);
        int[] holdoutRows = rows(set, r -> set.days()[r] >= holdoutFrom);
        int[] allRows = IntStream.range(0, set.rows()).toArray();
        progress.accept(
                String.format(
                        "training on %d rows of %d series (%d before %s pick the tree count on the"
                                + " next %d), holding out %d rows from %s",
                        trainRows.length,
                        series.size(),
                        fitRows.length,
                        LocalDate.ofEpochDay(validFrom),
                        validRows.length,
                        holdoutRows.length,
                        LocalDate.ofEpochDay(holdoutFrom)));

        double[] naive = set.baseline(0);
        int[] trainEval = rows(set, r -> set.days()[r] < holdoutFrom && !Double.isNaN(naive[r]));
        double naiveScale = meanAbsError(set.labels(), naive, trainEval);

        Map<String, String> params = fullParameters(options.parameters(), extractor);
        String modelText;
        int iterations;
        double[] predicted = new double[set.rows()];
        double[] validPredicted = new double[set.rows()];
        try {
            if (fitRows.length == 0 || validRows.length == 0) {
                throw new InputException(
                        "too little data to train: no rows before or in the validation slice"
                                + " (from "
                                + LocalDate.ofEpochDay(validFrom)
                                + ")");
            }
            Fit valid = earlyStopping(set, extractor.features(), fitRows, validRows, params);
            iterations = valid.iterations();
            predictRows(valid.text(), extractor.features(), set, validRows, validPredicted);
            String holdoutText = fit(set, extractor.features(), trainRows, iterations, params);
            predictRows(holdoutText, extractor.features(), set, holdoutRows, predicted);
            modelText = fit(set, extractor.features(), allRows, iterations, params);
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
        DistributionSpec distribution =
                distribution(set, validRows, validPredicted, evalRows, predicted);
        metrics.put(
                "model_median",
                Metrics.of(
                        set.labels(),
                        scatter(
                                set.rows(),
                                evalRows,
                                DistributionCalibration.medians(
                                        distribution,
                                        TrainingSet.select(predicted, evalRows),
                                        selectInts(set.expectedExecutions(), evalRows))),
                        evalRows,
                        naiveScale));
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
                        iterations,
                        params);
        ForecastModel.Fitting fitting =
                new ForecastModel.Fitting(
                        LocalDate.ofEpochDay(validFrom).toString(),
                        validRows.length,
                        iterations,
                        iterations,
                        allRows.length,
                        iterations,
                        options.weighting().name().toLowerCase(java.util.Locale.ROOT));
        return new ForecastModel(
                ModelFile.FORMAT,
                VERSION_TIME.format(now) + "-" + shortHash(modelText),
                now.toString(),
                extractor.features(),
                extractor.features().stream()
                        .filter(FeatureExtractor.CATEGORICAL_NAMES::contains)
                        .toList(),
                vocabularies,
                info,
                metrics,
                DriftReferences.of(
                        set,
                        extractor.features(),
                        trainRows,
                        absErrors,
                        TrainingSet.selectDays(set.days(), evalRows)),
                modelText,
                fitting,
                distribution,
                null,
                report);
    }

    /** Model text and its tree count. */
    private record Fit(String text, int iterations) {}

    /**
     * The forecast distribution: concentrations fitted on the validation slice's out-of-sample
     * forecasts, coverage measured on the holdout's.
     */
    private DistributionSpec distribution(
            TrainingSet set,
            int[] validRows,
            double[] validPredicted,
            int[] evalRows,
            double[] predicted) {
        int[] passes = new int[validRows.length];
        int[] executions = new int[validRows.length];
        for (int k = 0; k < validRows.length; k++) {
            int r = validRows[k];
            executions[k] = set.executions()[r];
            passes[k] = (int) Math.round(set.labels()[r] * executions[k] / 100);
        }
        double[] validMeans = TrainingSet.select(validPredicted, validRows);
        DistributionSpec fitted =
                DistributionCalibration.withCalibratedLevels(
                        DistributionCalibration.fit(
                                validMeans,
                                passes,
                                executions,
                                DistributionCalibration.typical(set.executions())),
                        validMeans,
                        selectInts(set.expectedExecutions(), validRows),
                        TrainingSet.select(set.labels(), validRows));
        Map<String, Double> coverage =
                DistributionCalibration.coverage(
                        fitted,
                        TrainingSet.select(predicted, evalRows),
                        selectInts(set.expectedExecutions(), evalRows),
                        TrainingSet.select(set.labels(), evalRows));
        progress.accept(
                String.format(
                        java.util.Locale.ROOT,
                        "forecast distribution: concentrations %s, interval levels %s on %d"
                                + " validation rows; holdout coverage %s",
                        Arrays.toString(round(fitted.concentrations(), 10)),
                        Arrays.toString(round(fitted.internalLevels(), 1000)),
                        validRows.length,
                        coverage));
        return new DistributionSpec(
                fitted.family(),
                fitted.meanEdges(),
                fitted.concentrations(),
                fitted.defaultLevel(),
                fitted.typicalExecutions(),
                fitted.calibrationRows(),
                fitted.levels(),
                fitted.internalLevels(),
                coverage);
    }

    private static double[] round(double[] v, double scale) {
        return Arrays.stream(v).map(x -> Math.round(x * scale) / scale).toArray();
    }

    private static int[] selectInts(int[] values, int[] which) {
        int[] out = new int[which.length];
        for (int k = 0; k < which.length; k++) {
            out[k] = values[which[k]];
        }
        return out;
    }

    /** Values of the given rows placed at those rows of an array of {@code size}. */
    private static double[] scatter(int size, int[] rows, double[] values) {
        double[] out = new double[size];
        for (int k = 0; k < rows.length; k++) {
            out[rows[k]] = values[k];
        }
        return out;
    }

    private void predictRows(
            String text, List<String> features, TrainingSet set, int[] rows, double[] predicted)
            throws LGBMException {
        try (LGBMBooster booster = NativeLightGbm.boosterFromText(text, features)) {
            double[] out = new double[rows.length];
            Boosters.predict(booster, set.featureRows(rows), rows.length, set.width(), out);
            for (int k = 0; k < rows.length; k++) {
                predicted[rows[k]] = Boosters.clip(out[k]);
            }
        }
    }

    private static String paramText(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private LGBMDataset dataset(
            TrainingSet set,
            List<String> features,
            int[] rows,
            String paramText,
            LGBMDataset reference)
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
        d.setField("label", toFloat(TrainingSet.select(set.labels(), rows)));
        if (options.weighting() == Weighting.EXECUTIONS) {
            float[] w = new float[rows.length];
            for (int k = 0; k < rows.length; k++) {
                w[k] = Math.min(WEIGHT_CAP, set.executions()[rows[k]]);
            }
            d.setField("weight", w);
        }
        return d;
    }

    /**
     * Trees fitted on {@code fitRows} up to the count that minimizes the error on {@code validRows}
     * (at most {@link #MAX_ITERATIONS}).
     */
    private Fit earlyStopping(
            TrainingSet set,
            List<String> features,
            int[] fitRows,
            int[] validRows,
            Map<String, String> params)
            throws LGBMException {
        NativeLightGbm.ensureLoaded();
        String paramText = paramText(params);
        try (LGBMDataset train = dataset(set, features, fitRows, paramText, null);
                LGBMDataset valid = dataset(set, features, validRows, paramText, train);
                LGBMBooster booster = LGBMBooster.create(train, paramText)) {
            booster.addValidData(valid);
            double best = Double.POSITIVE_INFINITY;
            int bestIteration = 1;
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
            }
            progress.accept(
                    String.format(
                            "%d trees: validation RMSE %.3f (weighted)",
                            bestIteration, Math.sqrt(best)));
            return new Fit(
                    booster.saveModelToString(
                            0, bestIteration, LGBMBooster.FeatureImportanceType.SPLIT),
                    bestIteration);
        }
    }

    /** Trees fitted on {@code rows}: LightGBM's model text. */
    private String fit(
            TrainingSet set,
            List<String> features,
            int[] rows,
            int iterations,
            Map<String, String> params)
            throws LGBMException {
        NativeLightGbm.ensureLoaded();
        String paramText = paramText(params);
        try (LGBMDataset train = dataset(set, features, rows, paramText, null);
                LGBMBooster booster = LGBMBooster.create(train, paramText)) {
            for (int it = 1; it <= iterations; it++) {
                if (booster.updateOneIter()) {
                    break;
                }
            }
            return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
        }
    }

    private interface RowFilter {
        boolean test(int row);
    }

    private static int[] rows(TrainingSet set, RowFilter filter) {
        return IntStream.range(0, set.rows()).filter(filter::test).toArray();
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
