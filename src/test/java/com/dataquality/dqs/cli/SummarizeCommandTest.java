package com.dataquality.dqs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.TestCsv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dqs summarize} end to end on a small hand-checked file: every reason code, and every
 * tricky valid form (BOM, CRLF, reordered and extra columns, blank line, quoted commas, quotes and
 * a line break, every rule-code spelling, status/result precedence, a time part, a tie on the
 * latest date, an unknown rule code). The expected files were computed by hand.
 */
class SummarizeCommandTest {

    @TempDir Path tmp;

    private static Path golden(String name) throws Exception {
        return Path.of(SummarizeCommandTest.class.getResource("/golden/" + name).toURI());
    }

    private static CliRunner.Run dqs(String... args) {
        return CliRunner.dqs(args);
    }

    @Test
    void goldenFileGivesTheHandCheckedOutputs() throws Exception {
        Path outDir = tmp.resolve("out");
        CliRunner.Run run =
                dqs(
                        "summarize",
                        golden("input.csv").toString(),
                        golden("rules.json").toString(),
                        "--output-dir",
                        outDir.toString());
        assertEquals(0, run.exitCode(), run.err());

        assertEquals(
                Files.readString(golden("expected_full_summary.csv")),
                Files.readString(outDir.resolve("full_summary.csv")));
        assertEquals(
                Files.readString(golden("expected_nl_all_rows.txt")),
                Files.readString(outDir.resolve("nl_all_rows.txt")));

        List<String> inputLines = physicalLines(golden("input.csv"));
        List<List<String>> dead =
                TestCsv.parse(Files.readString(outDir.resolve("dead_letters.csv")));
        assertEquals(List.of("reason", "detail", "file", "line", "raw"), dead.get(0));
        List<String> reasonsAndLines = new ArrayList<>();
        for (List<String> d : dead.subList(1, dead.size())) {
            reasonsAndLines.add(d.get(0) + " " + d.get(3));
            int line = Integer.parseInt(d.get(3));
            assertEquals(inputLines.get(line - 1), d.get(4), "raw text of line " + line);
            assertTrue(d.get(2).endsWith("input.csv"), d.get(2));
            assertFalse(d.get(1).isBlank(), "every dead letter says why");
        }
        assertEquals(Files.readAllLines(golden("expected_dead_letters.txt")), reasonsAndLines);

        JsonNode report = new ObjectMapper().readTree(outDir.resolve("run_report.json").toFile());
        assertEquals(14, report.get("records_read").asLong());
        assertEquals(7, report.get("records_valid").asLong());
        assertEquals(7, report.get("records_dead_lettered").asLong());
        assertTrue(report.get("invariant_holds").asBoolean());
        report.get("dead_letters_by_reason").forEach(n -> assertEquals(1, n.asLong()));
        assertEquals(7, report.get("dead_letters_by_reason").size());
        assertEquals(1, report.get("unknown_rule_codes").asInt());
        assertEquals(999, report.get("unknown_rule_code_list").get(0).asInt());
        assertEquals(3, report.get("summary_keys").asInt());
        assertEquals("2024-03-02", report.get("reference_date").asText());
        assertTrue(run.out().contains("14 records read"), run.out());
    }

    private static List<String> physicalLines(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return List.of(text.split("\r\n", -1));
    }

    @Test
    void aMissingInputFileIsOneLineAndExitOne() throws Exception {
        CliRunner.Run run =
                dqs(
                        "summarize",
                        tmp.resolve("nope.csv").toString(),
                        golden("rules.json").toString());
        assertOneLineError(run, 1, "nope.csv");
    }

    @Test
    void invalidRuleMetadataIsOneLineNamingTheFile() throws Exception {
        Path rules = tmp.resolve("rules.json");
        Files.writeString(rules, "[1, 2, 3]");
        CliRunner.Run run = dqs("summarize", golden("input.csv").toString(), rules.toString());
        assertOneLineError(run, 1, "rules.json");
    }

    @Test
    void aRulesFileThatIsNotJsonIsOneLine() throws Exception {
        Path rules = tmp.resolve("broken.json");
        Files.writeString(rules, "{\"101\": {");
        assertOneLineError(
                dqs("summarize", golden("input.csv").toString(), rules.toString()),
                1,
                "broken.json");
    }

    @Test
    void anInputWithoutRecordsIsOneLine() throws Exception {
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(
                empty,
                "source,tenant_id,dataset_uuid,dataset_name,rule_code,business_date,results\n");
        CliRunner.Run run =
                dqs(
                        "summarize",
                        empty.toString(),
                        golden("rules.json").toString(),
                        "--output-dir",
                        tmp.resolve("o").toString());
        assertOneLineError(run, 1, "no rule-execution records");
        assertFalse(Files.exists(tmp.resolve("o").resolve("full_summary.csv")));
    }

    @Test
    void missingArgumentsAreAUsageError() {
        assertOneLineError(dqs("summarize"), 2, "rules JSON");
        assertOneLineError(dqs("summarize", "only.csv"), 2, "rules JSON");
        assertOneLineError(dqs("summarize", "a.csv", "b.csv"), 2, "last argument");
        assertOneLineError(
                dqs("summarize", "a.csv", "r.json", "--parallelism", "0"), 2, "parallelism");
        assertOneLineError(dqs("summarize", "a.csv", "r.json", "--bogus"), 2, "--bogus");
        assertOneLineError(dqs("no-such-command"), 2, "no-such-command");
    }

    @Test
    void anUnwritableOutputDirectoryIsOneLine() throws Exception {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        CliRunner.Run run =
                dqs(
                        "summarize",
                        golden("input.csv").toString(),
                        golden("rules.json").toString(),
                        "--output-dir",
                        file.resolve("sub").toString());
        assertOneLineError(run, 1, "output directory");
    }

    static void assertOneLineError(CliRunner.Run run, int expectedCode, String mentions) {
        assertEquals(expectedCode, run.exitCode(), run.err());
        String err = run.err().strip();
        assertEquals(1, err.lines().count(), "exactly one line on stderr: " + err);
        assertTrue(err.startsWith("dqs: "), err);
        assertTrue(err.contains(mentions), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    }
}
