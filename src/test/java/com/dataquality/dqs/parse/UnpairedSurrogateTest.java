package com.dataquality.dqs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.UnicodeText;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.RuleMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lone UTF-16 surrogate (the JSON escape of U+D800 alone, or a raw one in a Kafka message) is
 * made U+FFFD where text enters, or makes a status a dead letter: no parsed string can hold one.
 */
class UnpairedSurrogateTest {
    /** The six characters backslash, u, D, 8, 0, 0: the JSON escape, not the character. */
    private static final String ESCAPE = "\\" + "ud800";

    @TempDir Path dir;

    private static void assertWellFormed(String s) {
        assertTrue(UnicodeText.isWellFormed(s), () -> "unpaired surrogate in: " + s);
    }

    private static void assertWellFormed(DeadLetter d) {
        assertWellFormed(d.detail());
        assertWellFormed(d.raw());
        assertWellFormed(d.origin());
    }

    @Test
    void anEscapedLoneSurrogateStatusIsAnUnknownStatusWithAClearDetail() {
        String json = "{\"status\":\"" + ESCAPE + "\"}";
        ResultsParser.Problem p = ResultsParser.explain(json);
        assertEquals(RejectReason.UNKNOWN_STATUS, p.reason());
        assertWellFormed(p.detail());
        assertTrue(p.detail().contains("unpaired UTF-16 surrogate (U+D800)"), p.detail());
    }

    @Test
    void aRawLoneSurrogateStatusIsAnUnknownStatusWithAClearDetail() {
        ResultsParser.Problem p = ResultsParser.explain("{\"result\":\"Pa\udc01ss\"}");
        assertEquals(RejectReason.UNKNOWN_STATUS, p.reason());
        assertWellFormed(p.detail());
        assertTrue(p.detail().contains("U+DC01"), p.detail());
    }

    @Test
    void anEscapedSurrogatePairIsOneCharacter() {
        // U+1F680 as its escaped pair: well-formed, an unknown word.
        ResultsParser.Problem p =
                ResultsParser.explain("{\"status\":\"\\" + "ud83d\\" + "ude80\"}");
        assertEquals(RejectReason.UNKNOWN_STATUS, p.reason());
        assertTrue(p.detail().contains("'🚀'"), p.detail());
    }

    @Test
    void aLoneSurrogateInAKeyOrAnotherValueOfResultsDoesNotMatter() {
        assertEquals(
                com.dataquality.dqs.record.Status.PASS,
                ResultsParser.parse("{\"" + ESCAPE + "\":\"" + ESCAPE + "\",\"status\":\"Pass\"}"));
    }

    @Test
    void theCsvPoisonPillIsADeadLetterThatCanBeWritten() {
        String results = "\"{\"\"status\"\":\"\"" + ESCAPE + "\"\"}\"";
        List<ParseResult> rs =
                CsvFixtures.read(
                        CsvFixtures.HEADER + "\n" + CsvFixtures.row("101", "2024-03-01", results));
        assertEquals(1, rs.size());
        DeadLetter d = rs.get(0).deadLetter();
        assertEquals(RejectReason.UNKNOWN_STATUS, d.reason());
        assertWellFormed(d);
    }

    @Test
    void theDeadLetterOfAFileWithAnIllFormedNameCanBeWritten() throws Exception {
        CsvRecordReader reader =
                new CsvRecordReader(
                        new java.io.ByteArrayInputStream(
                                (CsvFixtures.HEADER + "\nx\n")
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "in\ud800.csv",
                        0);
        DeadLetter d = CsvFixtures.read(reader).get(0).deadLetter();
        assertEquals("in\uFFFD.csv", d.origin());
    }

    private static String message(String datasetName, String status) {
        return "{\"source\":\"s\",\"tenant_id\":\"t\",\"dataset_uuid\":\"u\",\"dataset_name\":\""
                + datasetName
                + "\",\"rule_code\":101,\"business_date\":\"2024-03-01\",\"results\":"
                + status
                + "}";
    }

    @Test
    void aKafkaValueEscapingALoneSurrogateBecomesTheReplacementCharacter() {
        ParseResult r =
                JsonRecordParser.parse(
                        message("a" + ESCAPE + "b", "{\"status\":\"Pass\"}"), "t", 0, 1, 1);
        assertTrue(r.isValid(), () -> r.deadLetter().toString());
        RuleExecution e = r.execution();
        assertEquals("a\uFFFDb", e.datasetName());
    }

    @Test
    void aKafkaStatusEscapingALoneSurrogateInsideAResultsStringIsADeadLetter() {
        // results as a JSON string whose own escape (decoded by Jackson) is the lone surrogate
        ParseResult r =
                JsonRecordParser.parse(
                        message("n", "\"{\\\"status\\\":\\\"" + ESCAPE + "\\\"}\""), "t", 0, 1, 1);
        assertFalse(r.isValid());
        assertEquals(RejectReason.UNKNOWN_STATUS, r.deadLetter().reason());
        assertWellFormed(r.deadLetter());
    }

    @Test
    void aRawLoneSurrogateInAKafkaMessageIsReplacedInTheRawTextToo() {
        ParseResult r = JsonRecordParser.parse("{\"x\":\"\ud800\"", "topic\udc00", 0, 1, 1);
        assertFalse(r.isValid());
        assertEquals(RejectReason.MALFORMED_ROW, r.deadLetter().reason());
        assertWellFormed(r.deadLetter());
    }

    @Test
    void ruleMetadataFieldsEscapingALoneSurrogateBecomeTheReplacementCharacter() throws Exception {
        Path file = dir.resolve("rules.json");
        Files.writeString(
                file,
                "{\"101\":{\"rule_name\":\"a"
                        + ESCAPE
                        + "\",\"rule_type\":\"t\",\"dimension\":\"d\","
                        + "\"rule_description\":\"x\",\"category\":\"C1\"}}");
        RuleMetadata m = RuleMetadataFile.load(file).get(101);
        assertEquals("a\uFFFD", m.ruleName());
    }
}
