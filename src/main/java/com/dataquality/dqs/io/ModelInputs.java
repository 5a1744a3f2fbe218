package com.dataquality.dqs.io;

import com.dataquality.dqs.pipeline.ModelInput;
import com.dataquality.dqs.record.ModelUpdate;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;

/** Sources of model updates from files: the model to start with, and a watched directory. */
public final class ModelInputs {
    public static final String MODEL_SUFFIX = ".model.json";

    private ModelInputs() {}

    /**
     * The {@code --model} file, read once; forecasting waits for it.
     *
     * <p>In an unbounded run the source stays open after reading it: a finished source's watermark
     * is the end of time, which would close every day of the forecast operator as soon as the
     * records go idle. Its uid is new in every run ({@code runId}), so that a run restored from a
     * savepoint reads its {@code --model} again, even when the path is the same, and that model
     * replaces the restored one.
     *
     * @param monitorInterval null for a bounded run
     */
    public static ModelInput initialModel(
            java.nio.file.Path file, Duration monitorInterval, String runId) {
        FileSource.FileSourceBuilder<ModelUpdate> builder =
                FileSource.forBulkFileFormat(
                        new ModelFileFormat(true), new Path(file.toAbsolutePath().toUri()));
        if (monitorInterval != null) {
            builder.monitorContinuously(monitorInterval);
        }
        return new ModelInput(
                builder.build(),
                "Model " + file.getFileName(),
                "initial-model-source-" + runId,
                true);
    }

    /**
     * The {@code --models-dir} directory: its model files, then every model file that appears in it
     * (write it under a hidden name, then rename it to {@code *.model.json}).
     *
     * @param monitorInterval how often to look, or null to read the directory once
     */
    public static ModelInput watchedDirectory(java.nio.file.Path dir, Duration monitorInterval) {
        FileSource.FileSourceBuilder<ModelUpdate> builder =
                FileSource.forBulkFileFormat(
                                new ModelFileFormat(false), new Path(dir.toAbsolutePath().toUri()))
                        .setFileEnumerator(
                                () ->
                                        new NonSplittingRecursiveEnumerator(
                                                ModelInputs::isModelFile));
        if (monitorInterval != null) {
            builder.monitorContinuously(monitorInterval);
        }
        return new ModelInput(
                builder.build(), "Models " + dir.getFileName(), "models-dir-source", false);
    }

    static boolean isModelFile(Path path) {
        String name = path.getName();
        if (name.startsWith(".") || name.startsWith("_")) {
            return false;
        }
        // Directories (no suffix) must pass for the enumerator to descend into them.
        return !name.contains(".") || name.toLowerCase(Locale.ROOT).endsWith(MODEL_SUFFIX);
    }
}
