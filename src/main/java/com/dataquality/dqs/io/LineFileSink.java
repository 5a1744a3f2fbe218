package com.dataquality.dqs.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Appends one line per element to one existing file, for bounded runs that publish the file
 * themselves once the job has succeeded ({@code summarize}'s {@code dead_letters.csv}, see {@link
 * DeadLetterFile}). Not exactly-once: a bounded run has no checkpoints and a failed one publishes
 * nothing; continuous runs use {@link AppendFileSink}. Run it at parallelism 1.
 *
 * <p>Why not collect the elements to the client: Flink's collect sink moves results through a
 * socket, Java serialization and the REST API, which on an input with one bad row in a hundred cost
 * more than writing them here, and would become the bottleneck of an input with many.
 */
public final class LineFileSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final SerializableFunction<T, String> format;

    /**
     * @param format one element as one line, without the line break
     */
    public LineFileSink(Path file, SerializableFunction<T, String> format) {
        this.file = file.toAbsolutePath().toString();
        this.format = format;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        BufferedWriter out = AtomicFiles.newWriter(Path.of(file), StandardOpenOption.APPEND);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) throws IOException {
                out.write(format.apply(element));
                out.write('\n');
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
