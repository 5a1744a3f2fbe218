package com.dataquality.dqs.cli;

import static com.dataquality.dqs.cli.CliRunner.dqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.TestCsv;
import com.dataquality.dqs.generate.Generator;
import com.dataquality.dqs.generate.GeneratorConfig;
import com.dataquality.dqs.launch.RetainedCheckpoints;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code dqs run --continuous} JVM killed with {@code kill -9} and resumed with {@code dqs run
 * ... --resume} ends with the same outputs as a run that was never interrupted: the final summary,
 * the dead letters, the forecasts and their realizations, nothing lost and nothing twice.
 */
class CrashRecoveryTest {
    private static final int FILES = 8;

    @TempDir Path tmp;

    /** Eight files of consecutive dates (a week's exports each), in date order. */
    private List<Path> files() throws Exception {
        Path data = tmp.resolve("data");
        new Generator(
                        GeneratorConfig.builder()
                                .rows(4_000)
                                .days(56)
                                .datasets(4)
                                .rules(3)
                                .seed(21)
                                .files(FILES)
                                .badFraction(0.01)
                                .build())
                .writeTo(data, Generator.Progress.NONE);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            files.add(data.resolve(Generator.dataFileName(i, FILES)));
        }
        return files;
    }

    private static List<String> runArgs(Path rules, Path in, Path out, int port, String... more) {
        List<String> args = LiveFeed.continuousArgs(rules, in, out, port, "500ms");
        args.addAll(List.of(more));
        return args;
    }

    /** Drops a file into the watched directory and waits until the job has read all it holds. */
    private static long drop(Path file, Path in, int port, long readBefore) throws Exception {
        long records = TestCsv.parse(Files.readString(file)).size() - 1;
        Path hidden = in.resolve("." + file.getFileName());
        Files.copy(file, hidden);
        Files.move(hidden, in.resolve(file.getFileName()));
        awaitRead(port, readBefore + records);
        return readBefore + records;
    }

    private static void awaitRead(int port, long expected) throws Exception {
        FlinkRest api = new FlinkRest("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String read = null;
        while (!Long.toString(expected).equals(read)) {
            assertTrue(System.nanoTime() < deadline, "read " + read + " of " + expected);
            Thread.sleep(200);
            read =
                    StreamingModelsTest.metricOrNull(
                            api, "Route records, combine per key and day", "records_read");
        }
    }

    private void drain(int port) {
        CliRunner.Run stop =
                dqs(
                        "stop",
                        "--drain",
                        "--savepoint-dir",
                        tmp.resolve("sp").toString(),
                        "--rest",
                        "http://127.0.0.1:" + port);
        assertEquals(0, stop.exitCode(), stop.err());
    }

    @Test
    void aKilledRunResumedFromItsLastCheckpointEndsLikeAnUninterruptedOne() throws Exception {
        List<Path> files = files();
        Path rules = tmp.resolve("data").resolve(Generator.RULES_FILE);
        Path model = tmp.resolve("m.model.json");
        ModelFile.write(TestModels.small(), model);

        // An uninterrupted run.
        Path in1 = Files.createDirectories(tmp.resolve("in1"));
        Path out1 = tmp.resolve("out1");
        int port1 = CliRunner.freePort();
        List<String> args1 = runArgs(rules, in1, out1, port1, "--model", model.toString());
        CompletableFuture<CliRunner.Run> run1 =
                CompletableFuture.supplyAsync(() -> dqs(args1.toArray(String[]::new)));
        long read = 0;
        for (Path f : files) {
            read = drop(f, in1, port1, read);
        }
        drain(port1);
        assertEquals(0, run1.get(60, TimeUnit.SECONDS).exitCode());

        // The same files, with the JVM killed halfway through and resumed.
        Path in2 = Files.createDirectories(tmp.resolve("in2"));
        Path out2 = tmp.resolve("out2");
        int port2 = CliRunner.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(
                List.of(
                        "-Xmx768m",
                        "-Djava.io.tmpdir=" + Files.createDirectories(tmp.resolve("jvm-tmp")),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Dqs.class.getName()));
        command.addAll(runArgs(rules, in2, out2, port2, "--model", model.toString()));
        Process jvm =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(tmp.resolve("killed-run.log").toFile())
                        .start();
        read = 0;
        for (Path f : files.subList(0, FILES / 2)) {
            read = drop(f, in2, port2, read);
        }
        // Two checkpoints after the last record was read: the second was triggered after it, so
        // the newest retained checkpoint holds every record read (the resumed job replays none).
        for (int i = 0; i < 2; i++) {
            Optional<Path> before = RetainedCheckpoints.newest(out2.resolve("checkpoints"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (RetainedCheckpoints.newest(out2.resolve("checkpoints")).equals(before)) {
                assertTrue(System.nanoTime() < deadline, "no checkpoint after the last file");
                Thread.sleep(100);
            }
        }
        jvm.destroyForcibly(); // SIGKILL: no clean-up, no savepoint
        assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));

        int port3 = CliRunner.freePort();
        List<String> resume =
                runArgs(rules, in2, out2, port3, "--model", model.toString(), "--resume");
        CompletableFuture<CliRunner.Run> run2 =
                CompletableFuture.supplyAsync(() -> dqs(resume.toArray(String[]::new)));
        awaitRead(port3, 0); // up, and re-reading nothing the checkpoint holds
        long resumedRead = 0;
        for (Path f : files.subList(FILES / 2, FILES)) {
            resumedRead = drop(f, in2, port3, resumedRead);
        }
        drain(port3);
        CliRunner.Run resumed = run2.get(60, TimeUnit.SECONDS);
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("resumed from"), resumed.out());

        assertEquals(
                Files.readString(out1.resolve("full_summary.csv")),
                Files.readString(out2.resolve("full_summary.csv")));
        assertEquals(deadLetters(out1), deadLetters(out2));
        TreeMap<String, String> forecasts1 = forecasts(out1.resolve("predictions.csv"));
        assertFalse(forecasts1.isEmpty());
        assertEquals(forecasts1, forecasts(out2.resolve("predictions.csv")));
        assertEquals(
                realized(out1.resolve("realized.csv")), realized(out2.resolve("realized.csv")));
    }

    /** Dead letters with their file named without its directory (the runs watched two). */
    private static List<String> deadLetters(Path out) throws Exception {
        List<String> rows = new ArrayList<>();
        for (Map<String, String> d : TestCsv.rows(out.resolve("dead_letters.csv"))) {
            d.put("file", Path.of(d.get("file")).getFileName().toString());
            rows.add(d.toString());
        }
        rows.sort(null);
        assertFalse(rows.isEmpty());
        return rows;
    }

    /** Forecast per series-day (the late flag depends on timing, the value must not). */
    private static TreeMap<String, String> forecasts(Path csv) throws Exception {
        TreeMap<String, String> out = new TreeMap<>();
        for (Map<String, String> f : TestCsv.rows(csv)) {
            String key =
                    f.get("dataset_uuid") + "/" + f.get("rule_code") + "/" + f.get("business_date");
            assertEquals(null, out.put(key, f.get("predicted_pass_percentage")), "twice: " + key);
        }
        return out;
    }

    private static TreeMap<String, String> realized(Path csv) throws Exception {
        TreeMap<String, String> out = new TreeMap<>();
        for (Map<String, String> r : TestCsv.rows(csv)) {
            String key =
                    r.get("dataset_uuid") + "/" + r.get("rule_code") + "/" + r.get("business_date");
            assertEquals(
                    null,
                    out.put(
                            key,
                            r.get("predicted_pass_percentage")
                                    + "|"
                                    + r.get("actual_pass_percentage")),
                    "realized twice: " + key);
        }
        return out;
    }
}
