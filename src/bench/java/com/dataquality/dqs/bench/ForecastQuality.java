package com.dataquality.dqs.bench;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.features.SeriesState;
import com.dataquality.dqs.generate.Generator;
import com.dataquality.dqs.generate.GeneratorConfig;
import com.dataquality.dqs.model.Baselines;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.Trainer;
import com.dataquality.dqs.record.Keys;
import com.dataquality.dqs.retrain.HistoryFiles;
import com.dataquality.dqs.retrain.Retrainer;
import com.dataquality.dqs.scoring.PredictiveDistribution;
import com.dataquality.dqs.scoring.Scorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The forecasting quality benchmark ({@code scripts/bench-forecast.sh}): on noisy generated data
 * whose hidden truth is known, the model is trained on everything but the last {@code --eval-days}
 * days and then forecasts each of those days one step ahead, from the series' whole history up to
 * the day before (what the streaming job does as days close). On the same rows it reports the
 * baselines, an oracle that knows every series-day's true pass probability, and the share of the
 * gap from the best baseline to the oracle (RMSE) that the model closes.
 */
@Command(
        name = "forecast-quality",
        mixinStandardHelpOptions = true,
        description = "Forecast quality against baselines and an oracle on noisy generated data.")
final class ForecastQuality implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--rows", defaultValue = "324000")
    long rows;

    @Option(names = "--days", defaultValue = "400")
    int days;

    @Option(names = "--executions-per-day", defaultValue = "3")
    double executionsPerDay;

    @Option(names = "--pattern-strength", defaultValue = "0.75")
    double patternStrength;

    @Option(
            names = "--eval-days",
            defaultValue = "60",
            description = "days forecast after training")
    int evalDays;

    @Option(names = "--work", description = "where the generated data is kept (reused when there)")
    Path work;

    @Option(names = "--model-out", description = "write the trained model here")
    Path modelOut;

    @Option(
            names = "--features",
            split = ",",
            description = "feature list (default: the trainer's)")
    List<String> features;

    @Option(names = "--drop", split = ",", description = "features left out of the default list")
    List<String> drop;

    @Option(names = "--param", description = "LightGBM parameter override, key=value (repeatable)")
    Map<String, String> params;

    @Option(names = "--weighting", description = "NONE or EXECUTIONS (default: the trainer's)")
    Trainer.Weighting weighting;

    @Option(names = "--tune", description = "tune within this budget (seconds), as --tune does")
    Integer tuneSeconds;

    private Trainer.Options options() {
        Trainer.Options o = Trainer.Options.DEFAULTS;
        if (features != null) {
            o = o.withFeatures(features);
        }
        if (drop != null) {
            o = o.withFeatures(o.features().stream().filter(f -> !drop.contains(f)).toList());
        }
        if (params != null) {
            Map<String, String> p = new LinkedHashMap<>(o.parameters());
            p.putAll(params);
            o = o.withParameters(p);
        }
        if (weighting != null) {
            o = o.withWeighting(weighting);
        }
        if (tuneSeconds != null) {
            o = o.withTuning(java.time.Duration.ofSeconds(tuneSeconds));
        }
        return o;
    }

    static final double[] LEVELS = {0.8, 0.9, 0.95};

    /** One evaluated series-day: the actual value, the truth, the baselines and the forecast. */
    private record Row(
            int series,
            int day,
            double actual,
            int executions,
            double truth,
            double[] baselines,
            double mean,
            double median,
            double[][] intervals,
            Incidents.Day truthDay) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = work != null ? work : Files.createTempDirectory("dqs-forecast-quality");
        Path data =
                dir.resolve(
                        String.format(
                                Locale.ROOT,
                                "data-%d-%d-%d-%s-%s",
                                seed,
                                rows,
                                days,
                                executionsPerDay,
                                patternStrength));
        if (!Files.exists(data.resolve(Generator.TRUTH_FILE))) {
            new Generator(
                            GeneratorConfig.builder()
                                    .seed(seed)
                                    .rows(rows)
                                    .days(days)
                                    .executionsPerDay(executionsPerDay)
                                    .patternStrength(patternStrength)
                                    .truth(true)
                                    .build())
                    .writeTo(data, Generator.Progress.NONE);
        }
        HistoryFiles.Read read =
                HistoryFiles.read(
                        List.of(data.resolve(Generator.dataFileName(0, 1))), Integer.MAX_VALUE);
        List<DailySeries> all = read.table().series();
        Map<String, Double> truth = TruthFile.read(data.resolve(Generator.TRUTH_FILE));
        int last = all.stream().mapToInt(s -> s.days()[s.size() - 1]).max().orElseThrow();
        int evalFrom = last - evalDays + 1;
        List<DailySeries> train = new ArrayList<>();
        for (DailySeries s : all) {
            DailySeries c = Retrainer.slice(s, Integer.MIN_VALUE, evalFrom);
            if (c.size() > 0) {
                train.add(c);
            }
        }
        long t0 = System.nanoTime();
        ForecastModel model =
                new Trainer(m -> System.err.println("train: " + m), options())
                        .train(train, read.valid(), Instant.now());
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        if (modelOut != null) {
            ModelFile.write(model, modelOut);
        }

        // Every observed day of the evaluation window with an earlier day in its series.
        List<Row> rowsOut = new ArrayList<>();
        int nb = Baselines.NAMES.size();
        try (Scorer scorer = new Scorer(model)) {
            FeatureExtractor fx = scorer.extractor();
            int seriesIndex = 0;
            for (DailySeries s : all) {
                seriesIndex++;
                SeriesState state = SeriesState.of(s.datasetUuid(), s.ruleCode());
                Incidents incidents = Incidents.of(s, truth);
                double prefix = 0;
                for (int i = 0; i < s.size(); i++) {
                    int day = s.days()[i];
                    if (day >= evalFrom && i > 0) {
                        double[] b = new double[nb];
                        Baselines.forecast(s, i, prefix, b);
                        Double p =
                                truth.get(
                                        Keys.seriesKey(s.datasetUuid(), s.ruleCode()) + "@" + day);
                        if (p == null) {
                            throw new IllegalStateException("no truth for " + s + " on " + day);
                        }
                        double[] f = fx.extract(state, day);
                        PredictiveDistribution d = scorer.distribution(state, day, f);
                        double[][] intervals = new double[LEVELS.length][];
                        for (int l = 0; l < LEVELS.length; l++) {
                            intervals[l] = d.interval(LEVELS[l]);
                        }
                        rowsOut.add(
                                new Row(
                                        seriesIndex,
                                        day,
                                        s.passPercentage(i),
                                        s.executions()[i],
                                        100 * p,
                                        b,
                                        d.mean(),
                                        d.median(),
                                        intervals,
                                        incidents.day(i)));
                    }
                    state.add(day, s.executions()[i], s.passes()[i]);
                    prefix += s.passPercentage(i);
                }
            }
            report(out, model, scorer, rowsOut, trainSeconds, LocalDate.ofEpochDay(evalFrom));
        }
        out.flush();
        return 0;
    }

    private void report(
            PrintWriter out,
            ForecastModel model,
            Scorer scorer,
            List<Row> rows,
            double trainSeconds,
            LocalDate evalFrom) {
        int n = rows.size();
        Map<String, double[]> forecasts = new LinkedHashMap<>();
        forecasts.put("model", rows.stream().mapToDouble(Row::mean).toArray());
        forecasts.put("model_median", rows.stream().mapToDouble(Row::median).toArray());
        for (int b = 0; b < Baselines.NAMES.size(); b++) {
            double[] f = new double[n];
            for (int r = 0; r < n; r++) {
                f[r] = rows.get(r).baselines()[b];
            }
            forecasts.put(Baselines.NAMES.get(b), f);
        }
        double[] oracle = new double[n];
        double[] actual = new double[n];
        for (int r = 0; r < n; r++) {
            oracle[r] = rows.get(r).truth();
            actual[r] = rows.get(r).actual();
        }
        forecasts.put("oracle", oracle);
        double[] oracleMedian = new double[n];
        for (int r = 0; r < n; r++) {
            oracleMedian[r] = binomialMedian(rows.get(r).executions(), oracle[r] / 100);
        }
        forecasts.put("oracle_median", oracleMedian);
        out.printf(
                Locale.ROOT,
                "seed %d: %d series, trained in %.1f s (%d trees), %,d rows forecast from %s%n",
                seed,
                model.training().series(),
                trainSeconds,
                model.training().bestIteration(),
                n,
                evalFrom);
        out.printf(Locale.ROOT, "%-18s %9s %9s%n", "method", "MAE", "RMSE");
        Map<String, double[]> errors = new HashMap<>();
        for (Map.Entry<String, double[]> e : forecasts.entrySet()) {
            double[] m = maeRmse(actual, e.getValue());
            errors.put(e.getKey(), m);
            out.printf(Locale.ROOT, "%-18s %9.3f %9.3f%n", e.getKey(), m[0], m[1]);
        }
        String bestRmse = null;
        String bestMae = null;
        for (String b : Baselines.NAMES) {
            if (bestRmse == null || errors.get(b)[1] < errors.get(bestRmse)[1]) {
                bestRmse = b;
            }
            if (bestMae == null || errors.get(b)[0] < errors.get(bestMae)[0]) {
                bestMae = b;
            }
        }
        double base = errors.get(bestRmse)[1];
        double gap = base - errors.get("oracle")[1];
        double closed = (base - errors.get("model")[1]) / gap;
        out.printf(
                Locale.ROOT,
                "RMSE: model %.3f, best baseline %.3f (%s), oracle %.3f: model %.1f%% below the"
                        + " baseline, oracle %.1f%% below; gap closed %.1f%%%n",
                errors.get("model")[1],
                base,
                bestRmse,
                errors.get("oracle")[1],
                100 * (1 - errors.get("model")[1] / base),
                100 * (1 - errors.get("oracle")[1] / base),
                100 * closed);
        out.printf(
                Locale.ROOT,
                "MAE: model mean %.3f, best baseline %.3f (%s)%n",
                errors.get("model")[0],
                errors.get(bestMae)[0],
                bestMae);
        double medianGain = 1 - errors.get("model_median")[0] / errors.get(bestMae)[0];
        out.printf(
                Locale.ROOT,
                "MAE: model median %.3f, %.1f%% below the best baseline's%n",
                errors.get("model_median")[0],
                100 * medianGain);
        StringBuilder cov = new StringBuilder();
        for (int l = 0; l < LEVELS.length; l++) {
            int inside = 0;
            for (Row r : rows) {
                double[] iv = r.intervals()[l];
                if (r.actual() >= iv[0] - 1e-9 && r.actual() <= iv[1] + 1e-9) {
                    inside++;
                }
            }
            cov.append(
                    String.format(
                            Locale.ROOT,
                            " coverage_%d=%.4f",
                            Math.round(LEVELS[l] * 100),
                            inside / (double) n));
        }
        out.printf(Locale.ROOT, "intervals:%s%n", cov);
        AnomalyRecall.report(
                out,
                scorer,
                rows.stream()
                        .map(
                                r ->
                                        new AnomalyRecall.Judged(
                                                r.series(),
                                                r.day(),
                                                r.truthDay(),
                                                r.mean(),
                                                r.executions(),
                                                (int)
                                                        Math.round(
                                                                r.actual() * r.executions() / 100)))
                        .toList());
        if (model.tuning() != null) {
            out.println(model.tuning().describe());
        }
        out.printf(
                Locale.ROOT,
                "summary seed=%d median_gain=%.4f%s gap_closed=%.4f model_rmse=%.4f baseline_rmse=%.4f oracle_rmse=%.4f"
                        + " model_mae=%.4f baseline_mae=%.4f%n",
                seed,
                medianGain,
                cov,
                closed,
                errors.get("model")[1],
                base,
                errors.get("oracle")[1],
                errors.get("model")[0],
                errors.get(bestMae)[0]);
    }

    /** The median of Binomial(n, p) / n, in percent (what an oracle forecasts for MAE). */
    private static double binomialMedian(int n, double p) {
        double cdf = 0;
        double pk = Math.pow(1 - p, n);
        for (int k = 0; k <= n; k++) {
            if (k > 0) {
                pk = pk * (n - k + 1) / k * p / (1 - p);
            }
            cdf += pk;
            if (cdf >= 0.5) {
                return 100.0 * k / n;
            }
        }
        return 100;
    }

    private static double[] maeRmse(double[] actual, double[] predicted) {
        double abs = 0;
        double sq = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = predicted[i] - actual[i];
            abs += Math.abs(e);
            sq += e * e;
        }
        return new double[] {abs / actual.length, Math.sqrt(sq / actual.length)};
    }
}
