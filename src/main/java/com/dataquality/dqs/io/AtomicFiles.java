package com.dataquality.dqs.io;

import com.dataquality.dqs.InputException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Output files appear whole or not at all: written under a hidden temporary name in the same
 * directory, then renamed. A reader polling the output directory never sees half a file.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(BufferedWriter out) throws IOException;
    }

    public static void write(Path target, Content content) {
        Path tmp = temporary(target);
        writeTemporary(tmp, content);
        try {
            publish(tmp, target);
        } catch (IOException e) {
            throw new InputException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** The hidden name a file is written under before it is renamed into place. */
    public static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    /** Writes a temporary file (removed again when writing fails). */
    public static void writeTemporary(Path tmp, Content content) {
        try {
            Files.createDirectories(tmp.toAbsolutePath().getParent());
            try (BufferedWriter out = newWriter(tmp)) {
                content.writeTo(out);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The next run removes leftovers.
            }
            throw new InputException("cannot write " + tmp + ": " + e.getMessage(), e);
        }
    }

    /**
     * A UTF-8 writer that writes what it cannot encode (an unpaired surrogate) as {@code ?} rather
     * than failing, as {@link Files#newBufferedWriter} would: the output forms already make text
     * well-formed (see {@link com.dataquality.dqs.UnicodeText}), and should one slip through, a
     * sink must not fail the job and fail it again on every restore.
     */
    static BufferedWriter newWriter(Path file, OpenOption... options) throws IOException {
        return new BufferedWriter(
                new OutputStreamWriter(
                        Files.newOutputStream(file, options), StandardCharsets.UTF_8));
    }

    /** Renames a finished temporary file to its final name. */
    public static void publish(Path tmp, Path target) throws IOException {
        try {
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Creates a directory for outputs, or says in one line why it cannot. */
    public static Path outputDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputException(
                    "cannot create output directory " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new InputException("output directory " + dir + " is not writable");
        }
        return dir;
    }
}
