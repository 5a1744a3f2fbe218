package com.dataquality.dqs.cli;

import com.dataquality.dqs.model.ModelRegistry;
import com.dataquality.dqs.parse.RuleMetadataFile;
import com.dataquality.dqs.retrain.HistoryFiles;
import com.dataquality.dqs.retrain.RetrainLoop;
import com.dataquality.dqs.retrain.Retrainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dqs retrain}: one turn of the retraining loop (CONTRACT.md §5): a candidate trained on
 * recent history replaces the registry's active model only when it forecasts the latest days
 * better.
 */
@Command(
        name = "retrain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains a candidate model on recent history, compares it with the registry's active"
                    + " model on the latest days (which the candidate did not train on), and"
                    + " promotes and publishes it only when its mean absolute error there is"
                    + " lower.",
            "Every attempt appends a line to retrain-log.jsonl in the registry; the verdict goes"
                    + " to stdout, progress to stderr. Exit code 0 whether promoted or not."
        })
final class RetrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--history",
            required = true,
            paramLabel = "PATH",
            arity = "1..*",
            description = "Rule-execution CSV files or directories (repeatable).")
    List<Path> history = new ArrayList<>();

    @Parameters(arity = "0..1", paramLabel = "<rules.json>", description = "Rule metadata JSON.")
    Path rules;

    @Option(
            names = "--registry",
            required = true,
            paramLabel = "DIR",
            description = "Model registry directory.")
    Path registry;

    @Option(
            names = "--publish-dir",
            paramLabel = "DIR",
            description =
                    "Models directory watched by a running 'dqs run --models-dir': a promoted"
                            + " model is dropped there atomically.")
    Path publishDir;

    @Option(
            names = "--train-days",
            defaultValue = "120",
            paramLabel = "N",
            description =
                    "Days of history before the comparison window to train on (default: ${DEFAULT-VALUE}).")
    int trainDays;

    @Option(
            names = "--compare-days",
            defaultValue = "7",
            paramLabel = "N",
            description =
                    "Latest days on which candidate and active model are compared (default: ${DEFAULT-VALUE}).")
    int compareDays;

    @Override
    public Integer call() {
        if (rules == null && history.size() > 1) {
            // "--history a.csv b.csv rules.json": the variable-arity option took the positional.
            rules = history.remove(history.size() - 1);
        }
        if (rules == null) {
            throw new ParameterException(spec.commandLine(), "give the rules .json file");
        }
        if (!rules.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new ParameterException(
                    spec.commandLine(), "the argument must be the rules .json file, got " + rules);
        }
        if (publishDir != null && !Files.isDirectory(publishDir)) {
            throw new ParameterException(
                    spec.commandLine(), "--publish-dir " + publishDir + " is not a directory");
        }
        Retrainer.Options options = new Retrainer.Options(trainDays, compareDays);
        ModelRegistry reg = new ModelRegistry(registry);
        reg.list(); // fails with one line when the registry is not a directory
        RuleMetadataFile.load(rules);
        PrintWriter err = spec.commandLine().getErr();
        HistoryFiles.Read read = HistoryFiles.read(history, Integer.MAX_VALUE);
        progress(
                err,
                String.format(
                        "read %,d valid records (%,d rejected) from %d file(s) into %,d series",
                        read.valid(), read.rejected(), read.files(), read.table().seriesCount()));
        Retrainer.Verdict v =
                RetrainLoop.run(
                        read.table(),
                        reg,
                        publishDir,
                        options,
                        "dqs retrain",
                        m -> progress(err, m));
        PrintWriter out = spec.commandLine().getOut();
        if (v.better()) {
            out.printf(
                    "retrain: promoted %s (%s)%s%n",
                    v.candidate().version(),
                    v.reason(),
                    publishDir == null ? "" : "; published to " + publishDir);
        } else {
            out.printf(
                    "retrain: kept %s: the candidate is not better (%s)%n",
                    v.activeVersion(), v.reason());
        }
        out.flush();
        return 0;
    }

    private static void progress(PrintWriter err, String message) {
        err.println("retrain: " + message);
        err.flush();
    }
}
