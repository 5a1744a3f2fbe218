package com.dataquality.dqs.cli;

import static com.dataquality.dqs.cli.CliRunner.dqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.TestCsv;
import com.dataquality.dqs.model.ModelFile;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint of version 0.1 (taken before the restructuring, checked in under {@code
 * src/test/resources/compat/v0.1-file-run}, see its README) restores into this version: the job
 * continues with new input from the restored state, and when it is drained its final summary equals
 * {@code summarize} over all records, old and new; forecasts continue with the model the savepoint
 * served, and the forecast pending in the savepoint is realized.
 */
class CompatibilityTest {
    private static final String RESOURCES = "/compat/v0.1-file-run/";

    @TempDir Path tmp;

    private Path resource(String name) throws Exception {
        return Path.of(CompatibilityTest.class.getResource(RESOURCES + name).toURI());
    }

    private Path gunzip(String name, Path dir) throws Exception {
        Path target = Files.createDirectories(dir).resolve(name.replace(".gz", ""));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(resource(name)));
                OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
        return target;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    @Test
    void aSavepointOfVersion01RestoresAndTheJobContinues() throws Exception {
        Path savepoint = tmp.resolve("savepoint");
        copyTree(resource("savepoint"), savepoint);
        Path out = tmp.resolve("out");
        copyTree(resource("out"), out);
        Path rules = resource("rules.json");
        Path older = gunzip("rule_executions-00.csv.gz", tmp.resolve("all"));
        Path newer = gunzip("rule_executions-01.csv.gz", tmp.resolve("all"));
        Path in = Files.createDirectories(tmp.resolve("in"));
        String modelVersion = ModelFile.read(resource("model.model.json")).version();

        int port = CliRunner.freePort();
        CompletableFuture<CliRunner.Run> run =
                CompletableFuture.supplyAsync(
                        () ->
                                dqs(
                                        "run",
                                        "--rules",
                                        rules.toString(),
                                        "--input",
                                        in.toString(),
                                        "--continuous",
                                        "--monitor-interval",
                                        "200ms",
                                        "--checkpoint-interval",
                                        "300ms",
                                        "--from-savepoint",
                                        savepoint.toUri().toString(),
                                        "--output-dir",
                                        out.toString(),
                                        "--web-ui-port",
                                        Integer.toString(port)));
        Files.copy(newer, in.resolve(newer.getFileName()));
        FlinkRest api = new FlinkRest("http://127.0.0.1:" + port);
        long records = Files.lines(newer).count() - 1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String read = null;
        while (!Long.toString(records).equals(read)) {
            assertTrue(System.nanoTime() < deadline, "the new file was not read: " + read);
            Thread.sleep(250);
            read =
                    StreamingModelsTest.metricOrNull(
                            api, "Route records, combine per key and day", "records_read");
        }
        CliRunner.Run stop =
                dqs(
                        "stop",
                        "--drain",
                        "--savepoint-dir",
                        tmp.resolve("sp2").toString(),
                        "--rest",
                        "http://127.0.0.1:" + port);
        assertEquals(0, stop.exitCode(), stop.err());
        CliRunner.Run finished = run.get(90, TimeUnit.SECONDS);
        assertEquals(0, finished.exitCode(), finished.err());

        Path summary = tmp.resolve("summary");
        CliRunner.Run summarize =
                dqs(
                        "summarize",
                        older.toString(),
                        newer.toString(),
                        rules.toString(),
                        "--output-dir",
                        summary.toString());
        assertEquals(0, summarize.exitCode(), summarize.err());
        assertEquals(
                Files.readString(summary.resolve("full_summary.csv")),
                Files.readString(out.resolve("full_summary.csv")),
                "the restored counts plus the new file's equal a summary of both files");

        // The old predictions.csv (another layout) was set aside whole; the new one continues.
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(
                    files.anyMatch(
                            f -> f.getFileName().toString().startsWith("predictions.csv.before-")),
                    "the 0.1 predictions file is kept");
        }
        List<Map<String, String>> forecasts = TestCsv.rows(out.resolve("predictions.csv"));
        assertFalse(forecasts.isEmpty(), "forecasts continue after the restore");
        assertTrue(forecasts.stream().allMatch(f -> f.get("model_version").equals(modelVersion)));
        List<Map<String, String>> realized = TestCsv.rows(out.resolve("realized.csv"));
        String firstNewDay =
                TestCsv.rows(out.resolve("predictions.csv")).stream()
                        .map(f -> f.get("business_date"))
                        .min(String::compareTo)
                        .orElseThrow();
        assertTrue(
                realized.stream().anyMatch(r -> r.get("business_date").compareTo(firstNewDay) < 0),
                "a forecast pending in the savepoint was realized: " + realized.size());
    }
}
