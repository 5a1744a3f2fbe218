package com.dataquality.dqs.cli;

import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.model.Baselines;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.Metrics;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.Trainer;
import com.dataquality.dqs.parse.RuleMetadataFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dqs train-model}: trains a forecast model and compares it with the baselines. */
@Command(
        name = "train-model",
        mixinStandardHelpOptions = true,
        description = {
            "Trains a LightGBM forecast of each series' daily pass percentage, evaluates it on the"
                    + " latest 20%% of the dates against simple baselines, and writes the model"
                    + " file.",
            "Progress goes to stderr, the metrics table to stdout."
        })
final class TrainModelCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(
            arity = "2..*",
            paramLabel = "<input>",
            description = "rule-execution CSV files or directories, then the rules.json file")
    List<Path> inputs;

    @Option(
            names = "--output-model",
            required = true,
            paramLabel = "FILE",
            description = "where to write the model (*.model.json)")
    Path outputModel;

    @Option(
            names = "--tune",
            description =
                    "Search LightGBM's parameters first: rolling-origin validation on the dates"
                            + " before the holdout, within --time-budget; the winner is kept only"
                            + " when its holdout figures are no worse than the default's.")
    boolean tune;

    @Option(
            names = "--time-budget",
            paramLabel = "DURATION",
            defaultValue = "2m",
            converter = DurationConverter.class,
            description = "With --tune: how long the search may take (default: ${DEFAULT-VALUE}).")
    Duration timeBudget;

    @Override
    public Integer call() {
        if (timeBudget.isZero() || timeBudget.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--time-budget must be positive");
        }
        Path rules = inputs.get(inputs.size() - 1);
        List<Path> csvs = inputs.subList(0, inputs.size() - 1);
        if (!rules.getFileName().toString().toLowerCase().endsWith(".json")) {
            throw new ParameterException(
                    spec.commandLine(),
                    "the last argument must be the rules .json file, got " + rules);
        }
        if (Files.isDirectory(outputModel)) {
            throw new ParameterException(
                    spec.commandLine(), "--output-model " + outputModel + " is a directory");
        }
        PrintWriter err = spec.commandLine().getErr();
        RuleMetadataFile.load(rules); // fail early on invalid metadata, as every command does
        long start = System.nanoTime();
        DailySeriesTable table = new DailySeriesTable();
        RecordFiles.Counts counts = RecordFiles.readInto(csvs, table, m -> progress(err, m));
        Trainer.Options options =
                tune ? Trainer.Options.DEFAULTS.withTuning(timeBudget) : Trainer.Options.DEFAULTS;
        ForecastModel model =
                new Trainer(m -> progress(err, m), options)
                        .train(table.series(), counts.valid(), Instant.now());
        ModelFile.write(model, outputModel);
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        out.print(MetricsTable.format(model.holdoutMetrics()));
        out.println(MetricsTable.verdict(model.holdoutMetrics()));
        String distribution = MetricsTable.distribution(model);
        if (distribution != null) {
            out.println(distribution);
        }
        if (model.tuning() != null) {
            out.println(model.tuning().describe());
        }
        out.printf(
                "model %s written to %s (%,d bytes, %d trees) in %.1f s%n",
                model.version(),
                outputModel,
                sizeOf(outputModel),
                model.training().bestIteration(),
                seconds);
        out.flush();
        return 0;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void progress(PrintWriter err, String message) {
        err.println("train-model: " + message);
        err.flush();
    }

    /** The holdout metrics as a text table, model first, then the baselines. */
    static final class MetricsTable {
        private MetricsTable() {}

        static String format(Map<String, Metrics> metrics) {
            StringBuilder sb = new StringBuilder();
            Metrics any = metrics.get("model");
            sb.append(
                    String.format(
                            "holdout: %,d rows (MAPE on %,d rows with a non-zero actual)%n",
                            any.rows(), any.mapeRows()));
            sb.append(
                    String.format(
                            "%-18s %9s %9s %8s %9s %7s%n",
                            "method", "MAE", "RMSE", "R2", "MAPE%", "MASE"));
            for (Map.Entry<String, Metrics> e : metrics.entrySet()) {
                Metrics m = e.getValue();
                sb.append(
                        String.format(
                                "%-18s %9.3f %9.3f %8s %9s %7s%n",
                                e.getKey(),
                                m.mae(),
                                m.rmse(),
                                orDash(m.r2(), "%.3f"),
                                orDash(m.mape(), "%.2f"),
                                orDash(m.mase(), "%.3f")));
            }
            return sb.toString();
        }

        /** One sentence: does the model beat every baseline on MAE and RMSE? */
        static String verdict(Map<String, Metrics> metrics) {
            Metrics model = metrics.get("model");
            String bestMae = null;
            String bestRmse = null;
            for (String b : Baselines.NAMES) {
                Metrics m = metrics.get(b);
                if (bestMae == null || m.mae() < metrics.get(bestMae).mae()) {
                    bestMae = b;
                }
                if (bestRmse == null || m.rmse() < metrics.get(bestRmse).rmse()) {
                    bestRmse = b;
                }
            }
            boolean winsMae = model.mae() < metrics.get(bestMae).mae();
            boolean winsRmse = model.rmse() < metrics.get(bestRmse).rmse();
            if (winsMae && winsRmse) {
                return String.format(
                        "the model beats every baseline: MAE %.3f vs %.3f (%s), RMSE %.3f vs %.3f"
                                + " (%s)",
                        model.mae(),
                        metrics.get(bestMae).mae(),
                        bestMae,
                        model.rmse(),
                        metrics.get(bestRmse).rmse(),
                        bestRmse);
            }
            return String.format(
                    "WARNING: the model does NOT beat the best baseline: MAE %.3f vs %.3f (%s),"
                            + " RMSE %.3f vs %.3f (%s)",
                    model.mae(),
                    metrics.get(bestMae).mae(),
                    bestMae,
                    model.rmse(),
                    metrics.get(bestRmse).rmse(),
                    bestRmse);
        }

        /**
         * One sentence on the forecast distribution: the median's MAE against the best baseline's,
         * and the holdout coverage of its intervals; null for a model without one.
         */
        static String distribution(ForecastModel model) {
            Map<String, Metrics> metrics = model.holdoutMetrics();
            if (model.distribution() == null || !metrics.containsKey("model_median")) {
                return null;
            }
            String bestMae = null;
            for (String b : Baselines.NAMES) {
                if (bestMae == null || metrics.get(b).mae() < metrics.get(bestMae).mae()) {
                    bestMae = b;
                }
            }
            StringBuilder coverage = new StringBuilder();
            Map<String, Double> c = model.distribution().holdoutCoverage();
            if (c != null) {
                c.forEach(
                        (level, share) ->
                                coverage.append(coverage.length() == 0 ? "" : ", ")
                                        .append(
                                                String.format(
                                                        java.util.Locale.ROOT,
                                                        "%.0f%%: %.1f%%",
                                                        Double.parseDouble(level) * 100,
                                                        share * 100)));
            }
            double median = metrics.get("model_median").mae();
            double best = metrics.get(bestMae).mae();
            return String.format(
                    java.util.Locale.ROOT,
                    "forecast distribution: median MAE %.3f vs %.3f (%s), %.1f%% lower; holdout"
                            + " coverage of the central intervals %s",
                    median,
                    best,
                    bestMae,
                    100 * (1 - median / best),
                    coverage);
        }

        private static String orDash(Double v, String fmt) {
            return v == null ? "-" : String.format(fmt, v);
        }
    }
}
