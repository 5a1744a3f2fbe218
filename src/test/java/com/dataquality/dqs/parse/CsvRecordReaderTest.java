package com.dataquality.dqs.parse;

import static com.dataquality.dqs.parse.CsvFixtures.HEADER;
import static com.dataquality.dqs.parse.CsvFixtures.PASS;
import static com.dataquality.dqs.parse.CsvFixtures.goodRow;
import static com.dataquality.dqs.parse.CsvFixtures.onlyRejected;
import static com.dataquality.dqs.parse.CsvFixtures.onlyValid;
import static com.dataquality.dqs.parse.CsvFixtures.read;
import static com.dataquality.dqs.parse.CsvFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV format: quoting, lines, header, blanks. Field validation is in CsvValidationTest. */
class CsvRecordReaderTest {

    @Test
    void aValidRowGivesEveryField() {
        RuleExecution e = onlyValid(HEADER + "\n" + goodRow() + "\n");
        assertEquals("src", e.source());
        assertEquals("t1", e.tenantId());
        assertEquals("uuid-1", e.datasetUuid());
        assertEquals("Sales", e.datasetName());
        assertEquals(101, e.ruleCode());
        assertEquals(LocalDate.of(2024, 3, 1), e.businessDate());
        assertEquals(Status.PASS, e.status());
        assertEquals(100L, e.datasetRecordCount());
        assertEquals(90L, e.filteredRecordCount());
        assertEquals("DATASET", e.levelOfExecution());
        assertEquals("", e.attributeName());
        assertEquals("ctx", e.contextId());
        assertEquals(2, e.sequence());
    }

    @Test
    void repeatedSeriesValuesComeBackAsOneInstanceAcrossBufferRefills() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 50; i++) {
            String dataset = i % 2 == 0 ? "uuid-even" : "uuid-odd";
            text.append("src,t1,")
                    .append(dataset)
                    .append(",\"Sales \"\"EU\"\"\",R101,2024-03-01,")
                    .append(PASS)
                    .append(",100,90,DATASET,,ctx-")
                    .append(i)
                    .append('\n');
        }
        List<ParseResult> results = read(text.toString().getBytes(StandardCharsets.UTF_8), 7);
        assertEquals(50, results.size());
        RuleExecution first = results.get(0).execution();
        for (int i = 0; i < 50; i++) {
            RuleExecution e = results.get(i).execution();
            assertEquals(i % 2 == 0 ? "uuid-even" : "uuid-odd", e.datasetUuid());
            assertSame(results.get(i % 2).execution().datasetUuid(), e.datasetUuid());
            assertSame(first.source(), e.source());
            assertSame(first.levelOfExecution(), e.levelOfExecution());
            assertEquals("Sales \"EU\"", e.datasetName());
            assertEquals("ctx-" + i, e.contextId());
        }
    }

    @Test
    void sequenceIsTheBasePlusTheLineNumber() throws IOException {
        String text = HEADER + "\n" + goodRow() + "\n\n" + goodRow() + "\n";
        long base = InputFiles.sequenceBase(3);
        List<ParseResult> results =
                read(new CsvRecordReader(CsvFixtures.stream(text), "f.csv", base));
        assertEquals(base + 2, results.get(0).execution().sequence());
        assertEquals(base + 4, results.get(1).execution().sequence());
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        byte[] body = (HEADER + "\n" + goodRow() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        List<ParseResult> results = read(bytes, 1);
        assertEquals(1, results.size());
        assertEquals("src", results.get(0).execution().source());
    }

    @Test
    void crlfLineEndsAreNotPartOfValuesOrRawText() {
        String bad = row("R101", "2024-03-01", PASS).replace(",ctx", ",ctx,extra");
        List<ParseResult> results = read(HEADER + "\r\n" + goodRow() + "\r\n" + bad + "\r\n");
        assertEquals("ctx", results.get(0).execution().contextId());
        DeadLetter d = results.get(1).deadLetter();
        assertEquals(RejectReason.MALFORMED_ROW, d.reason());
        assertEquals(bad, d.raw());
        assertEquals(3, d.position());
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() {
        String name = "\"Sales, \"\"EU\"\"\nline two\r\nline three\"";
        String text =
                HEADER
                        + "\n"
                        + "src,t1,u1,"
                        + name
                        + ",101,2024-03-01,"
                        + PASS
                        + ",,,,,\n"
                        + "src,t1,u2,Next,102,2024-03-01,"
                        + PASS
                        + ",,,,,\n"
                        + "src,t1,u3,Bad,x,2024-03-01,"
                        + PASS
                        + ",,,,,\n";
        List<ParseResult> results = read(text);
        assertEquals(
                "Sales, \"EU\"\nline two\r\nline three", results.get(0).execution().datasetName());
        assertEquals(2, results.get(0).execution().sequence());
        assertEquals(5, results.get(1).execution().sequence(), "line after a 3-line record");
        assertEquals(6, results.get(2).deadLetter().position());
    }

    @Test
    void theRawTextOfAMultiLineRecordIsAllItsLines() {
        String bad = "src,t1,u1,\"a\nb\",x,2024-03-01," + PASS + ",,,,,";
        DeadLetter d = onlyRejected(HEADER + "\n" + bad + "\n");
        assertEquals(RejectReason.INVALID_RULE_CODE, d.reason());
        assertEquals(bad, d.raw());
        assertEquals(2, d.position());
    }

    @Test
    void valuesAreTrimmedInsideAndOutsideQuotes() {
        RuleExecution e =
                onlyValid(
                        HEADER
                                + "\n  src , \" t1 \",\t\"uuid-1\"  ,Sales ,  R101 , 2024-03-01 , "
                                + PASS
                                + " , 100 , , DATASET ,\" \", ctx \n");
        assertEquals("src", e.source());
        assertEquals("t1", e.tenantId());
        assertEquals("uuid-1", e.datasetUuid());
        assertEquals("Sales", e.datasetName());
        assertEquals(101, e.ruleCode());
        assertEquals(100L, e.datasetRecordCount());
        assertNull(e.filteredRecordCount());
        assertEquals("", e.attributeName());
        assertEquals("ctx", e.contextId());
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsLiteral() {
        RuleExecution e = onlyValid(HEADER + "\n" + goodRow().replace("Sales", "5\" disks") + "\n");
        assertEquals("5\" disks", e.datasetName());
    }

    @Test
    void columnsMayComeInAnyOrderWithAnyCaseAndExtraColumns() {
        String text =
                " RESULTS ,extra, Business_Date,rule_code,dataset_name,Dataset_UUID,TENANT_ID,source,notes\n"
                        + PASS
                        + ",x,2024-03-01,7,Sales,u1,t1,src,\"a,b\"\n";
        RuleExecution e = onlyValid(text);
        assertEquals("src", e.source());
        assertEquals("t1", e.tenantId());
        assertEquals("u1", e.datasetUuid());
        assertEquals(7, e.ruleCode());
        assertNull(e.datasetRecordCount());
        assertEquals("", e.levelOfExecution());
        assertEquals("", e.contextId());
    }

    @Test
    void aRepeatedColumnUsesItsFirstOccurrence() {
        RuleExecution e = onlyValid(HEADER + ",source\n" + goodRow() + ",other\n");
        assertEquals("src", e.source());
    }

    @Test
    void blankLinesAnywhereAreSkippedAndLinesStillCount() {
        String text = "\n   \n" + HEADER + "\n\n \t \r\n" + goodRow() + "\n\n";
        List<ParseResult> results = read(text);
        assertEquals(1, results.size());
        assertEquals(6, results.get(0).execution().sequence());
    }

    @Test
    void aLineOfEmptyFieldsIsARowNotABlankLine() {
        DeadLetter d = onlyRejected(HEADER + "\n,,,,,,,,,,,\n");
        assertEquals(RejectReason.MISSING_FIELD, d.reason());
    }

    @Test
    void aFinalRowWithoutLineBreakIsRead() {
        assertEquals("ctx", onlyValid(HEADER + "\n" + goodRow()).contextId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", " \n\r\n", "\uFEFF", "\uFEFF\n"})
    void anEmptyFileHasNoRecords(String text) {
        assertEquals(List.of(), read(text));
    }

    @Test
    void aHeaderOnlyFileHasNoRecords() {
        assertEquals(List.of(), read(HEADER + "\n"));
        assertEquals(List.of(), read(HEADER));
    }

    @Test
    void aHeaderWithoutRequiredColumnsMakesEveryRowMissingField() {
        String header = HEADER.replace("rule_code,", "").replace("results,", "");
        String row = "src,t1,u1,Sales,2024-03-01,1,2,L,A,C";
        List<ParseResult> results = read(header + "\n" + row + "\n" + row + "\n");
        assertEquals(2, results.size());
        for (ParseResult r : results) {
            DeadLetter d = r.deadLetter();
            assertEquals(RejectReason.MISSING_FIELD, d.reason());
            assertTrue(
                    d.detail().contains("lacks required column(s): rule_code, results"),
                    d.detail());
            assertEquals(row, d.raw());
        }
    }

    @Test
    void aRowOfTheWrongWidthIsMalformedEvenUnderAnIncompleteHeader() {
        DeadLetter d = onlyRejected("source,tenant_id\na,b,c\n");
        assertEquals(RejectReason.MALFORMED_ROW, d.reason());
        assertTrue(d.detail().contains("3 fields but the header (line 1) has 2"), d.detail());
    }

    @Test
    void tooFewOrTooManyFieldsIsMalformed() {
        String text = HEADER + "\n" + goodRow() + ",\n" + "src,t1\n" + goodRow() + "\n";
        List<ParseResult> results = read(text);
        assertEquals(3, results.size());
        assertTrue(results.get(0).deadLetter().detail().contains("13 fields"));
        assertEquals(RejectReason.MALFORMED_ROW, results.get(1).deadLetter().reason());
        assertTrue(results.get(1).deadLetter().detail().contains("2 fields"));
        assertEquals(4, results.get(2).execution().sequence(), "reading goes on");
    }

    @Test
    void textAfterAClosingQuoteIsMalformedAndReadingGoesOn() {
        String bad = goodRow().replace("Sales", "\"Sales\"x");
        List<ParseResult> results = read(HEADER + "\n" + bad + "\n" + goodRow() + "\n");
        DeadLetter d = results.get(0).deadLetter();
        assertEquals(RejectReason.MALFORMED_ROW, d.reason());
        assertTrue(d.detail().contains("text after the closing quote of field 4"), d.detail());
        assertEquals(bad, d.raw());
        assertEquals(3, results.get(1).execution().sequence());
    }

    @Test
    void anUnterminatedQuoteIsMalformedUpToTheEndOfTheFile() {
        // Quote-free lines after the stray quote: any later quote would close it.
        String bad = goodRow().replace(",ctx", ",\"ctx") + "\nsrc,t1,u,n,101,2024-03-01,x,,,,,";
        List<ParseResult> results = read(HEADER + "\n" + goodRow() + "\n" + bad + "\r\n");
        assertEquals(2, results.size());
        DeadLetter d = results.get(1).deadLetter();
        assertEquals(RejectReason.MALFORMED_ROW, d.reason());
        assertTrue(d.detail().contains("quoted field 12 is never closed"), d.detail());
        assertEquals(bad, d.raw());
        assertEquals(3, d.position());
    }

    @Test
    void aStrayQuoteClosedByALaterQuoteIsTextAfterTheQuote() {
        String bad = goodRow().replace(",ctx", ",\"ctx") + "\n" + goodRow();
        List<ParseResult> results = read(HEADER + "\n" + bad + "\n" + goodRow() + "\n");
        assertEquals(2, results.size());
        DeadLetter d = results.get(0).deadLetter();
        assertEquals(RejectReason.MALFORMED_ROW, d.reason());
        assertEquals(bad, d.raw());
        assertEquals(4, results.get(1).execution().sequence());
    }

    @Test
    void aMalformedHeaderMakesEveryRowMalformed() {
        List<ParseResult> results = read("\"source\"x,tenant_id\nsrc,t1\n");
        DeadLetter d = results.get(0).deadLetter();
        assertEquals(RejectReason.MALFORMED_ROW, d.reason());
        assertTrue(d.detail().contains("header (line 1) is malformed"), d.detail());
    }

    @Test
    void aQuoteThatNeverClosesInTheHeaderCostsNoLine() {
        List<ParseResult> results = read("\"source,tenant_id\nsrc,t1\n\nsrc,t2");
        assertEquals(2, results.size(), "the open quote must not swallow the file");
        for (int i = 0; i < 2; i++) {
            DeadLetter d = results.get(i).deadLetter();
            assertEquals(RejectReason.MALFORMED_ROW, d.reason());
            assertTrue(d.detail().contains("header (line 1) has a quote"), d.detail());
            assertEquals(i == 0 ? 2 : 4, d.position());
            assertEquals(i == 0 ? "src,t1" : "src,t2", d.raw());
        }
    }

    @Test
    void aStrayQuoteInTheHeaderClosedOnALaterLineCostsNoLine() {
        // The quote before dataset_uuid runs into the first row and "closes" at its results.
        String header = HEADER.replace("dataset_uuid", "\"dataset_uuid");
        List<ParseResult> results = read(header + "\r\n" + goodRow() + "\r\n" + goodRow() + "\r\n");
        assertEquals(2, results.size());
        for (int i = 0; i < 2; i++) {
            DeadLetter d = results.get(i).deadLetter();
            assertEquals(RejectReason.MALFORMED_ROW, d.reason());
            assertTrue(d.detail().contains("does not close on its line"), d.detail());
            assertEquals(i + 2, d.position());
            assertEquals(goodRow(), d.raw());
        }
    }

    @Test
    void aHeaderSpanningLinesInsideQuotesIsCutToItsFirstLine() {
        List<ParseResult> results = read("source,\"tenant\nid\"\n" + goodRow() + "\n");
        assertEquals(2, results.size());
        assertEquals("id\"", results.get(0).deadLetter().raw());
        assertTrue(
                results.get(0).deadLetter().detail().contains("a header is one line"),
                results.get(0).deadLetter().detail());
    }

    @Test
    void aHeaderLongerThanTheLimitIsAMalformedHeaderNotARecord() {
        String header = "\"" + "x".repeat(3000) + "\ny";
        byte[] bytes = (header + "\n" + goodRow() + "\n").getBytes(StandardCharsets.UTF_8);
        List<ParseResult> results =
                read(new CsvRecordReader(new CsvFixtures.Chunked(bytes, 512), "f", 0, 1000));
        assertEquals(2, results.size(), results.toString());
        DeadLetter d = results.get(0).deadLetter();
        assertTrue(d.detail().contains("the header (line 1) is longer than 1000"), d.detail());
        assertEquals(2, d.position());
        assertEquals(3, results.get(1).deadLetter().position());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000\u0000\u0000\u0000", "\u0000", " \u0001 ", "\u001f\t", "\f"})
    void aLineOfControlBytesIsAMalformedRowNotABlankLine(String line) {
        List<ParseResult> results = read(HEADER + "\n" + line + "\n" + goodRow() + "\n");
        assertEquals(2, results.size());
        DeadLetter d = results.get(0).deadLetter();
        assertEquals(RejectReason.MALFORMED_ROW, d.reason());
        assertEquals(2, d.position());
        assertEquals(line, d.raw());
        assertTrue(d.detail().contains("only control characters"), d.detail());
        assertEquals(3, results.get(1).execution().sequence());
    }

    @Test
    void aLineOfNulBytesBeforeTheHeaderIsADeadLetterAndTheHeaderStillCounts() {
        List<ParseResult> results = read("\n\0\0\0\n" + HEADER + "\n" + goodRow() + "\n");
        assertEquals(2, results.size());
        assertEquals(RejectReason.MALFORMED_ROW, results.get(0).deadLetter().reason());
        assertEquals(2, results.get(0).deadLetter().position());
        assertTrue(results.get(1).isValid(), results.get(1).toString());
    }

    @Test
    void aRunawayRecordLosesOnlyItsFirstLine() {
        String open = goodRow().replace(",ctx", ",\"ctx");
        String quoteFree = "src,t1,u,n,101,2024-03-01,x,,,,,";
        StringBuilder text = new StringBuilder(HEADER).append('\n').append(open).append('\n');
        for (int i = 0; i < 100; i++) {
            text.append(quoteFree).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        List<ParseResult> results =
                read(new CsvRecordReader(new CsvFixtures.Chunked(bytes, 100), "f", 0, 2000));
        DeadLetter d = results.get(0).deadLetter();
        assertEquals(RejectReason.MALFORMED_ROW, d.reason());
        assertTrue(d.detail().contains("longer than 2000 bytes"), d.detail());
        assertEquals(open, d.raw());
        assertEquals(2, d.position());
        assertEquals(101, results.size());
        for (int i = 1; i < 101; i++) {
            DeadLetter next = results.get(i).deadLetter();
            assertEquals(RejectReason.INVALID_RESULTS, next.reason(), "split into fields again");
            assertEquals(i + 2, next.position());
        }
    }

    @Test
    void aRunawayLineWithoutLineBreaksIsSkippedToTheNextLine() {
        String huge = "x".repeat(10_000);
        byte[] bytes =
                (HEADER + "\n" + huge + "\n" + goodRow() + "\n").getBytes(StandardCharsets.UTF_8);
        List<ParseResult> results =
                read(new CsvRecordReader(new CsvFixtures.Chunked(bytes, 512), "f", 0, 1000));
        assertEquals(2, results.size());
        assertEquals(RejectReason.MALFORMED_ROW, results.get(0).deadLetter().reason());
        assertEquals(3, results.get(1).execution().sequence());
    }

    @Test
    void nonAsciiTextSurvivesIntact() {
        String name = "Ventes été \"日本語\", 🚀 données";
        String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
        RuleExecution e = onlyValid(HEADER + "\n" + goodRow().replace("Sales", quoted) + "\n");
        assertEquals(name, e.datasetName());
        DeadLetter d =
                onlyRejected(
                        HEADER
                                + "\n"
                                + goodRow().replace("Sales", "é").replace("R101", "ü")
                                + "\n");
        assertEquals(goodRow().replace("Sales", "é").replace("R101", "ü"), d.raw());
        assertTrue(d.detail().contains("'ü'"), d.detail());
    }

    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(
                    p instanceof byte[] b ? b : p.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void aUsedFieldThatIsNotUtf8IsMalformedNamingTheFieldAndTheByte() {
        // "Café" written in Latin-1: the byte 0xE9 alone is not UTF-8.
        byte[] latin1 = "Caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        String row = goodRow();
        int at = row.indexOf("Sales");
        List<ParseResult> results =
                read(
                        bytes(
                                HEADER,
                                "\n",
                                row.substring(0, at),
                                latin1,
                                row.substring(at + 5),
                                "\n",
                                goodRow(),
                                "\n"),
                        Integer.MAX_VALUE);
        assertEquals(2, results.size());
        DeadLetter d = results.get(0).deadLetter();
        assertEquals(RejectReason.MALFORMED_ROW, d.reason());
        assertTrue(
                d.detail().contains("field dataset_name is not valid UTF-8 (byte 0xE9 at byte 4"),
                d.detail());
        assertEquals(row.replace("Sales", "Caf\uFFFD"), d.raw());
        assertTrue(results.get(1).isValid());
    }

    @Test
    void invalidUtf8InsideAQuotedFieldIsFoundToo() {
        byte[] bad = {(byte) 0xC3, '"', '"'}; // a lead byte, then a doubled quote
        String row = goodRow().replace("Sales", "\"Sa").replace(",R101", "\",R101");
        int cut = row.indexOf("Sa") + 2;
        DeadLetter d =
                read(
                                bytes(
                                        HEADER,
                                        "\n",
                                        row.substring(0, cut),
                                        bad,
                                        row.substring(cut),
                                        "\n"),
                                Integer.MAX_VALUE)
                        .get(0)
                        .deadLetter();
        assertEquals(RejectReason.MALFORMED_ROW, d.reason());
        assertTrue(d.detail().contains("field dataset_name"), d.detail());
    }

    @Test
    void aReplacementCharacterWrittenAsUtf8IsText() {
        RuleExecution e =
                onlyValid(HEADER + "\n" + goodRow().replace("Sales", "S\uFFFDles") + "\n");
        assertEquals("S\uFFFDles", e.datasetName());
    }

    @Test
    void anUnusedColumnIsNotDecodedSoNotChecked() {
        byte[] text = bytes(HEADER, ",notes\n", goodRow(), ",", new byte[] {(byte) 0xFF}, "\n");
        assertTrue(read(text, Integer.MAX_VALUE).get(0).isValid());
    }

    @Test
    void resultsAreTheSameWhateverHowTheStreamIsChunked() {
        StringBuilder sb = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        for (int i = 0; i < 400; i++) {
            String name = i % 3 == 0 ? "\"Name, \"\"" + i + "\"\"\r\nnext é\"" : "Name " + i;
            sb.append(goodRow().replace("Sales", name).replace("R101", i % 7 == 0 ? "x" : "R" + i))
                    .append(i % 5 == 0 ? "\n\n" : "\r\n");
        }
        sb.append(goodRow().replace("Sales", "\"open"));
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        List<ParseResult> whole = read(bytes, Integer.MAX_VALUE);
        assertEquals(401, whole.size());
        for (int chunk : new int[] {1, 2, 3, 7, 64, 1000}) {
            assertEquals(whole, read(bytes, chunk), "chunk " + chunk);
        }
    }

    @Test
    void recordsLongerThanTheInitialBufferAreRead() {
        String name = "n".repeat(300_000);
        RuleExecution e = onlyValid(HEADER + "\n" + goodRow().replace("Sales", name) + "\n");
        assertEquals(name, e.datasetName());
    }

    @Test
    void closeClosesTheStream() throws IOException {
        CsvFixtures.Chunked in = new CsvFixtures.Chunked(new byte[0], 1);
        new CsvRecordReader(in, "f", 0).close();
        assertTrue(in.closed);
    }
}
