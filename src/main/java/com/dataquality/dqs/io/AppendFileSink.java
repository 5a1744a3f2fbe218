package com.dataquality.dqs.io;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.function.SerializableFunction;

/**
 * An exactly-once sink that appends lines to ONE file, such as {@code dead_letters.csv} or {@code
 * predictions.csv}. Flink's {@code FileSink} is exactly-once too, but writes a directory of part
 * files; our users' tools read one file.
 *
 * <p>Between checkpoints the writer fills a hidden staging file. At a checkpoint the staging file
 * becomes a committable; once the checkpoint completes, the committer appends it to the target and
 * deletes it. The committer is idempotent: a small ledger next to the target holds the names of the
 * committed staging files and the target's length after the last append, so a commit retried after
 * a crash first cuts the target back to that length (dropping a partial or duplicate append) and
 * appends once. Run it at parallelism 1: one writer, one committer.
 */
public final class AppendFileSink<T> implements Sink<T>, SupportsCommitter<AppendFileSink.Staged> {
    private static final long serialVersionUID = 1L;

    private final String target;
    private final String header;
    private final SerializableFunction<T, String> format;

    /**
     * @param header first line of a new file, or null for none
     * @param format one element as one line, without the line break; null to skip the element
     */
    public AppendFileSink(Path target, String header, SerializableFunction<T, String> format) {
        this.target = target.toAbsolutePath().toString();
        this.header = header;
        this.format = format;
    }

    /** A staging file waiting to be appended to the target. */
    public record Staged(String stagingFile) {}

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new StagingWriter();
    }

    @Override
    public Committer<Staged> createCommitter(CommitterInitContext context) {
        return new AppendCommitter(Path.of(target), header);
    }

    @Override
    public SimpleVersionedSerializer<Staged> getCommittableSerializer() {
        return new StagedSerializer();
    }

    private final class StagingWriter implements CommittingSinkWriter<T, Staged> {
        private Path staging;
        private BufferedWriter out;
        private long counter;

        @Override
        public void write(T element, Context context) throws IOException {
            String line = format.apply(element);
            if (line == null) {
                return; // not for this file
            }
            if (out == null) {
                Path t = Path.of(target);
                Files.createDirectories(t.getParent());
                // Names sort in the order they were written: the committer appends in that order.
                staging =
                        t.resolveSibling(
                                String.format(
                                        ".%s.staging-%013d-%06d-%s",
                                        t.getFileName(),
                                        System.currentTimeMillis(),
                                        counter++,
                                        UUID.randomUUID().toString().substring(0, 8)));
                out = AtomicFiles.newWriter(staging);
            }
            out.write(line);
            out.write('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (out != null) {
                out.flush();
            }
        }

        @Override
        public Collection<Staged> prepareCommit() throws IOException {
            if (out == null) {
                return List.of();
            }
            out.close();
            out = null;
            return List.of(new Staged(staging.toString()));
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }

    /** Appends staged files to the target exactly once, with the ledger of {@link AppendLedger}. */
    private static final class AppendCommitter implements Committer<Staged> {
        private final Path target;
        private final String header;
        private boolean headerChecked;

        AppendCommitter(Path target, String header) {
            this.target = target;
            this.header = header;
        }

        /**
         * A target written by an older version with other columns (a run resumed after an upgrade)
         * is set aside whole, under a dated name, and a new file begins: one file never mixes two
         * layouts, and nothing is lost.
         */
        private void setAsideOtherLayout() throws IOException {
            headerChecked = true;
            if (header == null || !Files.exists(target) || Files.size(target) == 0) {
                return;
            }
            String first;
            try (var lines = Files.lines(target, StandardCharsets.UTF_8)) {
                first = lines.findFirst().orElse("");
            }
            if (first.equals(header)) {
                return;
            }
            Path aside =
                    target.resolveSibling(
                            target.getFileName()
                                    + ".before-"
                                    + java.time.LocalDateTime.now()
                                            .format(
                                                    java.time.format.DateTimeFormatter.ofPattern(
                                                            "yyyyMMdd-HHmmss")));
            Files.move(target, aside);
            Files.deleteIfExists(AppendLedger.fileFor(target));
        }

        @Override
        public void commit(Collection<CommitRequest<Staged>> requests) throws IOException {
            List<CommitRequest<Staged>> ordered = new ArrayList<>(requests);
            ordered.sort(
                    (a, b) ->
                            a.getCommittable()
                                    .stagingFile()
                                    .compareTo(b.getCommittable().stagingFile()));
            if (!headerChecked) {
                setAsideOtherLayout();
            }
            for (CommitRequest<Staged> request : ordered) {
                Path staging = Path.of(request.getCommittable().stagingFile());
                AppendLedger ledger = AppendLedger.read(target);
                String name = staging.getFileName().toString();
                if (ledger.contains(name)) {
                    Files.deleteIfExists(staging);
                    request.signalAlreadyCommitted();
                    continue;
                }
                if (!Files.exists(staging)) {
                    request.signalFailedWithKnownReason(
                            new IOException(
                                    "staging file " + staging + " is gone before its commit"));
                    continue;
                }
                long length = AppendLedger.appendOnce(target, ledger.length(), header, staging);
                ledger.record(name, length).write(target);
                Files.delete(staging);
            }
        }

        @Override
        public void close() {}
    }

    private static final class StagedSerializer implements SimpleVersionedSerializer<Staged> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Staged staged) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(staged.stagingFile());
            }
            return bytes.toByteArray();
        }

        @Override
        public Staged deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return new Staged(in.readUTF());
            }
        }
    }
}
