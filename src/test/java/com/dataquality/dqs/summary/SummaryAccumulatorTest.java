package com.dataquality.dqs.summary;

import static com.dataquality.dqs.TestRecords.day;
import static com.dataquality.dqs.TestRecords.exec;
import static com.dataquality.dqs.TestRecords.withCounts;
import static com.dataquality.dqs.record.Status.FAIL;
import static com.dataquality.dqs.record.Status.PASS;
import static com.dataquality.dqs.record.Status.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.SummaryRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SummaryAccumulatorTest {

    private static SummaryRow rowOf(List<RuleExecution> records, String reference) {
        SummaryAccumulator acc = new SummaryAccumulator();
        records.forEach(acc::add);
        return acc.toRow(day(reference), RuleMetadata.EMPTY);
    }

    @Test
    void windowBoundariesAreInclusiveAtReferenceMinusDays() {
        // reference 2024-12-31: 1m starts 2024-12-01, 3m 2024-10-02, 12m 2024-01-01
        SummaryRow row =
                rowOf(
                        List.of(
                                exec("d", 1, "2024-12-01", FAIL), // in 1m (exactly 30 days)
                                exec("d", 1, "2024-11-30", FAIL), // out of 1m, in 3m
                                exec("d", 1, "2024-10-02", PASS), // in 3m (exactly 90 days)
                                exec("d", 1, "2024-10-01", PASS), // out of 3m, in 12m
                                exec("d", 1, "2024-01-01", PASS), // in 12m (exactly 365)
                                exec("d", 1, "2023-12-31", FAIL)), // only in total
                        "2024-12-31");
        assertEquals(3, row.passCountTotal());
        assertEquals(3, row.failCountTotal());
        assertEquals(0, row.passCount1m());
        assertEquals(1, row.failCount1m());
        assertEquals(1, row.passCount3m());
        assertEquals(2, row.failCount3m());
        assertEquals(3, row.passCount12m());
        assertEquals(2, row.failCount12m());
        assertEquals(0.5, row.failRateTotal());
        assertEquals(1.0, row.failRate1m());
        assertEquals(2.0 / 3, row.failRate3m());
        assertEquals(0.4, row.failRate12m());
        assertEquals("up", row.trendFlag()); // 1.0 - 0.667 > 0.05
        assertEquals("2024-12-01", row.businessDateLatest());
        assertEquals("2024-12-31", row.referenceDate());
    }

    @Test
    void warningsAreCountedApartAndNeverAsPassOrFail() {
        SummaryRow row =
                rowOf(
                        List.of(
                                exec("d", 1, "2024-03-01", WARNING),
                                exec("d", 1, "2024-03-01", WARNING),
                                exec("d", 1, "2024-03-01", PASS)),
                        "2024-03-01");
        assertEquals(1, row.passCountTotal());
        assertEquals(0, row.failCountTotal());
        assertEquals(2, row.warningCountTotal());
        assertEquals(2, row.warningCount1m());
        assertEquals(0.0, row.failRateTotal());
    }

    @Test
    void onlyWarningsGiveZeroRatesAndEqualTrend() {
        SummaryRow row = rowOf(List.of(exec("d", 1, "2024-03-01", WARNING)), "2024-03-01");
        assertEquals(0.0, row.failRateTotal());
        assertEquals(0.0, row.failRate1m());
        assertEquals("equal", row.trendFlag());
    }

    @Test
    void trendIsDownWhenTheLastMonthIsBetterByMoreThanFivePoints() {
        List<RuleExecution> rs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rs.add(exec("d", 1, "2024-01-15", FAIL)); // 3m only
        }
        for (int i = 0; i < 10; i++) {
            rs.add(exec("d", 1, "2024-03-20", PASS)); // 1m and 3m
        }
        SummaryRow row = rowOf(rs, "2024-03-31");
        assertEquals(0.0, row.failRate1m());
        assertEquals(0.5, row.failRate3m());
        assertEquals("down", row.trendFlag());
    }

    @Test
    void trendIsEqualAtExactlyFivePoints() {
        assertEquals("equal", Windows.trend(0.30, 0.25));
        assertEquals("equal", Windows.trend(0.25, 0.30));
        assertEquals("up", Windows.trend(0.3501, 0.30));
    }

    @Test
    void latestFieldsComeFromTheGreatestDateNotTheArrivalOrder() {
        RuleExecution newest =
                withCounts(exec("d", 1, "2024-05-02", PASS, 1), 500L, 5L, "ATTRIBUTE");
        RuleExecution older = withCounts(exec("d", 1, "2024-05-01", PASS, 9), 100L, 1L, "DATASET");
        SummaryRow row = rowOf(List.of(newest, older), "2024-05-02");
        assertEquals("2024-05-02", row.businessDateLatest());
        assertEquals(500L, row.datasetRecordCountLatest());
        assertEquals(5L, row.filteredRecordCountLatest());
        assertEquals("ATTRIBUTE", row.lastExecutionLevel());
    }

    @Test
    void onATieTheRecordReadLastWinsWhateverTheArrivalOrder() {
        RuleExecution first = withCounts(exec("d", 1, "2024-05-02", PASS, 10), 1L, 1L, "A");
        RuleExecution last = withCounts(exec("d", 1, "2024-05-02", FAIL, 11), 2L, null, "B");
        for (List<RuleExecution> order : List.of(List.of(first, last), List.of(last, first))) {
            SummaryRow row = rowOf(order, "2024-05-02");
            assertEquals(2L, row.datasetRecordCountLatest());
            assertNull(row.filteredRecordCountLatest());
            assertEquals("B", row.lastExecutionLevel());
        }
    }

    @Test
    void aJumpLongerThanTheRingClearsOldDaysButKeepsTotals() {
        SummaryRow row =
                rowOf(
                        List.of(exec("d", 1, "2020-01-01", FAIL), exec("d", 1, "2024-01-01", PASS)),
                        "2024-01-01");
        assertEquals(1, row.failCountTotal());
        assertEquals(0, row.failCount12m());
        assertEquals(1, row.passCount1m());
    }

    @Test
    void recordsOlderThanTheRingCountOnlyInTotals() {
        SummaryRow row =
                rowOf(
                        List.of(exec("d", 1, "2024-06-01", PASS), exec("d", 1, "2022-06-01", FAIL)),
                        "2024-06-01");
        assertEquals(1, row.failCountTotal());
        assertEquals(0, row.failCount12m());
    }

    @Test
    void aReferenceAfterTheLatestDateShrinksTheWindows() {
        // Continuous run: the watermark is past the key's last record.
        SummaryRow row =
                rowOf(
                        List.of(exec("d", 1, "2024-01-10", FAIL), exec("d", 1, "2024-03-01", PASS)),
                        "2024-03-20");
        assertEquals(1, row.passCount1m());
        assertEquals(0, row.failCount1m());
        assertEquals(1, row.failCount3m());
    }

    @Test
    void recordsAheadOfTheReferenceCountInItsWindows() {
        // The windows are bounded below only; a key can hold records past the watermark.
        SummaryRow row =
                rowOf(
                        List.of(exec("d", 1, "2024-03-05", FAIL), exec("d", 1, "2024-03-01", PASS)),
                        "2024-03-02");
        assertEquals(1, row.failCount1m());
        assertEquals(1, row.passCount1m());
    }

    @Test
    void anyArrivalOrderGivesTheSameRow() {
        Random random = new Random(7);
        List<RuleExecution> rs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int offset = random.nextInt(900);
            String date = java.time.LocalDate.of(2022, 1, 1).plusDays(offset).toString();
            rs.add(exec("d", 1, date, FAIL.values()[random.nextInt(3)], i));
        }
        SummaryRow expected = rowOf(rs, "2024-06-30");
        for (int round = 0; round < 5; round++) {
            Collections.shuffle(rs, random);
            assertEquals(expected, rowOf(rs, "2024-06-30"));
        }
    }

    @Test
    void metadataFillsTheRuleColumns() {
        SummaryAccumulator acc = new SummaryAccumulator();
        acc.add(exec("d", 101, "2024-01-01", PASS));
        SummaryRow row =
                acc.toRow(
                        day("2024-01-01"),
                        new RuleMetadata("Not null", "NULL_CHECK", "Completeness", "desc", "C1"));
        assertEquals("Not null", row.ruleName());
        assertEquals("C1", row.category());
        assertEquals(101, row.ruleCode());
        assertTrue(acc.key().endsWith("101"));
    }
}
