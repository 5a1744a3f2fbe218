package com.dataquality.dqs.cli;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.drift.RetrainSink;
import com.dataquality.dqs.drift.Retrainer;
import com.dataquality.dqs.io.AtomicFiles;
import com.dataquality.dqs.io.FileInputs;
import com.dataquality.dqs.io.FileOutputs;
import com.dataquality.dqs.io.ModelInputs;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.parse.InputFiles;
import com.dataquality.dqs.parse.RuleMetadataFile;
import com.dataquality.dqs.pipeline.Inputs;
import com.dataquality.dqs.pipeline.ModelInput;
import com.dataquality.dqs.pipeline.Outputs;
import com.dataquality.dqs.pipeline.Pipeline;
import com.dataquality.dqs.pipeline.PipelineSettings;
import com.dataquality.dqs.record.RuleMetadata;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
    static final String UID_AUTO_RETRAIN = "auto-retrain";

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
            description = "Resume from a savepoint.")
    String fromSavepoint;

    @Option(
            names = "--web-ui-port",
            defaultValue = "8081",
            paramLabel = "N",
            description = "Dashboard and REST port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int webUiPort;

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

    @Option(
            names = "--auto-retrain",
            description =
                    "On each retrain trigger, train a candidate on the --input files up to the"
                            + " trigger's day and, when it beats the registry's active model,"
                            + " promote it and publish it into --models-dir (a live swap).")
    boolean autoRetrain;

    @Option(
            names = "--registry",
            paramLabel = "DIR",
            description = "With --auto-retrain: the model registry to compare with and promote in.")
    Path registry;

    @Option(
            names = "--retrain-train-days",
            defaultValue = "120",
            paramLabel = "N",
            description =
                    "With --auto-retrain: days a candidate trains on (default: ${DEFAULT-VALUE}).")
    int retrainTrainDays;

    @Option(
            names = "--retrain-compare-days",
            defaultValue = "7",
            paramLabel = "N",
            description =
                    "With --auto-retrain: latest days candidate and active model are compared on (default: ${DEFAULT-VALUE}).")
    int retrainCompareDays;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        validate();
        Map<Integer, RuleMetadata> rules = RuleMetadataFile.load(this.rules);
        List<Path> files =
                continuous
                        ? InputFiles.expandKeepingDirectories(inputs)
                        : InputFiles.expand(inputs);
        Path dir = AtomicFiles.outputDirectory(outputDir.toAbsolutePath());
        if (fromSavepoint == null) {
            FileOutputs.clearForFreshRun(dir);
        }

        StreamExecutionEnvironment env =
                FlinkEnvironments.create(parallelism, webUiPort, jobConfiguration(dir));
        Inputs in =
                new Inputs(
                        FileInputs.csvSource(files, continuous ? monitorInterval : null),
                        continuous ? "CSV files (watched)" : "CSV files",
                        modelInputs());
        PipelineSettings settings =
                new PipelineSettings(
                        rules, outOfOrderness, continuous ? idleTimeout : null, true, true);
        Outputs outputs = Pipeline.build(env, in, settings);
        FileOutputs.attach(outputs, dir);
        if (autoRetrain) {
            outputs.retrainTriggers()
                    .sinkTo(
                            new RetrainSink(
                                    files,
                                    registry,
                                    modelsDir,
                                    new Retrainer.Options(retrainTrainDays, retrainCompareDays)))
                    .uid(UID_AUTO_RETRAIN)
                    .name("Retrain on trigger")
                    .setParallelism(1);
        }

        JobClient client = env.executeAsync("dqs run");
        PrintWriter out = spec.commandLine().getOut();
        if (!FlinkEnvironments.onCluster()) {
            out.printf(
                    "dqs run: job %s started; dashboard at http://127.0.0.1:%d; outputs in %s%n",
                    client.getJobID(), webUiPort, dir);
            if (continuous) {
                out.println(
                        "dqs run: stop with 'dqs stop --savepoint-dir DIR"
                                + (webUiPort == 8081 ? "" : " --rest http://127.0.0.1:" + webUiPort)
                                + "' (or Ctrl-C to cancel)");
            }
            out.flush();
        }
        client.getJobExecutionResult().get();
        out.printf("dqs run: job %s finished; outputs in %s%n", client.getJobID(), dir);
        return 0;
    }

    /** The model to start with, then live updates from the models directory. */
    private List<ModelInput> modelInputs() {
        List<ModelInput> models = new ArrayList<>();
        if (model != null) {
            // Fail now with one line rather than reject it inside the running job.
            ModelFile.read(model);
            models.add(ModelInputs.initialModel(model));
        }
        if (modelsDir != null) {
            models.add(
                    ModelInputs.watchedDirectory(modelsDir, continuous ? monitorInterval : null));
        }
        return models;
    }

    private void validate() {
        CommandLine cl = spec.commandLine();
        boolean files = inputs != null && !inputs.isEmpty();
        if (kafka.bootstrap != null) {
            throw new InputException("--kafka: Kafka ingestion is not available in this build yet");
        }
        if (!files) {
            throw new CommandLine.ParameterException(
                    cl, "give --input PATH (files or directories) or --kafka BOOTSTRAP");
        }
        if (modelsDir != null && !Files.isDirectory(modelsDir)) {
            throw new InputException("--models-dir " + modelsDir + " is not a directory");
        }
        if (autoRetrain) {
            if (registry == null || modelsDir == null) {
                throw new CommandLine.ParameterException(
                        cl, "--auto-retrain needs --registry DIR and --models-dir DIR");
            }
            if (!Files.isDirectory(registry)) {
                throw new InputException("--registry " + registry + " is not a directory");
            }
            if (retrainTrainDays < 14 || retrainCompareDays < 1) {
                throw new CommandLine.ParameterException(
                        cl,
                        "--retrain-train-days must be at least 14 and --retrain-compare-days at"
                                + " least 1");
            }
        }
        if (parallelism < 1) {
            throw new CommandLine.ParameterException(
                    cl, "--parallelism must be at least 1, got " + parallelism);
        }
        if (webUiPort < 1 || webUiPort > 65535) {
            throw new CommandLine.ParameterException(
                    cl, "--web-ui-port must be a port number, got " + webUiPort);
        }
        if (checkpointInterval.toMillis() < 10) {
            throw new CommandLine.ParameterException(
                    cl, "--checkpoint-interval must be at least 10ms");
        }
        if (continuous && inputs.stream().noneMatch(Files::isDirectory)) {
            throw new CommandLine.ParameterException(
                    cl, "--continuous needs at least one --input directory to watch");
        }
        if (fromSavepoint != null
                && !Files.exists(Path.of(fromSavepoint.replaceFirst("^file:", "")))) {
            throw new InputException("savepoint " + fromSavepoint + " does not exist");
        }
    }

    private Configuration jobConfiguration(Path dir) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.resolve("checkpoints").toUri().toString());
        conf.set(
                CheckpointingOptions.SAVEPOINT_DIRECTORY,
                dir.resolve("savepoints").toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (fromSavepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, fromSavepoint);
        }
        return conf;
    }
}
