package com.dataquality.dqs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendFileSinkTest {

    @TempDir Path dir;

    /** A commit request that records how it ended. */
    private static final class Request implements Committer.CommitRequest<AppendFileSink.Staged> {
        final AppendFileSink.Staged staged;
        boolean alreadyCommitted;
        Throwable failure;

        Request(AppendFileSink.Staged staged) {
            this.staged = staged;
        }

        @Override
        public AppendFileSink.Staged getCommittable() {
            return staged;
        }

        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            failure = t;
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            failure = t;
        }

        @Override
        public void retryLater() {}

        @Override
        public void updateAndRetryLater(AppendFileSink.Staged committable) {}

        @Override
        public void signalAlreadyCommitted() {
            alreadyCommitted = true;
        }
    }

    private final AppendFileSink<String> sink =
            new AppendFileSink<>(Path.of("placeholder"), "header", s -> s);

    private AppendFileSink<String> sinkFor(Path target) {
        return new AppendFileSink<>(target, "header", s -> s);
    }

    @SuppressWarnings("unchecked")
    private static List<AppendFileSink.Staged> stage(AppendFileSink<String> sink, String... lines)
            throws Exception {
        CommittingSinkWriter<String, AppendFileSink.Staged> writer =
                (CommittingSinkWriter<String, AppendFileSink.Staged>) sink.createWriter(null);
        for (String line : lines) {
            writer.write(line, (SinkWriter.Context) null);
        }
        writer.flush(false);
        List<AppendFileSink.Staged> staged = new ArrayList<>(writer.prepareCommit());
        writer.close();
        return staged;
    }

    private static List<Request> commit(
            AppendFileSink<String> sink, List<AppendFileSink.Staged> staged) throws Exception {
        List<Request> requests = staged.stream().map(Request::new).toList();
        try (Committer<AppendFileSink.Staged> committer = sink.createCommitter(null)) {
            committer.commit((Collection) requests);
        }
        return requests;
    }

    @Test
    void appendsEachCheckpointOnceWithTheHeaderFirst() throws Exception {
        Path target = dir.resolve("out.csv");
        AppendFileSink<String> s = sinkFor(target);
        commit(s, stage(s, "a", "b"));
        commit(s, stage(s, "c"));
        assertEquals(List.of("header", "a", "b", "c"), Files.readAllLines(target));
        try (var files = Files.list(dir)) {
            assertTrue(
                    files.noneMatch(p -> p.getFileName().toString().contains("staging")),
                    "staging files are removed");
        }
    }

    @Test
    void aCommitRetriedAfterItSucceededIsNotAppendedTwice() throws Exception {
        Path target = dir.resolve("out.csv");
        AppendFileSink<String> s = sinkFor(target);
        List<AppendFileSink.Staged> staged = stage(s, "a");
        commit(s, staged);
        List<Request> retried = commit(s, staged);
        assertTrue(retried.get(0).alreadyCommitted);
        assertEquals(List.of("header", "a"), Files.readAllLines(target));
    }

    @Test
    void aCrashBetweenAppendAndLedgerIsRepairedOnRetry() throws Exception {
        Path target = dir.resolve("out.csv");
        AppendFileSink<String> s = sinkFor(target);
        commit(s, stage(s, "a"));
        List<AppendFileSink.Staged> second = stage(s, "b", "c");
        // Simulate the crash: the bytes were appended (partly) but the ledger never recorded it.
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap("b\nc-partial".getBytes()));
        }
        commit(s, second);
        assertEquals(List.of("header", "a", "b", "c"), Files.readAllLines(target));
    }

    @Test
    void aLineThatUtf8CannotEncodeIsWrittenRatherThanFailingTheSink() throws Exception {
        // The output forms make text well-formed first; this is the sink's own last resort.
        Path target = dir.resolve("out.csv");
        AppendFileSink<String> s = sinkFor(target);
        commit(s, stage(s, "a\ud800b", "c"));
        assertEquals(List.of("header", "a?b", "c"), Files.readAllLines(target));
    }

    @Test
    void nothingWrittenMeansNothingToCommit() throws Exception {
        Path target = dir.resolve("empty.csv");
        assertTrue(stage(sinkFor(target)).isEmpty());
        assertFalse(Files.exists(target));
    }

    @Test
    void aMissingStagingFileFailsItsRequestWithAReason() throws Exception {
        Path target = dir.resolve("out.csv");
        AppendFileSink<String> s = sinkFor(target);
        List<AppendFileSink.Staged> staged = stage(s, "a");
        Files.delete(Path.of(staged.get(0).stagingFile()));
        List<Request> requests = commit(s, staged);
        assertTrue(requests.get(0).failure.getMessage().contains("gone"));
    }

    @Test
    void committablesSurviveSerialization() throws Exception {
        var serializer = sink.getCommittableSerializer();
        AppendFileSink.Staged staged = new AppendFileSink.Staged("/tmp/x/.out.csv.staging-1");
        assertEquals(
                staged,
                serializer.deserialize(serializer.getVersion(), serializer.serialize(staged)));
    }
}
