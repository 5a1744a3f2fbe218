package com.dataquality.dqs.io;

import com.dataquality.dqs.model.ServingDocument;
import com.dataquality.dqs.record.ModelCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes each model command (an automatic promotion) as a serving document into the watched models
 * directory, where the job reads it back like a person's promotion: so every operator applies it at
 * the same point of its model stream. Each file is written under a hidden name and renamed. At
 * least once: a command replayed after a failure writes a second file, which changes nothing (a
 * promoted champion is promoted again: "already the champion").
 */
public final class ModelDirectorySink implements Sink<ModelCommand> {
    private static final long serialVersionUID = 1L;

    private final String dir;

    public ModelDirectorySink(Path dir) {
        this.dir = dir.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<ModelCommand> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(ModelCommand c, Context context) throws IOException {
                Path target =
                        Path.of(dir)
                                .resolve(
                                        c.action().name().toLowerCase(java.util.Locale.ROOT)
                                                + "-"
                                                + c.version().replaceAll("[^A-Za-z0-9._-]", "_")
                                                + "-"
                                                + System.currentTimeMillis()
                                                + ModelInputs.SERVING_SUFFIX);
                Path hidden = target.resolveSibling("." + target.getFileName());
                Files.write(hidden, ServingDocument.action(c.action(), c.version(), c.share()));
                AtomicFiles.publish(hidden, target);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
