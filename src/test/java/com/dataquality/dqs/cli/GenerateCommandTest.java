package com.dataquality.dqs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
    @TempDir Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Dqs.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private void assertOneErrorLine(String expected) {
        String text = err.toString().strip();
        assertTrue(text.startsWith("dqs: "), text);
        assertTrue(text.contains(expected), text);
        assertEquals(1, text.lines().count(), text);
    }

    @Test
    void writesDataRulesAndReportAndPrintsOneSummaryLine() throws IOException {
        Path dir = tmp.resolve("out");
        int code =
                run(
                        "generate",
                        "--output-dir",
                        dir.toString(),
                        "--rows",
                        "500",
                        "--days",
                        "30",
                        "--files",
                        "2",
                        "--drift-date",
                        "2024-01-15",
                        "--bad-fraction",
                        "0.1");
        assertEquals(0, code, err.toString());
        assertTrue(Files.exists(dir.resolve("rule_executions-00.csv")));
        assertTrue(Files.exists(dir.resolve("rule_executions-01.csv")));
        assertTrue(Files.exists(dir.resolve("rules.json")));
        assertTrue(Files.exists(dir.resolve("generation_report.json")));
        String summary = out.toString().strip();
        assertEquals(1, summary.lines().count(), summary);
        assertTrue(summary.startsWith("Wrote 500 rows (450 valid, 50 bad)"), summary);
        assertEquals("", err.toString(), "no progress lines for a small output");
    }

    @Test
    void rejectsNegativeRows() {
        assertEquals(
                Dqs.EXIT_USAGE, run("generate", "--output-dir", tmp.toString(), "--rows", "-5"));
        assertOneErrorLine("--rows must be >= 0");
    }

    @Test
    void rejectsFractionOutsideZeroToOne() {
        assertEquals(
                Dqs.EXIT_USAGE,
                run("generate", "--output-dir", tmp.toString(), "--bad-fraction", "1.5"));
        assertOneErrorLine("--bad-fraction must be within [0, 1]");
    }

    @Test
    void rejectsAnImpossibleDate() {
        assertEquals(
                Dqs.EXIT_USAGE,
                run("generate", "--output-dir", tmp.toString(), "--start-date", "2024-13-45"));
        assertOneErrorLine("'2024-13-45' is not a date in the form YYYY-MM-DD");
    }

    @Test
    void rejectsARangeEndingAfterTheLastSupportedDateWithOneLine() {
        assertEquals(
                Dqs.EXIT_USAGE,
                run(
                        "generate",
                        "--output-dir",
                        tmp.toString(),
                        "--start-date",
                        "9999-12-01",
                        "--days",
                        "60"));
        assertOneErrorLine("outside the supported business dates 1900-01-01 to 9999-12-30");
    }

    @Test
    void rejectsADriftDateOutsideTheRange() {
        assertEquals(
                Dqs.EXIT_USAGE,
                run(
                        "generate",
                        "--output-dir",
                        tmp.toString(),
                        "--days",
                        "10",
                        "--drift-date",
                        "2024-03-01"));
        assertOneErrorLine("--drift-date 2024-03-01 is outside the generated range");
    }

    @Test
    void requiresAnOutputDirectory() {
        assertEquals(Dqs.EXIT_USAGE, run("generate", "--rows", "5"));
        assertOneErrorLine("--output-dir");
    }

    @Test
    void anUnwritableOutputDirectoryIsOneClearLine() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertEquals(
                Dqs.EXIT_INPUT,
                run("generate", "--output-dir", file.resolve("sub").toString(), "--rows", "5"));
        assertOneErrorLine(
                "cannot create output directory " + file.resolve("sub") + ": Not a directory");
    }

    @Test
    void anOutputPathThatIsAFileIsOneClearLine() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertEquals(Dqs.EXIT_INPUT, run("generate", "--output-dir", file.toString()));
        assertOneErrorLine("output directory " + file + " exists and is not a directory");
    }

    @Test
    void warnsAboutDataFilesOfAnEarlierRunInTheSameDirectory() {
        Path dir = tmp.resolve("out");
        assertEquals(
                0, run("generate", "--output-dir", dir.toString(), "--rows", "50", "--files", "3"));
        assertEquals("", err.toString());
        assertEquals(0, run("generate", "--output-dir", dir.toString(), "--rows", "50"));
        assertOneLineContaining(
                "also holds data files this run did not write: rule_executions-00.csv,"
                        + " rule_executions-01.csv, rule_executions-02.csv");
    }

    private void assertOneLineContaining(String expected) {
        String text = err.toString().strip();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("generate: warning: ") && text.contains(expected), text);
    }
}
