package com.dataquality.dqs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.features.SeriesState;
import com.dataquality.dqs.model.TestModels;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchPredictorTest {

    private static String run(
            String input, Map<String, com.dataquality.dqs.features.DailySeries> history)
            throws Exception {
        try (Scorer scorer = new Scorer(TestModels.small())) {
            StringWriter out = new StringWriter();
            new BatchPredictor(scorer, history).run(new StringReader(input), "in.csv", out);
            return out.toString();
        }
    }

    @Test
    void badRowsGetAnErrorAndTheOthersAreStillScored() throws Exception {
        String input =
                "business_date,extra,rule_code,dataset_uuid\n"
                        + "2024-02-20,x,101,ds-1\n"
                        + "20/02/2024,x,101,ds-1\n"
                        + "2024-02-30,x,101,ds-1\n"
                        + "2024-02-21,x,R1x,ds-1\n"
                        + "2024-02-21,x,101\n"
                        + "\n"
                        + "\"2024-02-22T10:00:00\",\"x, y\",\" r0101 \",ds-2\n";
        String[] lines = run(input, Map.of()).split("\n");
        assertEquals(BatchPredictor.HEADER, lines[0]);
        assertEquals(7, lines.length, String.join("\n", lines));
        String version = TestModels.small().version();
        assertTrue(
                lines[1].matches(
                        "ds-1,101,2024-02-20,\\d+\\.\\d{4},"
                                + version
                                + ",,\\d+\\.\\d{4},\\d+\\.\\d{4},\\d+\\.\\d{4}"),
                lines[1]);
        assertTrue(
                lines[2].startsWith("ds-1,101,20/02/2024,," + version + ",\"line 3: "), lines[2]);
        assertTrue(lines[2].endsWith("\",,,"), "no distribution for a row in error: " + lines[2]);
        assertTrue(lines[2].contains("not a date"), lines[2]);
        assertTrue(lines[3].contains("line 4: ") && lines[3].contains("not a date"), lines[3]);
        assertTrue(lines[4].contains("line 5: ") && lines[4].contains("not a rule code"), lines[4]);
        assertTrue(lines[5].contains("line 6: 3 fields where the header has 4"), lines[5]);
        assertTrue(
                lines[6].matches("ds-2,101,2024-02-22,\\d+\\.\\d{4}," + version + ",,.*"),
                lines[6]);
    }

    @Test
    void everyRuleCodeSpellingGivesTheSameForecast() throws Exception {
        String out =
                run(
                        "dataset_uuid,rule_code,business_date\n"
                                + "ds-0,101,2024-02-20\n"
                                + "ds-0,R101,2024-02-20\n"
                                + "ds-0,r101,2024-02-20\n"
                                + "ds-0,0101,2024-02-20\n"
                                + "ds-0,\" 101 \",2024-02-20\n",
                        Map.of());
        String[] lines = out.split("\n");
        for (int i = 2; i < lines.length; i++) {
            assertEquals(lines[1], lines[i]);
        }
    }

    @Test
    void historyIsUsedAndOnlyDaysBeforeTheRequestedDateCount() throws Exception {
        int day = (int) LocalDate.parse("2024-02-20").toEpochDay();
        DailySeriesTable history = new DailySeriesTable();
        for (int d = day - 10; d < day; d++) {
            for (int e = 0; e < 5; e++) {
                history.add("ds-0", 101, d, e < 2);
            }
        }
        String request = "dataset_uuid,rule_code,business_date\nds-0,101,2024-02-20\n";
        String withHistory = run(request, history.bySeriesKey());
        for (int e = 0; e < 9; e++) {
            history.add("ds-0", 101, day, true); // the forecast day itself
            history.add("ds-0", 101, day + 3, false); // and a later one
        }
        assertEquals(withHistory, run(request, history.bySeriesKey()));

        try (Scorer scorer = new Scorer(TestModels.small())) {
            SeriesState h = history.find("ds-0", 101).stateBefore(day);
            double[] f = scorer.extractor().extract(h, day);
            double expected = scorer.predict(f);
            assertTrue(withHistory.contains("," + RequestValues.percentage(expected) + ","));
            PredictiveDistribution d = scorer.distribution(h, day, f);
            double[] i = d.interval(0.9);
            assertTrue(
                    withHistory.endsWith(
                            ",,"
                                    + RequestValues.percentage(d.median())
                                    + ","
                                    + RequestValues.percentage(i[0])
                                    + ","
                                    + RequestValues.percentage(i[1])
                                    + "\n"),
                    withHistory);
        }
    }

    @Test
    void aDateOutsideTheSupportedRangeIsAnErrorForThatRowOnly() throws Exception {
        String[] lines =
                run(
                                "dataset_uuid,rule_code,business_date\n"
                                        + "ds-1,101,9999-12-31\n"
                                        + "ds-1,101,9999-12-30\n",
                                Map.of())
                        .split("\n");
        assertTrue(lines[1].contains("line 2: \"\"9999-12-31\"\" is outside"), lines[1]);
        assertTrue(lines[1].contains("1900-01-01 to 9999-12-30"), lines[1]);
        assertTrue(lines[2].matches("ds-1,101,9999-12-30,\\d+\\.\\d{4},.*"), lines[2]);
    }

    @Test
    void aHeaderWithoutRequiredColumnsIsOneClearError() {
        InputException e =
                assertThrows(
                        InputException.class,
                        () -> run("dataset_uuid,date\nds,2024-01-01\n", Map.of()));
        assertTrue(e.getMessage().contains("in.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("rule_code, business_date"), e.getMessage());
        assertThrows(InputException.class, () -> run("", Map.of()));
    }

    @Test
    void anUnclosedQuoteIsOneClearError() {
        InputException e =
                assertThrows(
                        InputException.class,
                        () ->
                                run(
                                        "dataset_uuid,rule_code,business_date\n\"ds,1,2024-01-01\n",
                                        Map.of()));
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    @Test
    void aStrayQuoteInTheHeaderIsOneClearErrorRatherThanLostRequests() {
        // The quote before "note" closes at the one before x: line 2 would be part of the header.
        InputException e =
                assertThrows(
                        InputException.class,
                        () ->
                                run(
                                        "dataset_uuid,rule_code,business_date,\"note\n"
                                                + "ds,101,2024-01-01,\"x\n"
                                                + "ds,101,2024-01-02,y\n",
                                        Map.of()));
        assertTrue(e.getMessage().contains("header (line 1)"), e.getMessage());
    }

    @Test
    void formulaLeadingTextInTheOutputGetsALeadingQuote() throws Exception {
        String[] lines =
                run(
                                "dataset_uuid,rule_code,business_date\n"
                                        + "\"=HYPERLINK(\"\"x\"\")\",101,2024-02-20\n"
                                        + "@SUM(1+1),-2+3,+2024-02-20\n",
                                Map.of())
                        .split("\n");
        assertTrue(lines[1].startsWith("\"'=HYPERLINK(\"\"x\"\")\",101,2024-02-20,"), lines[1]);
        assertTrue(lines[2].startsWith("'@SUM(1+1),'-2+3,'+2024-02-20,,"), lines[2]);
    }

    @Test
    void repeatedAndUnorderedRequestsAcrossChunksGetEachTheirOwnSeriesDaysForecast()
            throws Exception {
        int first = (int) LocalDate.parse("2024-01-01").toEpochDay();
        DailySeriesTable history = new DailySeriesTable();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int s = 0; s < 3; s++) {
            for (int d = first; d < first + 150; d++) {
                if (rnd.nextInt(5) > 0) {
                    history.addDay("ds-" + s, 101, d, 3 + rnd.nextInt(6), rnd.nextInt(4));
                }
            }
        }
        // More rows than a chunk: series-days repeat within and across chunks, days go back and
        // forth, a series without history and rows in error are mixed in.
        int rows = com.dataquality.dqs.model.Boosters.CHUNK_ROWS + 500;
        StringBuilder input = new StringBuilder("dataset_uuid,rule_code,business_date\n");
        String[] series = new String[rows];
        int[] days = new int[rows];
        for (int r = 0; r < rows; r++) {
            series[r] = "ds-" + rnd.nextInt(4); // ds-3 has no history
            days[r] = first + 20 + rnd.nextInt(r % 7 == 0 ? 3 : 140);
            String date = r % 997 == 5 ? "not-a-date" : LocalDate.ofEpochDay(days[r]).toString();
            input.append(series[r]).append(",101,").append(date).append('\n');
        }
        String out = run(input.toString(), history.bySeriesKey());
        String[] lines = out.split("\n");
        assertEquals(rows + 1, lines.length);
        try (Scorer scorer = new Scorer(TestModels.small())) {
            StringWriter two = new StringWriter();
            new BatchPredictor(scorer, history.bySeriesKey(), 0.9, 2)
                    .run(new StringReader(input.toString()), "in.csv", two);
            assertEquals(out, two.toString(), "the same forecasts on two native threads");
            for (int r = 0; r < rows; r += 7) {
                String line = lines[r + 1];
                if (r % 997 == 5) {
                    assertTrue(line.contains("line " + (r + 2) + ": "), line);
                    continue;
                }
                var known = history.find(series[r], 101);
                SeriesState h =
                        known == null ? SeriesState.of(series[r], 101) : known.stateBefore(days[r]);
                double[] f = scorer.extractor().extract(h, days[r]);
                PredictiveDistribution d = scorer.distribution(h, days[r], f);
                double[] i = d.interval(0.9);
                assertEquals(
                        series[r]
                                + ",101,"
                                + LocalDate.ofEpochDay(days[r])
                                + ","
                                + RequestValues.percentage(d.mean())
                                + ","
                                + TestModels.small().version()
                                + ",,"
                                + RequestValues.percentage(d.median())
                                + ","
                                + RequestValues.percentage(i[0])
                                + ","
                                + RequestValues.percentage(i[1]),
                        line,
                        "row " + r);
            }
        }
    }
}
