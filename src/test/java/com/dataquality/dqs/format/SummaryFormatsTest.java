package com.dataquality.dqs.format;

import static com.dataquality.dqs.TestRecords.day;
import static com.dataquality.dqs.TestRecords.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.TestCsv;
import com.dataquality.dqs.UnicodeText;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.Forecast;
import com.dataquality.dqs.record.ModelRole;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.Status;
import com.dataquality.dqs.record.SummaryRow;
import com.dataquality.dqs.summary.SummaryAccumulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryFormatsTest {

    @Test
    void ratesArePlainDecimalsLikePython() {
        assertEquals("0.0", Decimals.plain(0.0));
        assertEquals("1.0", Decimals.plain(1.0));
        assertEquals("0.25", Decimals.plain(0.25));
        assertEquals("0.0001", Decimals.plain(1.0e-4));
        assertEquals("0.3333333333333333", Decimals.plain(1.0 / 3));
        assertEquals("0.000012345", Decimals.plain(1.2345e-5));
    }

    @Test
    void percentagesFollowPythonsTwoDecimalPercentFormat() {
        assertEquals("25.00%", Decimals.percent2(0.25));
        assertEquals("0.00%", Decimals.percent2(0.0));
        assertEquals("100.00%", Decimals.percent2(1.0));
        assertEquals("33.33%", Decimals.percent2(1.0 / 3));
        assertEquals("66.67%", Decimals.percent2(2.0 / 3));
        // 0.125 * 100 = 12.5 exactly; format(0.00125, '.2%') in Python gives '0.12%' (binary value
        // just below)
        assertEquals("0.12%", Decimals.percent2(0.00125));
        assertEquals("12.50%", Decimals.percent2(0.125));
    }

    private static SummaryRow sample() {
        SummaryAccumulator acc = new SummaryAccumulator();
        RuleExecution r =
                new RuleExecution(
                        "sys, \"A\"",
                        "t1",
                        "uuid-1",
                        "Ünïcode, \"quoted\" name",
                        7,
                        day("2024-03-01"),
                        Status.FAIL,
                        null,
                        12L,
                        "DATASET",
                        "",
                        "",
                        1);
        acc.add(r);
        acc.add(exec("uuid-1", 7, "2024-02-01", Status.PASS));
        return acc.toRow(
                day("2024-03-01"), new RuleMetadata("Rule, seven", "T", "D", "x\ny", "C2"));
    }

    @Test
    void csvRowHasTheContractColumnsFirstAndQuotesWhereNeeded() {
        String header = SummaryCsv.header();
        assertEquals(
                String.join(",", SummaryCsv.CONTRACT_COLUMNS),
                header.substring(0, String.join(",", SummaryCsv.CONTRACT_COLUMNS).length()));
        assertEquals(27, SummaryCsv.CONTRACT_COLUMNS.size());
        String line = SummaryCsv.line(sample());
        assertEquals(
                "\"sys, \"\"A\"\"\",t1,uuid-1,\"Ünïcode, \"\"quoted\"\" name\",7,\"Rule, seven\",T,D,\"x\ny\",C2,"
                        + "2024-03-01,,12,1,1,1,1,1,1,1,1,0.5,0.5,0.5,0.5,equal,DATASET,0,0,0,0,2024-03-01",
                line);
    }

    @Test
    void sentenceFollowsTheTemplate() {
        assertEquals(
                "• On 2024-03-01, dataset \"Ünïcode, \"quoted\" name\" (source: sys, \"A\", tenant: t1,"
                        + " UUID: uuid-1) under rule \"Rule, seven\" [7] recorded 1 failures and 1 passes"
                        + " overall (fail-rate 50.00%; 1-month 50.00%, 3-month 50.00%, 12-month 50.00%)"
                        + " — trend equal.",
                SummarySentence.of(sample()));
    }

    @Test
    void aLoneSurrogateInAnyTextIsWrittenAsTheReplacementCharacter() {
        // Parsing already replaces them; a row restored from old state may still hold one.
        SummaryAccumulator acc = new SummaryAccumulator();
        acc.add(exec("uuid-\ud800", 7, "2024-03-01", Status.PASS));
        SummaryRow row =
                acc.toRow(day("2024-03-01"), new RuleMetadata("r\udc00", "T", "D", "x", "C"));
        String csv = SummaryCsv.line(row);
        assertTrue(csv.startsWith("src,tenant,uuid-\uFFFD,"), csv);
        assertTrue(csv.contains(",r\uFFFD,"), csv);
        assertTrue(UnicodeText.isWellFormed(SummarySentence.of(row)));
        assertTrue(UnicodeText.isWellFormed(JsonForms.text(JsonForms.summary(row))));
        DeadLetter d =
                new DeadLetter(
                        RejectReason.UNKNOWN_STATUS, "d\ud800", "raw\ud800", "f\ud800", -1, 2);
        assertEquals("UNKNOWN_STATUS,d\uFFFD,f\uFFFD,2,raw\uFFFD", DeadLetterCsv.line(d));
        assertTrue(UnicodeText.isWellFormed(JsonForms.text(JsonForms.deadLetter(d))));
        Forecast f = forecast("u\ud800", "v\udc00");
        assertTrue(PredictionCsv.line(f).startsWith("u\uFFFD,7,2024-03-02,50.0,v\uFFFD,"));
        assertTrue(
                UnicodeText.isWellFormed(
                        JsonForms.text(JsonForms.prediction(PredictionRow.made(f)))));
    }

    private static Forecast forecast(String dataset, String version) {
        return new Forecast(
                dataset,
                7,
                (int) java.time.LocalDate.parse("2024-03-02").toEpochDay(),
                50.0,
                null,
                null,
                null,
                null,
                version,
                ModelRole.CHAMPION,
                false);
    }

    private static final String[] FORMULAS = {
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "-2+3",
        "\t=1+1",
        "\r=1+1"
    };

    @Test
    void aFormulaLeadingTextCellGetsALeadingQuoteAndCanBeRecovered() {
        for (String f : FORMULAS) {
            assertEquals("'" + f, Csv.text(f), f);
        }
        // Already quoted formulas get one more quote, so stripping one always gives the value.
        assertEquals("''=1", Csv.text("'=1"));
        assertEquals("'''-x", Csv.text("''-x"));
        for (String plain : new String[] {"Sales", "'quoted'", "'", "a=b", " =1", "", "R-101"}) {
            assertSame(plain, Csv.text(plain), plain);
        }
        assertEquals(null, Csv.text(null));
    }

    @Test
    void csvOutputsNeutralizeTextColumnsButNotNumbers() {
        SummaryAccumulator acc = new SummaryAccumulator();
        acc.add(
                new RuleExecution(
                        FORMULAS[0],
                        FORMULAS[1],
                        "-uuid",
                        FORMULAS[2],
                        7,
                        day("2024-03-01"),
                        Status.FAIL,
                        null,
                        12L,
                        "@level",
                        "",
                        "",
                        1));
        SummaryRow row =
                acc.toRow(
                        day("2024-03-01"),
                        new RuleMetadata(FORMULAS[3], "=t", "+d", "-desc", "@C1"));
        List<String> cells = TestCsv.parse(SummaryCsv.line(row)).get(0);
        assertEquals("'" + FORMULAS[0], cells.get(0));
        assertEquals("'" + FORMULAS[1], cells.get(1));
        assertEquals("'-uuid", cells.get(2));
        assertEquals("'" + FORMULAS[2], cells.get(3));
        assertEquals("7", cells.get(4));
        assertEquals(
                List.of("'" + FORMULAS[3], "'=t", "'+d", "'-desc", "'@C1"), cells.subList(5, 10));
        assertEquals("'@level", cells.get(26));
        // The JSON form and the sentence carry the values as they are.
        assertTrue(
                JsonForms.text(JsonForms.summary(row)).contains("\"dataset_name\":\"@SUM(1+1)\""));
        assertTrue(SummarySentence.of(row).contains("dataset \"@SUM(1+1)\""));

        DeadLetter d =
                new DeadLetter(RejectReason.MALFORMED_ROW, "-detail", "+raw", "=file", -1, 3);
        assertEquals(
                List.of("MALFORMED_ROW", "'-detail", "'=file", "3", "'+raw"),
                TestCsv.parse(DeadLetterCsv.line(d)).get(0));

        Forecast f = forecast("-u", "@v");
        assertEquals(
                List.of("'-u", "7", "2024-03-02", "50.0", "'@v"),
                TestCsv.parse(PredictionCsv.line(f)).get(0).subList(0, 5));
        PredictionRow realized = new PredictionRow(f, 4, 1);
        assertEquals(
                List.of("'-u", "7", "2024-03-02", "50.0", "'@v", "25.0", "25.0"),
                TestCsv.parse(PredictionCsv.realizedLine(realized)).get(0).subList(0, 7));
    }

    @Test
    void jsonFormUsesColumnNamesAndJsonNumbers() throws Exception {
        JsonNode n = new ObjectMapper().readTree(JsonForms.text(JsonForms.summary(sample())));
        for (String column : SummaryCsv.CONTRACT_COLUMNS) {
            assertEquals(true, n.has(column), column);
        }
        assertEquals(7, n.get("rule_code").intValue());
        assertEquals(true, n.get("fail_rate_1m").isNumber());
        assertEquals(true, n.get("dataset_record_count_latest").isNull());
        assertEquals(12, n.get("filtered_record_count_latest").longValue());
    }
}
