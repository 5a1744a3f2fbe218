package com.dataquality.dqs.cli;

import com.dataquality.dqs.launch.JobLauncher;
import com.dataquality.dqs.launch.RunOptions;
import com.dataquality.dqs.launch.RunPlan;
import com.dataquality.dqs.report.Report;
import com.dataquality.dqs.report.ReportSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dqs run}: the streaming job (CONTRACT.md §5), on an embedded Flink or a cluster. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the streaming job: summaries (and forecasts) that stay current as rule results",
            "arrive, with the Flink dashboard on --web-ui-port."
        })
final class RunCommand implements Callable<Integer> {

    @Option(
            names = "--rules",
            required = true,
            paramLabel = "FILE",
            description = "Rule metadata JSON.")
    Path rules;

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description = "CSV file or directory of CSV files (repeatable).")
    List<Path> inputs;

    @Option(
            names = "--continuous",
            description = "Keep watching the input directories for new files.")
    boolean continuous;

    @Option(
            names = "--monitor-interval",
            defaultValue = "2s",
            converter = DurationConverter.class,
            paramLabel = "D",
            description =
                    "With --continuous: how often to look for new files (default: ${DEFAULT-VALUE}).")
    Duration monitorInterval;

    @CommandLine.Mixin KafkaOptions kafka;

    @Option(names = "--model", paramLabel = "FILE", description = "Model to start with.")
    Path model;

    @Option(
            names = "--models-dir",
            paramLabel = "DIR",
            description = "Watched for new model files.")
    Path modelsDir;

    @Option(
            names = "--output-dir",
            defaultValue = "dqs-out",
            paramLabel = "DIR",
            description = "Where file outputs go (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description = "Resume from a savepoint (or a retained checkpoint).")
    String fromSavepoint;

    @Option(
            names = "--resume",
            description =
                    "Resume from the newest checkpoint retained in --output-dir (after a crash or"
                            + " Ctrl-C).")
    boolean resume;

    @Option(
            names = "--web-ui-port",
            defaultValue = "8081",
            paramLabel = "N",
            description = "Dashboard and REST port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int webUiPort;

    @Option(
            names = "--metrics-port",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Serve Flink's and the job's metrics for Prometheus on 127.0.0.1:N/metrics"
                            + " (default: none).")
    int metricsPort;

    @Option(
            names = "--parallelism",
            defaultValue = "1",
            paramLabel = "N",
            description = "Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "10s",
            converter = DurationConverter.class,
            paramLabel = "D",
            description = "Checkpoint (and file commit) interval (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(
            names = "--out-of-orderness",
            defaultValue = "0s",
            converter = DurationConverter.class,
            paramLabel = "D",
            description =
                    "How late a record may arrive and still be on time; days close this much later (default: ${DEFAULT-VALUE}).")
    Duration outOfOrderness;

    @Option(
            names = "--idle-timeout",
            defaultValue = "1min",
            converter = DurationConverter.class,
            paramLabel = "D",
            description =
                    "A source split silent this long stops holding days open (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @CommandLine.Mixin RetrainOptions retrain;

    @CommandLine.Mixin PromotionOptions promotion;

    @CommandLine.Mixin ForecastOptions forecast;

    @Option(
            names = "--report-interval",
            converter = DurationConverter.class,
            paramLabel = "D",
            description =
                    "Rewrite <output-dir>/report.html (dqs report) this often while an embedded job"
                            + " runs, and at its end (default: off).")
    Duration reportInterval;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunPlan plan = RunPlan.of(options());
        return JobLauncher.run(
                plan,
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                reportInterval,
                Report.refresher(
                        new ReportSources(
                                List.of(outputDir), model, model == null ? retrain.registry : null),
                        outputDir.resolve(Report.FILE_NAME)));
    }

    /** The parsed options as values, for the plan. */
    RunOptions options() {
        return new RunOptions(
                rules,
                inputs == null ? List.of() : inputs,
                continuous,
                monitorInterval,
                kafka.bootstrap,
                kafka.bounded,
                kafka.topics(),
                kafka.transactionalIdPrefix,
                model,
                modelsDir,
                outputDir,
                fromSavepoint,
                resume,
                webUiPort,
                metricsPort,
                parallelism,
                checkpointInterval,
                outOfOrderness,
                idleTimeout,
                retrain.registry,
                retrain.options(),
                promotion.settings(),
                forecast.settings());
    }
}
