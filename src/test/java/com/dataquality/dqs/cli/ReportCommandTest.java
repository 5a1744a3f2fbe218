package com.dataquality.dqs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dqs report} end to end on real outputs ({@code generate → train-model → run}), and the
 * report a run rewrites with {@code --report-interval}.
 */
class ReportCommandTest {
    @TempDir static Path dir;
    static Path data;
    static Path model;
    static Path run;
    static CliRunner.Run ran;

    @BeforeAll
    static void generateTrainAndRun() throws Exception {
        data = dir.resolve("data");
        CliRunner.Run gen =
                CliRunner.dqs(
                        "generate",
                        "--rows",
                        "8000",
                        "--datasets",
                        "5",
                        "--days",
                        "90",
                        "--output-dir",
                        data.toString());
        assertEquals(0, gen.exitCode(), gen.err());
        model = dir.resolve("m.model.json");
        CliRunner.Run train =
                CliRunner.dqs(
                        "train-model",
                        data.resolve("rule_executions.csv").toString(),
                        data.resolve("rules.json").toString(),
                        "--output-model",
                        model.toString());
        assertEquals(0, train.exitCode(), train.err());
        run = dir.resolve("run");
        ran =
                CliRunner.dqs(
                        "run",
                        "--rules",
                        data.resolve("rules.json").toString(),
                        "--input",
                        data.toString(),
                        "--model",
                        model.toString(),
                        "--output-dir",
                        run.toString(),
                        "--web-ui-port",
                        Integer.toString(CliRunner.freePort()),
                        "--checkpoint-interval",
                        "1s",
                        "--report-interval",
                        "1s");
        assertEquals(0, ran.exitCode(), ran.err());
    }

    @Test
    void aRunWithReportIntervalLeavesTheFinalReport() throws Exception {
        Path report = run.resolve("report.html");
        assertTrue(Files.isRegularFile(report), "report.html written by the run");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        // The last refresh runs after the job: it sees the final files.
        assertTrue(html.contains("full_summary.csv"), "the final summary was read");
        assertTrue(html.contains("\"runReport\":{"), "run_report.json was read");
        assertFalse(ran.err().contains("report not refreshed"), ran.err());
    }

    @Test
    void reportWritesOnePageAndSaysWhereItIs() throws Exception {
        Path out = dir.resolve("out/r.html");
        CliRunner.Run r =
                CliRunner.dqs(
                        "report",
                        run.toString(),
                        "--model",
                        model.toString(),
                        "--output",
                        out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(
                r.out()
                        .matches(
                                "(?s)report: [0-9,]+ series from [0-9,]+ rows in 1 directory"
                                        + " written to .*r\\.html \\([0-9,]+ KiB\\) in [0-9.]+ s\\nreport: open file:.*\\n"),
                r.out());
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("\"holdoutFrom\""), "the model's training facts");
        assertFalse(html.contains("http://") && html.contains("src=\"http"), "no remote script");
    }

    @Test
    void badArgumentsAreOneLine() throws Exception {
        CliRunner.Run missing =
                CliRunner.dqs(
                        "report",
                        dir.resolve("nowhere").toString(),
                        "--output",
                        dir.resolve("x.html").toString());
        assertEquals(1, missing.exitCode());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().contains("no such directory"), missing.err());

        CliRunner.Run both =
                CliRunner.dqs(
                        "report",
                        run.toString(),
                        "--model",
                        model.toString(),
                        "--registry",
                        dir.toString(),
                        "--output",
                        dir.resolve("x.html").toString());
        assertEquals(2, both.exitCode(), both.err());

        CliRunner.Run notHtml =
                CliRunner.dqs(
                        "report", run.toString(), "--output", dir.resolve("x.txt").toString());
        assertEquals(2, notHtml.exitCode(), notHtml.err());

        CliRunner.Run noOutput = CliRunner.dqs("report", run.toString());
        assertEquals(2, noOutput.exitCode(), noOutput.err());

        CliRunner.Run zero =
                CliRunner.dqs(
                        "run",
                        "--rules",
                        data.resolve("rules.json").toString(),
                        "--input",
                        data.toString(),
                        "--output-dir",
                        dir.resolve("zero").toString(),
                        "--report-interval",
                        "0s");
        assertEquals(2, zero.exitCode(), zero.err());
        assertEquals(1, zero.err().lines().count(), zero.err());
    }
}
