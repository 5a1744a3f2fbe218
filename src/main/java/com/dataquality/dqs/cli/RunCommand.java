package com.dataquality.dqs.cli;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.io.AtomicFiles;
import com.dataquality.dqs.io.FileInputs;
import com.dataquality.dqs.io.FileOutputs;
import com.dataquality.dqs.io.KafkaInputs;
import com.dataquality.dqs.io.KafkaOutputSettings;
import com.dataquality.dqs.io.KafkaOutputs;
import com.dataquality.dqs.io.ModelInputs;
import com.dataquality.dqs.launch.FlinkEnvironments;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.parse.InputFiles;
import com.dataquality.dqs.parse.RuleMetadataFile;
import com.dataquality.dqs.pipeline.Inputs;
import com.dataquality.dqs.pipeline.ModelInput;
import com.dataquality.dqs.pipeline.Outputs;
import com.dataquality.dqs.pipeline.Pipeline;
import com.dataquality.dqs.pipeline.PipelineSettings;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.scoring.Scorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
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

    @CommandLine.Mixin RetrainOptions retrain;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        validate();
        Map<Integer, RuleMetadata> rules = RuleMetadataFile.load(this.rules);
        Path dir = AtomicFiles.outputDirectory(outputDir.toAbsolutePath());
        boolean fromKafka = kafka.bootstrap != null;
        if (fromSavepoint == null && !fromKafka) {
            FileOutputs.clearForFreshRun(dir);
        }

        StreamExecutionEnvironment env =
                FlinkEnvironments.create(parallelism, webUiPort, jobConfiguration(dir));
        boolean unbounded = fromKafka ? !kafka.bounded : continuous;
        PipelineSettings settings =
                new PipelineSettings(
                        rules, outOfOrderness, unbounded ? idleTimeout : null, true, true);
        if (fromKafka) {
            Outputs outputs = Pipeline.build(env, kafkaInputs(dir, unbounded), settings);
            KafkaOutputSettings out = kafka.outputSettings();
            KafkaOutputs.attach(outputs, out);
            KafkaOutputs.attachDrift(outputs, out, kafka.retrainTriggersTopic);
            FileOutputs.attachFinalSummary(outputs, dir);
            retrain.attach(outputs, modelsDir);
        } else {
            List<Path> files = inputFiles();
            Outputs outputs = Pipeline.build(env, fileInputs(files, dir, unbounded), settings);
            FileOutputs.attach(outputs, dir);
            retrain.attach(outputs, modelsDir);
        }

        JobClient client = env.executeAsync("dqs run");
        PrintWriter out = spec.commandLine().getOut();
        if (FlinkEnvironments.onCluster()
                && !env.getConfiguration().get(DeploymentOptions.ATTACHED)) {
            // flink run -d: the job runs on; this client is done.
            out.printf("dqs run: job %s submitted%n", client.getJobID());
            out.flush();
            return 0;
        }
        if (!FlinkEnvironments.onCluster()) {
            out.printf(
                    "dqs run: job %s started; dashboard at http://127.0.0.1:%d; outputs in %s%n",
                    client.getJobID(), webUiPort, fromKafka ? "Kafka " + kafka.bootstrap : dir);
            if (unbounded) {
                out.println(
                        "dqs run: stop with 'dqs stop --savepoint-dir DIR"
                                + (webUiPort == 8081 ? "" : " --rest http://127.0.0.1:" + webUiPort)
                                + "' (or Ctrl-C to cancel)");
            }
            out.flush();
        }
        try {
            client.getJobExecutionResult().get();
        } catch (ExecutionException e) {
            if (Errors.isCancellation(e)) {
                out.printf("dqs run: job %s was cancelled%n", client.getJobID());
                out.flush();
                return 0;
            }
            throw e;
        }
        out.printf("dqs run: job %s finished%n", client.getJobID());
        out.flush();
        return 0;
    }

    private List<Path> inputFiles() {
        return continuous ? InputFiles.expandKeepingDirectories(inputs) : InputFiles.expand(inputs);
    }

    private Inputs fileInputs(List<Path> files, Path dir, boolean unbounded) throws IOException {
        return new Inputs(
                FileInputs.csvSource(files, continuous ? monitorInterval : null),
                continuous ? "CSV files (watched)" : "CSV files",
                modelInputs(dir, unbounded));
    }

    private Inputs kafkaInputs(Path dir, boolean unbounded) throws IOException {
        List<ModelInput> models = new ArrayList<>(modelInputs(dir, unbounded));
        models.add(
                KafkaInputs.modelUpdates(
                        kafka.bootstrap,
                        kafka.modelsTopic,
                        KafkaInputs.DEFAULT_GROUP_ID,
                        kafka.bounded));
        return new Inputs(
                KafkaInputs.records(
                        kafka.bootstrap,
                        kafka.inputTopic,
                        KafkaInputs.DEFAULT_GROUP_ID,
                        kafka.bounded),
                "Kafka " + kafka.inputTopic,
                models);
    }

    /**
     * The model to start with, then live updates from the models directory. An unbounded run always
     * watches one: {@code --models-dir}, or else {@code <output-dir>/models}.
     */
    private List<ModelInput> modelInputs(Path outputDir, boolean unbounded) throws IOException {
        List<ModelInput> models = new ArrayList<>();
        Duration watch = unbounded ? monitorInterval : null;
        if (model != null) {
            // Fail now with one line rather than reject it inside the running job.
            new Scorer(ModelFile.read(model)).close();
            String runId = Long.toString(System.currentTimeMillis(), 36);
            models.add(ModelInputs.initialModel(model, watch, runId));
        }
        Path watched = modelsDir;
        if (watched == null && unbounded) {
            watched = Files.createDirectories(outputDir.resolve("models"));
        }
        if (watched != null) {
            models.add(ModelInputs.watchedDirectory(watched, watch));
        }
        return models;
    }

    private void validate() {
        CommandLine cl = spec.commandLine();
        boolean files = inputs != null && !inputs.isEmpty();
        boolean fromKafka = kafka.bootstrap != null;
        if (files == fromKafka) {
            throw new CommandLine.ParameterException(
                    cl,
                    fromKafka
                            ? "--kafka and --input exclude each other: records come from one"
                            : "give --input PATH (files or directories) or --kafka BOOTSTRAP");
        }
        if (kafka.bounded && !fromKafka) {
            throw new CommandLine.ParameterException(cl, "--bounded goes with --kafka");
        }
        if (continuous && fromKafka) {
            throw new CommandLine.ParameterException(
                    cl,
                    "--continuous is for watched --input directories; a Kafka run is continuous unless --bounded");
        }
        if (modelsDir != null && !Files.isDirectory(modelsDir)) {
            throw new InputException("--models-dir " + modelsDir + " is not a directory");
        }
        retrain.validate(cl, modelsDir);
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
        if (continuous && files && inputs.stream().noneMatch(Files::isDirectory)) {
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
            // The previous run's --model source (its uid is per run) has nothing to restore into.
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        return conf;
    }
}
