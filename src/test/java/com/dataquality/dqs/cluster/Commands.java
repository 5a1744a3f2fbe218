package com.dataquality.dqs.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the commands users run (the scripts, {@code java -jar}, the Flink CLI) as child processes,
 * each with its own log file under {@code logs/}, so that a failure names the file to read.
 */
final class Commands {
    /** What a finished command printed (stdout and stderr together) and where it is kept. */
    record Result(int exitCode, String output, Path log) {}

    private final Path root;
    private final Path logs;
    private final Map<String, String> env;
    private final AtomicInteger counter = new AtomicInteger();

    /**
     * @param root the working directory of every command (the repository root)
     * @param logs where each command's output goes, one numbered file per command
     * @param env variables added to this JVM's environment
     */
    Commands(Path root, Path logs, Map<String, String> env) throws IOException {
        this.root = root;
        this.logs = Files.createDirectories(logs);
        this.env = Map.copyOf(env);
    }

    /** Runs a command; fails the test when it does not exit with 0 within the timeout. */
    Result ok(String name, Duration timeout, List<String> command) {
        Result r = run(name, timeout, command);
        if (r.exitCode() != 0) {
            throw new AssertionError(
                    name
                            + ": expected exit code 0, got "
                            + r.exitCode()
                            + " from "
                            + String.join(" ", command)
                            + "; output in "
                            + r.log()
                            + ":\n"
                            + tail(r.output(), 30));
        }
        return r;
    }

    /** Runs a command and returns whatever it exited with; fails only on a timeout. */
    Result run(String name, Duration timeout, List<String> command) {
        Path log =
                logs.resolve(
                        String.format(
                                "%02d-%s.log",
                                counter.incrementAndGet(),
                                name.replaceAll("[^A-Za-z0-9.-]+", "-")));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        try {
            Files.writeString(log, "");
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(
                        name
                                + ": did not finish within "
                                + timeout.toSeconds()
                                + " s: "
                                + String.join(" ", command)
                                + "; output in "
                                + log
                                + ":\n"
                                + tail(read(log), 30));
            }
            return new Result(p.exitValue(), read(log), log);
        } catch (IOException e) {
            throw new AssertionError(name + ": cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted", e);
        }
    }

    Path root() {
        return root;
    }

    Path logs() {
        return logs;
    }

    /** The words of a command line; lists and arrays among them are spliced in. */
    static List<String> list(Object... parts) {
        List<String> out = new ArrayList<>();
        flatten(List.of(parts), out);
        return out;
    }

    private static void flatten(List<?> parts, List<String> out) {
        for (Object p : parts) {
            if (p instanceof List<?> l) {
                flatten(l, out);
            } else if (p instanceof Object[] a) {
                flatten(List.of(a), out);
            } else {
                out.add(p.toString());
            }
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** The last lines of a text, for failure messages. */
    static String tail(String text, int lines) {
        String[] all = text.split("\n", -1);
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }
}
