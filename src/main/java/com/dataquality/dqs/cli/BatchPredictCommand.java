package com.dataquality.dqs.cli;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.scoring.BatchPredictor;
import com.dataquality.dqs.scoring.Scorer;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dqs batch-predict}: forecasts for a CSV file of (dataset, rule, date) requests. */
@Command(
        name = "batch-predict",
        mixinStandardHelpOptions = true,
        description = {
            "Forecasts each row of --input (columns dataset_uuid, rule_code, business_date) and"
                    + " writes them with predicted_pass_percentage, model_version and error"
                    + " columns, then the forecast distribution's predicted_median,"
                    + " predicted_lower and predicted_upper (a central interval, --interval). A"
                    + " row that cannot be scored gets an error and no prediction; the others are"
                    + " still scored.",
            "Without --history only the day of the week is known: the series' history is"
                    + " missing, so each forecast is the model's typical value for that weekday."
        })
final class BatchPredictCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "model file")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "CSV", description = "requests")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "CSV", description = "forecasts")
    Path output;

    @Option(
            names = "--history",
            paramLabel = "CSV",
            description = "rule-execution CSV files or directories (repeatable)")
    List<Path> history = List.of();

    @Option(
            names = "--interval",
            paramLabel = "LEVEL",
            defaultValue = "0.9",
            description =
                    "Probability of the central interval predicted_lower..predicted_upper, within"
                            + " (0, 1) (default: ${DEFAULT-VALUE}).")
    double interval;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Native threads LightGBM predicts each chunk of requests on (default:"
                            + " ${DEFAULT-VALUE}); the forecasts are the same whatever the count."
                            + " More helps only on cores no other process is using.")
    int threads;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        if (!(interval > 0 && interval < 1)) {
            throw new ParameterException(
                    spec.commandLine(), "--interval must be within (0, 1), got " + interval);
        }
        var err = spec.commandLine().getErr();
        long start = System.nanoTime();
        Map<String, DailySeries> series = Map.of();
        if (!history.isEmpty()) {
            DailySeriesTable table = new DailySeriesTable();
            RecordFiles.readInto(history, table, m -> err.println("batch-predict: " + m));
            series = table.bySeriesKey();
        }
        BatchPredictor.Counts counts;
        long scoringStart = System.nanoTime();
        try (Scorer scorer = new Scorer(ModelFile.read(model));
                Reader in = open(input);
                Writer out = create(output)) {
            counts =
                    new BatchPredictor(scorer, series, interval, threads)
                            .run(in, input.toString(), out);
        } catch (IOException e) {
            // Undecodable input bytes or a full disk: the user's files, not a bug.
            throw new InputException(
                    "batch-predict " + input + " to " + output + ": " + e.getMessage(), e);
        }
        long end = System.nanoTime();
        double scoring = (end - scoringStart) / 1e9;
        err.printf(
                "batch-predict: %,d rows, %,d forecast, %,d with an error, in %.2f s"
                        + " (%.2f s reading, scoring and writing requests: %,.0f rows/s)%n",
                counts.rows(),
                counts.scored(),
                counts.errors(),
                (end - start) / 1e9,
                scoring,
                counts.rows() / scoring);
        err.flush();
        return 0;
    }

    private static Reader open(Path file) {
        try {
            return new BufferedReader(
                    Files.newBufferedReader(file, StandardCharsets.UTF_8), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new InputException("input " + file + ": no such file");
        } catch (IOException e) {
            throw new InputException("input " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Writer create(Path file) {
        try {
            return new BufferedWriter(
                    Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new InputException("output " + file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
