package com.dataquality.dqs.cli;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.features.SeriesState;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.scoring.PredictiveDistribution;
import com.dataquality.dqs.scoring.RequestValues;
import com.dataquality.dqs.scoring.Scorer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dqs predict}: one forecast of one series for one day. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the forecast pass percentage of one series (dataset, rule) on one date (the"
                    + " mean), then the forecast distribution's median and central interval:"
                    + " MEAN median=M lower=L upper=U level=P executions=N.",
            "Without --history the forecast knows only the day of the week: the series'"
                    + " history (lags, rates, trend, bad runs) is missing, so it is the model's"
                    + " typical value for a series without history on that weekday."
        })
final class PredictCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "model file")
    Path model;

    @Option(names = "--dataset-uuid", required = true, paramLabel = "ID")
    String datasetUuid;

    @Option(
            names = "--rule-code",
            required = true,
            paramLabel = "CODE",
            description = "101, R101, r101, 0101 all mean rule 101")
    String ruleCode;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD")
    String date;

    @Option(
            names = "--history",
            paramLabel = "CSV",
            description =
                    "rule-execution CSV files or directories (repeatable); records dated on or"
                            + " after --date are ignored")
    List<Path> history = List.of();

    @Option(
            names = "--interval",
            paramLabel = "LEVEL",
            defaultValue = "0.9",
            description =
                    "Probability of the central interval, within (0, 1) (default:"
                            + " ${DEFAULT-VALUE}).")
    double interval;

    @Override
    public Integer call() {
        if (!(interval > 0 && interval < 1)) {
            throw new ParameterException(
                    spec.commandLine(), "--interval must be within (0, 1), got " + interval);
        }
        int rule;
        int day;
        try {
            rule = RequestValues.ruleCode(ruleCode);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--rule-code: " + e.getMessage());
        }
        try {
            day = RequestValues.epochDay(date);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--date: " + e.getMessage());
        }
        if (datasetUuid.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--dataset-uuid is empty");
        }
        PrintWriter err = spec.commandLine().getErr();
        SeriesState h = SeriesState.of(datasetUuid.trim(), rule);
        if (!history.isEmpty()) {
            DailySeriesTable table = new DailySeriesTable();
            RecordFiles.readInto(history, table, m -> err.println("predict: " + m));
            DailySeries s = table.find(datasetUuid.trim(), rule);
            if (s == null) {
                err.println("predict: no history for this series in --history");
            } else {
                h = s.stateBefore(day);
            }
        }
        try (Scorer scorer = new Scorer(ModelFile.read(model))) {
            double[] features = scorer.extractor().extract(h, day);
            PredictiveDistribution d = scorer.distribution(h, day, features);
            double[] i = d.interval(interval);
            StringBuilder line =
                    new StringBuilder(RequestValues.percentage(d.mean()))
                            .append(" median=")
                            .append(RequestValues.percentage(d.median()));
            if (Double.isNaN(i[0])) {
                line.append(" interval=none (the model has no forecast distribution)");
            } else {
                line.append(" lower=")
                        .append(RequestValues.percentage(i[0]))
                        .append(" upper=")
                        .append(RequestValues.percentage(i[1]))
                        .append(" level=")
                        .append(interval)
                        .append(" executions=")
                        .append(d.expectedExecutions());
            }
            spec.commandLine().getOut().println(line);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
