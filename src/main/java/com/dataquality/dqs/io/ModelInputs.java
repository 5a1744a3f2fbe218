package com.dataquality.dqs.io;

import com.dataquality.dqs.model.ServingDocument;
import com.dataquality.dqs.pipeline.ModelInput;
import com.dataquality.dqs.record.ModelUpdate;
import com.dataquality.dqs.stream.Uids;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;

/** The source of model updates from files: a watched models directory. */
public final class ModelInputs {
    public static final String MODEL_SUFFIX = ".model.json";

    /** Serving documents: a challenger to serve, a promotion (see {@code ServingDocument}). */
    public static final String SERVING_SUFFIX = ServingDocument.SUFFIX;

    private ModelInputs() {}

    /**
     * The {@code --models-dir} directory: its model files, then every model file that appears in it
     * (write it under a hidden name, then rename it to {@code *.model.json}).
     *
     * @param monitorInterval how often to look, or null to read the directory once
     */
    public static ModelInput watchedDirectory(java.nio.file.Path dir, Duration monitorInterval) {
        FileSource.FileSourceBuilder<ModelUpdate> builder =
                FileSource.forBulkFileFormat(
                                new ModelFileFormat(), new Path(dir.toAbsolutePath().toUri()))
                        .setFileEnumerator(
                                () ->
                                        new NonSplittingRecursiveEnumerator(
                                                ModelInputs::isModelFile));
        if (monitorInterval != null) {
            builder.monitorContinuously(monitorInterval);
        }
        return new ModelInput(
                builder.build(), "Models " + dir.getFileName(), Uids.MODELS_DIR_SOURCE);
    }

    static boolean isModelFile(Path path) {
        String name = path.getName();
        if (name.startsWith(".") || name.startsWith("_")) {
            return false;
        }
        // Directories (no suffix) must pass for the enumerator to descend into them.
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.contains(".")
                || lower.endsWith(MODEL_SUFFIX)
                || lower.endsWith(SERVING_SUFFIX);
    }
}
