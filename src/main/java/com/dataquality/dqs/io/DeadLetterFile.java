package com.dataquality.dqs.io;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.record.DeadLetter;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code dead_letters.csv}, written as dead letters arrive (there may be millions) under a
 * temporary name, and published by {@link #commit()} once the run succeeded.
 */
public final class DeadLetterFile implements Closeable {
    public static final String NAME = "dead_letters.csv";

    private final Path target;
    private final Path tmp;
    private final BufferedWriter out;

    public DeadLetterFile(Path dir) {
        this.target = dir.resolve(NAME);
        this.tmp = dir.resolve("." + NAME + ".tmp");
        try {
            this.out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
            out.write(DeadLetterCsv.header());
            out.write('\n');
        } catch (IOException e) {
            throw new InputException("cannot write " + tmp + ": " + e.getMessage(), e);
        }
    }

    public synchronized void write(DeadLetter d) {
        try {
            out.write(DeadLetterCsv.line(d));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void commit() throws IOException {
        out.close();
        AtomicFiles.publish(tmp, target);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
        Files.deleteIfExists(tmp);
    }
}
