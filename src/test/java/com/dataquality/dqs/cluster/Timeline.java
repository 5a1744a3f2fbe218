package com.dataquality.dqs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The scenario's steps with their durations, printed as they end and kept in a file. */
final class Timeline {
    private final Path file;
    private final long start = System.nanoTime();
    private final List<String> lines = new ArrayList<>();

    Timeline(Path file) {
        this.file = file;
    }

    /** Runs one step, logs how long it took (also when it failed). */
    <T> T step(String name, Callable<T> body) throws Exception {
        long t0 = System.nanoTime();
        log("start " + name);
        boolean ok = false;
        try {
            T result = body.call();
            ok = true;
            return result;
        } finally {
            String line =
                    String.format(
                            "%-58s %6.1f s (at %6.1f s)%s",
                            name,
                            (System.nanoTime() - t0) / 1e9,
                            (System.nanoTime() - start) / 1e9,
                            ok ? "" : "  FAILED");
            lines.add(line);
            log(line);
            write();
        }
    }

    void step(String name, Body body) throws Exception {
        step(
                name,
                () -> {
                    body.run();
                    return null;
                });
    }

    /** A step without a result. */
    interface Body {
        void run() throws Exception;
    }

    void log(String message) {
        System.out.printf("[cluster-it %6.1f s] %s%n", (System.nanoTime() - start) / 1e9, message);
        System.out.flush();
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private void write() {
        try {
            Files.write(
                    file,
                    lines,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            log("cannot write " + file + ": " + e.getMessage());
        }
    }
}
