package com.dataquality.dqs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The record of what {@link AppendFileSink} has appended to a target: the target's length after the
 * last append, and the names of the last staging files appended. Kept in a hidden file beside the
 * target, replaced atomically.
 */
final class AppendLedger {
    /** Commits are retried only for recent checkpoints: a bounded memory is enough. */
    private static final int REMEMBERED = 256;

    private final long length;
    private final Deque<String> committed;

    private AppendLedger(long length, Deque<String> committed) {
        this.length = length;
        this.committed = committed;
    }

    static Path fileFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".ledger");
    }

    static AppendLedger read(Path target) throws IOException {
        Path file = fileFor(target);
        if (!Files.exists(file)) {
            return new AppendLedger(
                    Files.exists(target) ? Files.size(target) : 0L, new ArrayDeque<>());
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Deque<String> names = new ArrayDeque<>(lines.subList(1, lines.size()));
        return new AppendLedger(Long.parseLong(lines.get(0).trim()), names);
    }

    long length() {
        return length;
    }

    boolean contains(String stagingName) {
        return committed.contains(stagingName);
    }

    AppendLedger record(String stagingName, long newLength) {
        Deque<String> names = new ArrayDeque<>(committed);
        names.addLast(stagingName);
        while (names.size() > REMEMBERED) {
            names.removeFirst();
        }
        return new AppendLedger(newLength, names);
    }

    void write(Path target) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(Long.toString(length));
        lines.addAll(committed);
        Path file = fileFor(target);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        AtomicFiles.publish(tmp, file);
    }

    /**
     * Cuts the target back to {@code committedLength} (what a crash mid-append left beyond it was
     * never recorded), writes the header into an empty target, appends the staging file, and forces
     * it to disk. Returns the new length.
     */
    static long appendOnce(Path target, long committedLength, String header, Path staging)
            throws IOException {
        try (FileChannel channel =
                FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (channel.size() > committedLength) {
                channel.truncate(committedLength);
            }
            channel.position(committedLength);
            OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
            if (committedLength == 0 && header != null) {
                out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            }
            Files.copy(staging, out);
            out.flush();
            channel.force(true);
            return channel.size();
        }
    }
}
