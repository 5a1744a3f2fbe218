package com.dataquality.dqs.launch;

import com.dataquality.dqs.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints an embedded run leaves in {@code <output-dir>/checkpoints/<job id>/chk-N}: they
 * are retained when the run stops or dies, so {@code dqs run --resume} can continue from the newest
 * complete one (one with its {@code _metadata}, written last).
 */
public final class RetainedCheckpoints {
    private RetainedCheckpoints() {}

    /** The newest complete checkpoint under {@code dir}, if any. */
    public static Optional<Path> newest(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(dir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(RetainedCheckpoints::checkpointsOf)
                    .filter(c -> Files.isRegularFile(c.resolve("_metadata")))
                    .max(Comparator.comparingLong(RetainedCheckpoints::written));
        } catch (IOException e) {
            throw new InputException("cannot read checkpoints in " + dir + ": " + e.getMessage());
        }
    }

    private static Stream<Path> checkpointsOf(Path job) {
        try {
            return Files.list(job)
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .toList()
                    .stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static long written(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
