package com.dataquality.dqs.io;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.format.DeadLetterCsv;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code summarize}'s {@code dead_letters.csv}: the job appends to a hidden staging file (with
 * {@link LineFileSink}; there may be millions of lines), published under its name by {@link
 * #commit()} once the run succeeded, and deleted by {@link #close()} otherwise.
 */
public final class DeadLetterFile implements Closeable {
    public static final String NAME = "dead_letters.csv";

    private final Path target;
    private final Path staging;

    /** Creates the staging file in {@code dir}, holding the header. */
    public DeadLetterFile(Path dir) {
        this.target = dir.resolve(NAME);
        this.staging = dir.resolve("." + NAME + ".tmp").toAbsolutePath();
        try {
            Files.writeString(staging, DeadLetterCsv.header() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("cannot write " + staging + ": " + e.getMessage(), e);
        }
    }

    /** Where the job appends dead letters until {@link #commit()}. */
    public Path staging() {
        return staging;
    }

    public void commit() throws IOException {
        AtomicFiles.publish(staging, target);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(staging);
    }
}
