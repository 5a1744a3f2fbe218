package com.dataquality.dqs.model;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.features.Vocabularies;
import io.github.metarank.lightgbm4j.LGBMException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
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
     * @param tuneBudget the time budget of a parameter search ({@link Tuner}), or null for none
     */
    public record Options(
            List<String> features,
            Map<String, String> parameters,
            Weighting weighting,
            Duration tuneBudget) {

        public static final Options DEFAULTS =
                new Options(
                        FeatureExtractor.DEFAULTS, defaultParameters(), Weighting.EXECUTIONS, null);

        public Options withFeatures(List<String> f) {
            return new Options(f, parameters, weighting, tuneBudget);
        }

        public Options withParameters(Map<String, String> p) {
            return new Options(features, p, weighting, tuneBudget);
        }

        public Options withWeighting(Weighting w) {
            return new Options(features, parameters, w, tuneBudget);
        }

        /** Options that tune the parameters within {@code budget} (null: no tuning). */
        public Options withTuning(Duration budget) {
            return new Options(features, parameters, weighting, budget);
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
        if (!extractor.categorical().isEmpty()) {
            p.put(
                    "categorical_feature",
                    extractor.categorical().stream()
                            .map(String::valueOf)
                            .collect(Collectors.joining(",")));
        }
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
        // Baselines need a previous day; all methods are compared on the same rows.
        int[] evalRows = rows(set, r -> set.days()[r] >= holdoutFrom && !Double.isNaN(naive[r]));
        if (fitRows.length == 0 || validRows.length == 0) {
            throw new InputException(
                    "too little data to train: no rows before or in the validation slice (from "
                            + LocalDate.ofEpochDay(validFrom)
                            + ")");
        }
        if (evalRows.length == 0) {
            throw new InputException(
                    "too little data to train: no holdout day has an earlier day in its series");
        }
        Split split =
                new Split(
                        fitRows, validRows, trainRows, holdoutRows, allRows, evalRows, naiveScale);
        Fitter fitter = new Fitter(set, extractor.features(), options.weighting());

        Recipe result = recipe(set, fitter, split, fullParameters(options.parameters(), extractor));
        Tuning tuning = null;
        if (options.tuneBudget() != null) {
            Tuner.Result search =
                    Tuner.search(
                            set,
                            fitter,
                            trainRows,
                            options.parameters(),
                            p -> fullParameters(p, extractor),
                            options.tuneBudget(),
                            progress);
            Recipe winner = result;
            if (search.partial().winner() != 0) {
                winner = recipe(set, fitter, split, fullParameters(search.winner(), extractor));
            }
            Metrics d = result.metrics().get("model");
            Metrics w = winner.metrics().get("model");
            boolean keepWinner = keepWinner(d, w);
            progress.accept(
                    String.format(
                            java.util.Locale.ROOT,
                            "tuning: winner (trial %d) holdout RMSE %.3f, MAE %.3f; default RMSE"
                                    + " %.3f, MAE %.3f: keeping the %s",
                            search.partial().winner(),
                            w.rmse(),
                            w.mae(),
                            d.rmse(),
                            d.mae(),
                            search.partial().winner() == 0
                                    ? "default (it won the search)"
                                    : keepWinner ? "winner" : "default"));
            Tuning p = search.partial();
            tuning =
                    new Tuning(
                            p.budgetSeconds(),
                            p.seconds(),
                            p.folds(),
                            p.trials(),
                            p.winner(),
                            new Tuning.Holdout(d.rmse(), d.mae()),
                            new Tuning.Holdout(w.rmse(), w.mae()),
                            keepWinner ? "winner" : "default");
            if (keepWinner) {
                result = winner;
            }
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
                        result.iterations(),
                        result.parameters());
        ForecastModel.Fitting fitting =
                new ForecastModel.Fitting(
                        LocalDate.ofEpochDay(validFrom).toString(),
                        validRows.length,
                        result.iterations(),
                        result.iterations(),
                        allRows.length,
                        result.iterations(),
                        options.weighting().name().toLowerCase(java.util.Locale.ROOT));
        return new ForecastModel(
                ModelFile.FORMAT,
                VERSION_TIME.format(now) + "-" + shortHash(result.text()),
                now.toString(),
                extractor.features(),
                extractor.features().stream()
                        .filter(FeatureExtractor.CATEGORICAL_NAMES::contains)
                        .toList(),
                vocabularies,
                info,
                result.metrics(),
                DriftReferences.of(
                        set,
                        extractor.features(),
                        trainRows,
                        result.holdoutAbsErrors(),
                        TrainingSet.selectDays(set.days(), evalRows),
                        result.pit()),
                result.text(),
                fitting,
                result.distribution(),
                tuning,
                report);
    }

    /**
     * Whether a tuned winner replaces the default parameters: only when its holdout RMSE and MAE
     * are both no worse, so a tuned model never reports worse holdout figures than the default on
     * the same data. (The one bit it takes from the holdout is documented with the figures.)
     */
    static boolean keepWinner(Metrics defaults, Metrics winner) {
        return winner.rmse() <= defaults.rmse() && winner.mae() <= defaults.mae();
    }

    /** The rows of each part of the data. */
    private record Split(
            int[] fitRows,
            int[] validRows,
            int[] trainRows,
            int[] holdoutRows,
            int[] allRows,
            int[] evalRows,
            double naiveScale) {}

    /** What the recipe made of one parameter set. */
    private record Recipe(
            Map<String, String> parameters,
            int iterations,
            String text,
            Map<String, Metrics> metrics,
            DistributionSpec distribution,
            double[] holdoutAbsErrors,
            DriftReference.PitReference pit) {}

    /**
     * The recipe for one parameter set: the tree count by early stopping on the validation slice,
     * the holdout forecast by trees fitted before it (metrics, distribution calibration and
     * coverage), the shipped trees fitted on every row.
     */
    private Recipe recipe(TrainingSet set, Fitter fitter, Split split, Map<String, String> params) {
        double[] predicted = new double[set.rows()];
        double[] validPredicted = new double[set.rows()];
        int iterations;
        String modelText;
        try {
            Fitter.Fit valid =
                    fitter.earlyStopping(
                            split.fitRows(),
                            split.validRows(),
                            params,
                            MAX_ITERATIONS,
                            EARLY_STOPPING_ROUNDS,
                            Long.MAX_VALUE);
            iterations = valid.iterations();
            progress.accept(
                    String.format(
                            "%d trees: validation RMSE %.3f (weighted)",
                            iterations, Math.sqrt(valid.validationL2())));
            fitter.predict(valid.text(), split.validRows(), validPredicted);
            String holdoutText = fitter.fit(split.trainRows(), iterations, params);
            fitter.predict(holdoutText, split.holdoutRows(), predicted);
            modelText = fitter.fit(split.allRows(), iterations, params);
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM training failed: " + e.getMessage(), e);
        }
        int[] evalRows = split.evalRows();
        double naiveScale = split.naiveScale();
        Map<String, Metrics> metrics = new LinkedHashMap<>();
        metrics.put("model", Metrics.of(set.labels(), predicted, evalRows, naiveScale));
        for (int b = 0; b < Baselines.NAMES.size(); b++) {
            metrics.put(
                    Baselines.NAMES.get(b),
                    Metrics.of(set.labels(), set.baseline(b), evalRows, naiveScale));
        }
        DistributionSpec distribution =
                distribution(set, split.validRows(), validPredicted, evalRows, predicted);
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
        return new Recipe(
                params,
                iterations,
                modelText,
                metrics,
                distribution,
                absErrors,
                DriftReferences.holdoutPit(set, distribution, evalRows, predicted));
    }

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
