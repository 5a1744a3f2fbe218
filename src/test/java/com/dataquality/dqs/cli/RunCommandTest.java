package com.dataquality.dqs.cli;

import static com.dataquality.dqs.cli.CliRunner.dqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.TestCsv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    private static Path golden(String name) throws Exception {
        return Path.of(RunCommandTest.class.getResource("/golden/" + name).toURI());
    }

    @Test
    void aBoundedRunWritesTheSameFinalFilesAsSummarizeAndUpsertsEndingInTheCsvRows()
            throws Exception {
        Path out = tmp.resolve("run");
        CliRunner.Run run =
                dqs(
                        "run",
                        "--rules",
                        golden("rules.json").toString(),
                        "--input",
                        golden("input.csv").toString(),
                        "--output-dir",
                        out.toString(),
                        "--web-ui-port",
                        Integer.toString(CliRunner.freePort()),
                        "--checkpoint-interval",
                        "200ms");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                Files.readString(golden("expected_full_summary.csv")),
                Files.readString(out.resolve("full_summary.csv")));
        // The same one-line summary and run report as summarize, with the forecasts made.
        JsonNode report = JSON.readTree(out.resolve("run_report.json").toFile());
        assertTrue(report.get("invariant_holds").asBoolean());
        long read = report.get("records_read").asLong();
        assertEquals(
                read,
                report.get("records_valid").asLong()
                        + report.get("records_dead_lettered").asLong());
        assertEquals(
                TestCsv.parse(Files.readString(golden("expected_full_summary.csv"))).size() - 1,
                report.get("summary_keys").asInt());
        assertEquals(0, report.get("forecasts_emitted").asLong(), "no model, no forecast");
        assertTrue(
                run.out()
                        .contains(
                                String.format("%,d records read: ", read)
                                        + String.format(
                                                "%,d valid", report.get("records_valid").asLong())),
                run.out());
        assertTrue(run.out().contains("summaries and 0 forecasts written to"), run.out());
        assertEquals(
                Files.readString(golden("expected_nl_all_rows.txt")),
                Files.readString(out.resolve("nl_all_rows.txt")));
        List<List<String>> dead = TestCsv.parse(Files.readString(out.resolve("dead_letters.csv")));
        List<String> reasons = new ArrayList<>();
        dead.subList(1, dead.size()).forEach(d -> reasons.add(d.get(0) + " " + d.get(3)));
        assertEquals(Files.readAllLines(golden("expected_dead_letters.txt")), reasons);

        // The last upsert of each key is its CSV row, field by field.
        List<List<String>> csv = TestCsv.parse(Files.readString(out.resolve("full_summary.csv")));
        Map<String, JsonNode> lastByKey = lastUpsertByKey(out.resolve("summaries.jsonl"));
        assertEquals(csv.size() - 1, lastByKey.size());
        List<String> columns = csv.get(0);
        for (List<String> row : csv.subList(1, csv.size())) {
            JsonNode upsert = lastByKey.get(row.get(2) + "/" + row.get(3) + "/" + row.get(4));
            for (int c = 0; c < columns.size(); c++) {
                JsonNode v = upsert.get(columns.get(c));
                String text = v.isNull() ? "" : v.isTextual() ? v.asText() : v.toString();
                assertEquals(row.get(c), text, columns.get(c));
            }
        }
    }

    private static Map<String, JsonNode> lastUpsertByKey(Path jsonl) throws Exception {
        Map<String, JsonNode> last = new LinkedHashMap<>();
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode n = JSON.readTree(line);
            last.put(
                    n.get("dataset_uuid").asText()
                            + "/"
                            + n.get("dataset_name").asText()
                            + "/"
                            + n.get("rule_code").asInt(),
                    n);
        }
        return last;
    }

    private static void dropFile(Path dir, String name, String... rows) throws Exception {
        WatchedInputs.drop(dir, name, List.of(rows));
    }

    private static String row(String dataset, String date, String status) {
        return WatchedInputs.row(dataset, "R7", date, status);
    }

    private static List<JsonNode> awaitUpserts(Path jsonl, Predicate<List<JsonNode>> done)
            throws Exception {
        return WatchedInputs.awaitJsonLines(jsonl, done);
    }

    private static boolean hasUpsert(List<JsonNode> lines, String reference, long passes) {
        return lines.stream()
                .anyMatch(
                        n ->
                                n.get("reference_date").asText().equals(reference)
                                        && n.get("pass_count_total").asLong() == passes);
    }

    @Test
    void aContinuousRunStopsWithASavepointAndResumesWithItsState() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        Path savepoints = tmp.resolve("savepoints");
        Path rules = golden("rules.json");
        int port = CliRunner.freePort();
        String[] common =
                LiveFeed.continuousArgs(rules, in, out, port, "300ms").toArray(String[]::new);

        CompletableFuture<CliRunner.Run> first = CompletableFuture.supplyAsync(() -> dqs(common));
        dropFile(in, "day1.csv", row("A", "2024-01-01", "Pass"), row("A", "2024-01-01", "Fail"));
        dropFile(in, "day2.csv", row("A", "2024-01-02", "Pass"));
        // Day 1 closes once a record of day 2 moved the watermark past it. The key's upsert
        // counts every record it has received, day 2's too if it was read by then.
        awaitUpserts(
                out.resolve("summaries.jsonl"),
                l -> hasUpsert(l, "2024-01-01", 1) || hasUpsert(l, "2024-01-01", 2));

        CliRunner.Run stop =
                dqs(
                        "stop",
                        "--savepoint-dir",
                        savepoints.toString(),
                        "--rest",
                        "http://127.0.0.1:" + port);
        assertEquals(0, stop.exitCode(), stop.err());
        String savepoint = stop.out().strip();
        assertTrue(savepoint.contains(savepoints.getFileName().toString()), savepoint);
        CliRunner.Run firstRun = first.get(60, TimeUnit.SECONDS);
        assertEquals(0, firstRun.exitCode(), firstRun.err());

        String[] resumed = new String[common.length + 2];
        System.arraycopy(common, 0, resumed, 0, common.length);
        resumed[common.length] = "--from-savepoint";
        resumed[common.length + 1] = savepoint;
        CompletableFuture<CliRunner.Run> second = CompletableFuture.supplyAsync(() -> dqs(resumed));
        dropFile(in, "day3.csv", row("A", "2024-01-03", "Pass"), row("A", "2024-01-04", "Pass"));
        // Day 3 closes with all four passes and the one failure: the restored state counts the
        // first files once, and the restored source does not read them again. Each day close
        // publishes the key once.
        List<JsonNode> upserts =
                awaitUpserts(out.resolve("summaries.jsonl"), l -> hasUpsert(l, "2024-01-03", 4));
        assertTrue(
                upserts.stream().noneMatch(n -> n.get("pass_count_total").asLong() > 4),
                upserts.toString());
        assertTrue(
                upserts.stream().allMatch(n -> n.get("fail_count_total").asLong() == 1),
                upserts.toString());
        assertEquals(
                1,
                upserts.stream()
                        .filter(n -> n.get("reference_date").asText().equals("2024-01-03"))
                        .count(),
                upserts.toString());

        CliRunner.Run stop2 =
                dqs(
                        "stop",
                        "--savepoint-dir",
                        savepoints.toString(),
                        "--rest",
                        "http://127.0.0.1:" + port);
        assertEquals(0, stop2.exitCode(), stop2.err());
        assertEquals(0, second.get(60, TimeUnit.SECONDS).exitCode());
    }

    @Test
    void aFreshRunIntoTheSameDirectoryStartsEveryOutputAfresh() throws Exception {
        Path out = tmp.resolve("again");
        Path model = tmp.resolve("m.model.json");
        com.dataquality.dqs.model.ModelFile.write(
                com.dataquality.dqs.model.TestModels.small(), model);
        List<String> counts = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            CliRunner.Run r =
                    dqs(
                            "run",
                            "--rules",
                            golden("rules.json").toString(),
                            "--input",
                            golden("input.csv").toString(),
                            "--model",
                            model.toString(),
                            "--output-dir",
                            out.toString(),
                            "--web-ui-port",
                            Integer.toString(CliRunner.freePort()));
            assertEquals(0, r.exitCode(), r.err());
            StringBuilder c = new StringBuilder();
            for (String f : List.of("summaries.jsonl", "predictions.csv", "dead_letters.csv")) {
                c.append(f)
                        .append('=')
                        .append(Files.readAllLines(out.resolve(f)).size())
                        .append(' ');
            }
            counts.add(c.toString());
        }
        assertTrue(
                Files.readAllLines(out.resolve("predictions.csv")).size() > 1,
                "the run forecast something: " + counts);
        assertEquals(counts.get(0), counts.get(1), "nothing appended to the first run's files");
    }

    @Test
    void stopWithoutARunningJobIsOneLine() throws Exception {
        CliRunner.Run run =
                dqs(
                        "stop",
                        "--savepoint-dir",
                        tmp.toString(),
                        "--rest",
                        "http://127.0.0.1:" + CliRunner.freePort());
        SummarizeCommandTest.assertOneLineError(run, 1, "no Flink REST API");
    }

    @Test
    void aSecondRunOnTheSameOutputDirectoryIsRefusedWhileTheFirstRuns() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        int port = CliRunner.freePort();
        String rules = golden("rules.json").toString();
        CompletableFuture<CliRunner.Run> first =
                CompletableFuture.supplyAsync(
                        () ->
                                dqs(
                                        "run",
                                        "--rules",
                                        rules,
                                        "--input",
                                        in.toString(),
                                        "--continuous",
                                        "--output-dir",
                                        out.toString(),
                                        "--web-ui-port",
                                        Integer.toString(port)));
        dropFile(in, "a.csv", row("ds-1", "2024-01-01", "Pass"), row("ds-1", "2024-01-02", "Pass"));
        awaitUpserts(out.resolve("summaries.jsonl"), lines -> !lines.isEmpty());
        CliRunner.Run second =
                dqs(
                        "run",
                        "--rules",
                        rules,
                        "--input",
                        golden("input.csv").toString(),
                        "--output-dir",
                        out.toString(),
                        "--web-ui-port",
                        Integer.toString(CliRunner.freePort()));
        SummarizeCommandTest.assertOneLineError(second, 1, "is in use by another dqs run");
        assertTrue(Files.exists(out.resolve("summaries.jsonl")), "the first run's files stay");
        CliRunner.Run stop =
                dqs(
                        "stop",
                        "--savepoint-dir",
                        tmp.resolve("sp").toString(),
                        "--rest",
                        "http://127.0.0.1:" + port);
        assertEquals(0, stop.exitCode(), stop.err());
        assertEquals(0, first.get(60, TimeUnit.SECONDS).exitCode());
        // Once it stopped, the directory is free again.
        CliRunner.Run third =
                dqs(
                        "run",
                        "--rules",
                        rules,
                        "--input",
                        golden("input.csv").toString(),
                        "--output-dir",
                        out.toString(),
                        "--web-ui-port",
                        Integer.toString(CliRunner.freePort()));
        assertEquals(0, third.exitCode(), third.err());
    }

    @Test
    void expectedFailuresAreOneLineWithoutAStackTrace() throws Exception {
        String rules = golden("rules.json").toString();
        String input = golden("input.csv").toString();
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
            SummarizeCommandTest.assertOneLineError(
                    dqs(
                            "run",
                            "--rules",
                            rules,
                            "--input",
                            input,
                            "--output-dir",
                            tmp.resolve("busy").toString(),
                            "--web-ui-port",
                            Integer.toString(busy.getLocalPort())),
                    1,
                    "in use");
        }
        SummarizeCommandTest.assertOneLineError(
                dqs("run", "--rules", rules, "--input", input, "--parallelism", "99999"),
                2,
                "--parallelism");
        Path notASavepoint = Files.writeString(tmp.resolve("file.txt"), "x");
        SummarizeCommandTest.assertOneLineError(
                dqs(
                        "run",
                        "--rules",
                        rules,
                        "--input",
                        input,
                        "--from-savepoint",
                        notASavepoint.toString()),
                1,
                "is not a savepoint");
        SummarizeCommandTest.assertOneLineError(
                dqs(
                        "run",
                        "--rules",
                        rules,
                        "--input",
                        input,
                        "--resume",
                        "--output-dir",
                        tmp.resolve("never-ran").toString()),
                1,
                "no retained checkpoint");
        SummarizeCommandTest.assertOneLineError(
                dqs("stop", "--savepoint-dir", "sp", "--rest", "not a url"), 1, "not a URL");
    }

    @Test
    void badRunArgumentsAreOneLine() throws Exception {
        String rules = golden("rules.json").toString();
        SummarizeCommandTest.assertOneLineError(dqs("run", "--rules", rules), 2, "--input");
        SummarizeCommandTest.assertOneLineError(dqs("run", "--input", "x"), 2, "--rules");
        SummarizeCommandTest.assertOneLineError(
                dqs(
                        "run",
                        "--rules",
                        rules,
                        "--input",
                        golden("input.csv").toString(),
                        "--continuous"),
                2,
                "directory");
        SummarizeCommandTest.assertOneLineError(
                dqs("run", "--rules", rules, "--input", "x", "--checkpoint-interval", "soon"),
                2,
                "duration");
        SummarizeCommandTest.assertOneLineError(
                dqs("run", "--rules", rules, "--input", tmp.resolve("missing").toString()),
                1,
                "missing");
        SummarizeCommandTest.assertOneLineError(
                dqs(
                        "run",
                        "--rules",
                        rules,
                        "--input",
                        golden("input.csv").toString(),
                        "--from-savepoint",
                        tmp.resolve("nosp").toString()),
                1,
                "savepoint");
    }
}
