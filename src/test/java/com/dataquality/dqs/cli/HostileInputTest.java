package com.dataquality.dqs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.TestCsv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs an adversary would write, end to end through {@code dqs summarize} and a bounded {@code
 * dqs run}: each run ends normally, every output file is valid UTF-8, and every non-blank line of
 * the input is a valid record or a dead letter.
 */
class HostileInputTest {
    static final String HEADER =
            "source,tenant_id,dataset_uuid,dataset_name,rule_code,business_date,results,"
                    + "dataset_record_count,filtered_record_count,level_of_execution,"
                    + "attribute_name,context_id";

    /** The JSON escape of U+D800 alone: backslash, u, D, 8, 0, 0. */
    static final String LONE_SURROGATE = "\\" + "ud800";

    @TempDir Path tmp;

    static String row(String dataset, String date, String status) {
        return "s,t,u1,"
                + dataset
                + ",101,"
                + date
                + ",\"{\"\"status\"\":\"\""
                + status
                + "\"\"}\",1,1,DATASET,,c";
    }

    static String rules(String ruleName) {
        return "{\"101\": {\"rule_name\": \""
                + ruleName
                + "\", \"rule_type\": \"t\", \"dimension\": \"d\","
                + " \"rule_description\": \"x\", \"category\": \"C1\"}}";
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path write(String name, String text) throws Exception {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs summarize and checks it ended well with UTF-8 outputs; returns the output dir. */
    private Path summarize(Path csv, Path rules) throws Exception {
        Path out = tmp.resolve("out-" + csv.getFileName());
        CliRunner.Run run =
                CliRunner.dqs(
                        "summarize",
                        csv.toString(),
                        rules.toString(),
                        "--output-dir",
                        out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertOutputsAreUtf8(out);
        return out;
    }

    static void assertOutputsAreUtf8(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(Files.readAllBytes(f)));
            }
        }
    }

    static List<List<String>> deadLetters(Path out) throws Exception {
        List<List<String>> d = TestCsv.parse(Files.readString(out.resolve("dead_letters.csv")));
        return d.subList(1, d.size());
    }

    static JsonNode report(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("run_report.json").toFile());
    }

    @Test
    void aLoneSurrogateStatusIsADeadLetterNotACrash() throws Exception {
        Path csv =
                write(
                        "in.csv",
                        HEADER
                                + "\n"
                                + row("Sales", "2024-03-01", "Pass")
                                + "\n"
                                + row("Sales", "2024-03-01", LONE_SURROGATE)
                                + "\n");
        Path out = summarize(csv, write("rules.json", rules("n")));
        List<List<String>> dead = deadLetters(out);
        assertEquals(1, dead.size());
        assertEquals("UNKNOWN_STATUS", dead.get(0).get(0));
        assertTrue(dead.get(0).get(1).contains("unpaired UTF-16 surrogate"), dead.get(0).get(1));
        assertEquals(2, report(out).get("records_read").asLong());
    }

    @Test
    void everyLineThatIsNotBlankIsAValidRecordOrADeadLetter() throws Exception {
        String good = row("Sales", "2024-03-01", "Pass");
        Path nul =
                write("nul.csv", HEADER + "\n" + good + "\n\0\0\0\0\n \t\n" + good + "\n\u0001\n");
        Path out = summarize(nul, write("rules.json", rules("n")));
        JsonNode report = report(out);
        assertEquals(4, report.get("records_read").asLong());
        assertEquals(2, report.get("records_dead_lettered").asLong());
        assertEquals(List.of("3", "6"), deadLetters(out).stream().map(d -> d.get(3)).toList());

        // A stray quote in the header: the lines after it are read, each a dead letter.
        Path stray =
                write(
                        "stray.csv",
                        HEADER.replace("dataset_uuid", "\"dataset_uuid")
                                + "\n"
                                + good
                                + "\n"
                                + good
                                + "\n");
        out = summarize(stray, tmp.resolve("rules.json"));
        assertEquals(2, report(out).get("records_read").asLong());
        List<List<String>> dead = deadLetters(out);
        assertEquals(List.of("2", "3"), dead.stream().map(d -> d.get(3)).toList());
        assertTrue(dead.get(0).get(1).contains("the header (line 1)"), dead.get(0).get(1));
    }

    @Test
    void formulaLeadingCellsOfTheCsvOutputsGetALeadingQuote() throws Exception {
        String csv =
                HEADER
                        + "\n"
                        + row("\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", "2024-03-01", "Pass")
                                .replace("s,t,u1,", "\"+cmd|' /C calc'!A0\",@SUM(1+1),-2+3,")
                        + "\n"
                        + "=1+1,t,u1,n,101,2024-03-01,{},,,,,\n";
        Path out = summarize(write("in.csv", csv), write("rules.json", rules("-rule")));
        List<String> row = TestCsv.parse(Files.readString(out.resolve("full_summary.csv"))).get(1);
        assertEquals(
                List.of(
                        "'+cmd|' /C calc'!A0",
                        "'@SUM(1+1)",
                        "'-2+3",
                        "'=HYPERLINK(\"http://x\",\"y\")",
                        "101",
                        "'-rule"),
                row.subList(0, 6));
        assertEquals("0.0", row.get(21), "numbers are not touched");
        List<String> dead = deadLetters(out).get(0);
        assertEquals("'=1+1,t,u1,n,101,2024-03-01,{},,,,,", dead.get(4));
    }

    @Test
    void aBusinessDateWithoutANextDayIsAnInvalidDate() throws Exception {
        String csv =
                HEADER
                        + "\n"
                        + row("Sales", "9999-12-30", "Pass")
                        + "\n"
                        + row("Sales", "9999-12-31", "Pass")
                        + "\n";
        Path out = summarize(write("in.csv", csv), write("rules.json", rules("n")));
        List<String> dead = deadLetters(out).get(0);
        assertEquals("INVALID_DATE", dead.get(0));
        assertTrue(dead.get(1).contains("must be 1900-01-01 to 9999-12-30"), dead.get(1));
        assertEquals("9999-12-30", report(out).get("reference_date").asText());
    }

    @Test
    void aLoneSurrogateInARuleNameIsWrittenAsTheReplacementCharacter() throws Exception {
        Path csv = write("in.csv", HEADER + "\n" + row("Sales", "2024-03-01", "Pass") + "\n");
        Path out = summarize(csv, write("rules.json", rules("a" + LONE_SURROGATE + "b")));
        List<List<String>> rows = TestCsv.parse(Files.readString(out.resolve("full_summary.csv")));
        assertEquals("a\uFFFDb", rows.get(1).get(5));
        assertTrue(Files.readString(out.resolve("nl_all_rows.txt")).contains("\"a\uFFFDb\""));
    }
}
