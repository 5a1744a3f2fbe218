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

    /** The {@code --model} file, read once, before any forecast is made. */
    public static ModelInput initialModel(java.nio.file.Path file) {
        FileSource<ModelUpdate> source =
                FileSource.forBulkFileFormat(
                                new ModelFileFormat(true), new Path(file.toAbsolutePath().toUri()))
                        .build();
        return new ModelInput(source, "Model " + file.getFileName(), "initial-model-source", true);
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
