package com.dataquality.dqs.launch;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.UsageException;
import com.dataquality.dqs.io.AtomicFiles;
import com.dataquality.dqs.io.FileInputs;
import com.dataquality.dqs.io.FileOutputs;
import com.dataquality.dqs.io.KafkaInputs;
import com.dataquality.dqs.io.KafkaOutputSettings;
import com.dataquality.dqs.io.KafkaOutputs;
import com.dataquality.dqs.io.ModelInputs;
import com.dataquality.dqs.io.RegistryAuditSink;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.parse.InputFiles;
import com.dataquality.dqs.parse.RuleMetadataFile;
import com.dataquality.dqs.pipeline.EventTime;
import com.dataquality.dqs.pipeline.Inputs;
import com.dataquality.dqs.pipeline.ModelInput;
import com.dataquality.dqs.pipeline.Outputs;
import com.dataquality.dqs.pipeline.PipelineSettings;
import com.dataquality.dqs.pipeline.RetrainSettings;
import com.dataquality.dqs.pipeline.ServingSettings;
import com.dataquality.dqs.record.ModelRole;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.retrain.Retrainer;
import com.dataquality.dqs.scoring.Scorer;
import com.dataquality.dqs.scoring.ServedModel;
import com.dataquality.dqs.stream.Uids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * What {@code dqs run} will do, decided before any Flink is started: the options checked together,
 * the rules and the model to start with loaded and validated, the job's settings, configuration,
 * connectors and sinks. Pure planning (no job runs here), so it is tested without Flink; {@link
 * JobLauncher} runs it.
 */
public final class RunPlan {
    private final RunOptions options;
    private final Map<Integer, RuleMetadata> rules;
    private final Path outputDir;
    private final List<Path> files;
    private final String restorePath;
    private final PipelineSettings settings;

    private RunPlan(
            RunOptions options,
            Map<Integer, RuleMetadata> rules,
            Path outputDir,
            List<Path> files,
            String restorePath,
            PipelineSettings settings) {
        this.options = options;
        this.rules = rules;
        this.outputDir = outputDir;
        this.files = files;
        this.restorePath = restorePath;
        this.settings = settings;
    }

    /**
     * Checks and plans a run. Throws {@link UsageException} for options that do not go together or
     * are out of range, {@link InputException} for files that are missing or invalid.
     */
    public static RunPlan of(RunOptions o) {
        checkOptions(o);
        Map<Integer, RuleMetadata> rules = RuleMetadataFile.load(o.rules());
        Path dir = AtomicFiles.outputDirectory(o.outputDir().toAbsolutePath());
        List<Path> files =
                o.fromKafka()
                        ? List.of()
                        : o.continuous()
                                ? InputFiles.expandKeepingDirectories(o.inputs())
                                : InputFiles.expand(o.inputs());
        String restore = restorePath(o, dir);
        ServedModel initial = o.model() == null ? null : initialModel(o.model());
        EventTime eventTime =
                o.endsByItself()
                        ? EventTime.endOfInput()
                        : o.fromKafka()
                                ? EventTime.perSplit(o.outOfOrderness(), o.idleTimeout())
                                : EventTime.afterSource(o.outOfOrderness(), o.idleTimeout());
        PipelineSettings settings =
                PipelineSettings.of(rules, eventTime, new ServingSettings(initial, newRunId()));
        if (o.retrain() != null) {
            settings =
                    settings.withRetrain(
                            new RetrainSettings(
                                    o.registry(),
                                    o.modelsDir(),
                                    new Retrainer.Options(
                                            o.retrain().trainDays(), o.retrain().compareDays())));
        }
        return new RunPlan(
                o,
                rules,
                dir,
                files,
                restore,
                settings.withPromotion(o.promotion()).withForecast(o.forecast()));
    }

    private static void checkOptions(RunOptions o) {
        boolean hasFiles = o.inputs() != null && !o.inputs().isEmpty();
        if (hasFiles == o.fromKafka()) {
            throw new UsageException(
                    o.fromKafka()
                            ? "--kafka and --input exclude each other: records come from one"
                            : "give --input PATH (files or directories) or --kafka BOOTSTRAP");
        }
        if (o.bounded() && !o.fromKafka()) {
            throw new UsageException("--bounded goes with --kafka");
        }
        if (o.continuous() && o.fromKafka()) {
            throw new UsageException(
                    "--continuous is for watched --input directories; a Kafka run is continuous"
                            + " unless --bounded");
        }
        if (o.continuous() && o.inputs().stream().noneMatch(Files::isDirectory)) {
            throw new UsageException("--continuous needs at least one --input directory to watch");
        }
        if (o.resume() && o.fromSavepoint() != null) {
            throw new UsageException("--resume and --from-savepoint exclude each other");
        }
        if (o.parallelism() < 1 || o.parallelism() > 256) {
            throw new UsageException(
                    "--parallelism must be between 1 and 256, got " + o.parallelism());
        }
        checkPort("--web-ui-port", o.webUiPort(), false);
        checkPort("--metrics-port", o.metricsPort(), true);
        if (o.webUiPort() == o.metricsPort()) {
            throw new UsageException("--web-ui-port and --metrics-port must differ");
        }
        if (o.checkpointInterval().toMillis() < 10) {
            throw new UsageException("--checkpoint-interval must be at least 10ms");
        }
        if (o.outOfOrderness().isNegative() || o.idleTimeout().isNegative()) {
            throw new UsageException("--out-of-orderness and --idle-timeout cannot be negative");
        }
        if (o.modelsDir() != null && !Files.isDirectory(o.modelsDir())) {
            throw new InputException("--models-dir " + o.modelsDir() + " is not a directory");
        }
        if (o.registry() != null && !Files.isDirectory(o.registry())) {
            throw new InputException("--registry " + o.registry() + " is not a directory");
        }
        if (o.retrain() != null) {
            if (o.registry() == null || o.modelsDir() == null) {
                throw new UsageException(
                        "--auto-retrain needs --registry DIR and --models-dir DIR");
            }
            if (o.retrain().trainDays() < 14 || o.retrain().compareDays() < 1) {
                throw new UsageException(
                        "--retrain-train-days must be at least 14 and --retrain-compare-days at"
                                + " least 1");
            }
        }
    }

    private static void checkPort(String option, int port, boolean zeroAllowed) {
        if ((port == 0 && !zeroAllowed) || port < 0 || port > 65535) {
            throw new UsageException(option + " must be a port number, got " + port);
        }
    }

    /** The savepoint or checkpoint to resume from, or null for a fresh run. */
    private static String restorePath(RunOptions o, Path dir) {
        if (o.resume()) {
            return RetainedCheckpoints.newest(dir.resolve("checkpoints"))
                    .map(p -> p.toUri().toString())
                    .orElseThrow(
                            () ->
                                    new InputException(
                                            "--resume: no retained checkpoint in "
                                                    + dir.resolve("checkpoints")));
        }
        if (o.fromSavepoint() == null) {
            return null;
        }
        String sp = o.fromSavepoint();
        Path local;
        try {
            local = Path.of(sp.startsWith("file:") ? java.net.URI.create(sp).getPath() : sp);
        } catch (IllegalArgumentException e) {
            throw new InputException("--from-savepoint " + sp + " is not a path or file: URI");
        }
        if (!sp.contains("://") || sp.startsWith("file:")) {
            Path metadata = Files.isDirectory(local) ? local.resolve("_metadata") : local;
            if (!isSavepointMetadata(metadata)) {
                throw new InputException(
                        "--from-savepoint "
                                + sp
                                + " is not a savepoint or retained checkpoint (a directory with"
                                + " Flink's _metadata file in it)");
            }
        }
        return sp;
    }

    /** Flink's savepoint metadata starts with this number (Checkpoints.HEADER_MAGIC_NUMBER). */
    private static final int SAVEPOINT_MAGIC = 0x4960672d;

    private static boolean isSavepointMetadata(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (java.io.DataInputStream in = new java.io.DataInputStream(Files.newInputStream(file))) {
            return in.readInt() == SAVEPOINT_MAGIC;
        } catch (IOException e) {
            return false;
        }
    }

    /** The model to start with, validated here (one line, before any job starts). */
    private static ServedModel initialModel(Path file) {
        ForecastModel model = ModelFile.read(file);
        new Scorer(model).close(); // LightGBM must load it, or the job would reject it
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException("model file " + file + ": cannot read: " + e.getMessage());
        }
        return new ServedModel(
                model.version(), file.toAbsolutePath().toString(), ModelRole.CHAMPION, 0, bytes);
    }

    /**
     * A new id per submission: it stays the same across failovers (it is in the job graph) and
     * changes on a resubmission from a savepoint, which is what tells the two apart.
     */
    private static String newRunId() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        StringBuilder s = new StringBuilder(Long.toString(System.currentTimeMillis(), 36));
        s.append('-');
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }

    public RunOptions options() {
        return options;
    }

    public Map<Integer, RuleMetadata> rules() {
        return rules;
    }

    public Path outputDir() {
        return outputDir;
    }

    public List<Path> files() {
        return files;
    }

    public PipelineSettings settings() {
        return settings;
    }

    /** The savepoint or checkpoint the run resumes from, or null. */
    public String restorePath() {
        return restorePath;
    }

    public boolean fresh() {
        return restorePath == null;
    }

    /** The watched models directory: the option, or {@code <output-dir>/models} when unbounded. */
    public Path modelsDir() {
        if (options.modelsDir() != null) {
            return options.modelsDir();
        }
        return options.endsByItself() ? null : outputDir.resolve("models");
    }

    /** Checkpoints, savepoints and the restore path, as job settings. */
    public Configuration jobConfiguration() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, options.checkpointInterval());
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                outputDir.resolve("checkpoints").toUri().toString());
        conf.set(
                CheckpointingOptions.SAVEPOINT_DIRECTORY,
                outputDir.resolve("savepoints").toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (restorePath != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
            // Savepoints of versions before 0.2 hold a per-run model source that no longer
            // exists; everything else maps by its stable uid.
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        return conf;
    }

    /** The connectors: records from files or Kafka, live model updates. */
    public Inputs inputs() throws IOException {
        List<ModelInput> models = new ArrayList<>();
        Path watched = modelsDir();
        if (watched != null) {
            Files.createDirectories(watched);
            models.add(
                    ModelInputs.watchedDirectory(
                            watched, options.endsByItself() ? null : options.monitorInterval()));
        }
        if (options.fromKafka()) {
            models.add(
                    KafkaInputs.modelUpdates(
                            options.kafka(),
                            options.topics().models(),
                            options.transactionalIdPrefix(),
                            options.bounded()));
            return new Inputs(
                    KafkaInputs.records(
                            options.kafka(),
                            options.topics().input(),
                            options.transactionalIdPrefix(),
                            options.bounded()),
                    "Kafka " + options.topics().input(),
                    models);
        }
        return new Inputs(
                FileInputs.csvSource(
                        files, options.continuous() ? options.monitorInterval() : null),
                options.continuous() ? "CSV files (watched)" : "CSV files",
                models);
    }

    /** The sinks: files, or Kafka topics (a backfill also writes the final summary files). */
    public void attachSinks(Outputs outputs) {
        if (options.fromKafka()) {
            KafkaOutputs.attach(
                    outputs,
                    new KafkaOutputSettings(
                            options.kafka(),
                            options.topics(),
                            options.transactionalIdPrefix(),
                            KafkaOutputSettings.MAX_TRANSACTION_TIMEOUT));
            FileOutputs.attachFinalSummary(outputs.summaries(), outputDir);
        } else {
            FileOutputs.attach(outputs, outputDir, modelsDir());
        }
        if (options.registry() != null) {
            outputs.comparisons()
                    .sinkTo(new RegistryAuditSink(options.registry()))
                    .name("Decisions into the registry's audit log")
                    .uid(Uids.REGISTRY_AUDIT_SINK)
                    .setParallelism(1);
        }
    }
}
