package com.dataquality.dqs.summary;

import static com.dataquality.dqs.TestRecords.day;
import static com.dataquality.dqs.TestRecords.exec;
import static com.dataquality.dqs.record.Status.FAIL;
import static com.dataquality.dqs.record.Status.PASS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.record.DailyCounts;
import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.SummaryRow;
import com.dataquality.dqs.stream.DayCloses;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RollingSummaryFunctionTest {

    private static final Map<Integer, RuleMetadata> RULES =
            Map.of(1, new RuleMetadata("Rule one", "T", "D", "desc", "C1"));

    private static KeyedOneInputStreamOperatorTestHarness<String, DailyCounts, SummaryRow> harness(
            boolean daily) throws Exception {
        // Not opened: a test may restore state into it first.
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RollingSummaryFunction(RULES, daily)),
                DailyCounts::summaryKey,
                Types.STRING);
    }

    private static void push(
            KeyedOneInputStreamOperatorTestHarness<String, DailyCounts, SummaryRow> h,
            RuleExecution r)
            throws Exception {
        h.processElement(new StreamRecord<>(DailyCounts.of(r), r.eventTimeMillis()));
    }

    @Test
    void keepsOneStateEntryPerKeyWhateverTheNumberOfRecords() throws Exception {
        try (var h = harness(true)) {
            h.open();
            for (int i = 0; i < 50; i++) {
                push(h, exec("a", 1, "2024-01-0" + (1 + i % 5), i % 3 == 0 ? FAIL : PASS));
                push(h, exec("b", 1, "2024-01-0" + (1 + i % 5), PASS));
            }
            // per key: its accumulator and its pending day-close time, whatever the record count
            assertEquals(2 * 2, h.numKeyedStateEntries());
            // per key: the end-of-input timer and one pending day-close timer, the earliest
            assertEquals(2 * (1 + 1), h.numEventTimeTimers());
        }
    }

    @Test
    void publishesAKeyWhenItsDayClosesWithTheWatermarkDateAsReference() throws Exception {
        try (var h = harness(true)) {
            h.open();
            push(h, exec("a", 1, "2024-01-01", FAIL));
            push(h, exec("a", 1, "2024-01-01", PASS));
            assertTrue(h.extractOutputValues().isEmpty(), "nothing before the day closes");

            h.processWatermark(DayCloses.endOfDay(day("2024-01-01")));
            List<SummaryRow> out = h.extractOutputValues();
            assertEquals(1, out.size());
            SummaryRow row = out.get(0);
            assertEquals("2024-01-01", row.referenceDate());
            assertEquals(1, row.failCountTotal());
            assertEquals(1, row.passCountTotal());
            assertEquals("Rule one", row.ruleName());
            assertEquals(1, h.numEventTimeTimers(), "only the end-of-input timer is left");
        }
    }

    @Test
    void severalDaysClosingAtOneWatermarkPublishTheKeyOnce() throws Exception {
        try (var h = harness(true)) {
            h.open();
            push(h, exec("a", 1, "2024-01-01", PASS));
            push(h, exec("a", 1, "2024-01-02", PASS));
            push(h, exec("a", 1, "2024-01-03", PASS));
            h.processWatermark(DayCloses.endOfDay(day("2024-01-05")));
            List<SummaryRow> out = h.extractOutputValues();
            assertEquals(1, out.size(), out.toString());
            assertEquals("2024-01-05", out.get(0).referenceDate());
            assertEquals(3, out.get(0).passCountTotal());
        }
    }

    @Test
    void recordsAheadOfTheWatermarkArePublishedAgainWhenTheirDayCloses() throws Exception {
        try (var h = harness(true)) {
            h.open();
            push(h, exec("a", 1, "2024-01-01", PASS));
            push(h, exec("a", 1, "2024-01-03", FAIL));
            h.processWatermark(DayCloses.endOfDay(day("2024-01-01")));
            h.processWatermark(DayCloses.endOfDay(day("2024-01-03")));
            List<SummaryRow> out = h.extractOutputValues();
            assertEquals(2, out.size());
            assertEquals("2024-01-01", out.get(0).referenceDate());
            assertEquals("2024-01-03", out.get(1).referenceDate());
            assertEquals(1, out.get(0).failCountTotal(), "the row counts all it has received");
            assertEquals(1, h.numEventTimeTimers(), "nothing pending but end of input");
        }
    }

    @Test
    void aKeyWithoutNewRecordsIsNotRepublished() throws Exception {
        try (var h = harness(true)) {
            h.open();
            push(h, exec("a", 1, "2024-01-01", PASS));
            h.processWatermark(DayCloses.endOfDay(day("2024-01-01")));
            h.processWatermark(DayCloses.endOfDay(day("2024-01-05")));
            assertEquals(1, h.extractOutputValues().size());
        }
    }

    @Test
    void aLateRecordCountsAndIsPublishedAMomentLaterWithoutWaitingForADayClose() throws Exception {
        try (var h = harness(true)) {
            h.open();
            push(h, exec("a", 1, "2024-01-05", PASS));
            h.processWatermark(DayCloses.endOfDay(day("2024-01-05")));
            assertEquals(1, h.extractOutputValues().size());

            push(h, exec("a", 1, "2024-01-02", FAIL)); // its day closed long ago
            push(h, exec("a", 1, "2024-01-03", FAIL)); // another late one of the same moment
            assertEquals(
                    1, h.extractOutputValues().size(), "not at once: late ones come in bursts");
            assertEquals(1, h.numProcessingTimeTimers(), "one timer for the burst");
            // The stream may end here: no day closes again, yet the key's last upsert is whole.
            h.setProcessingTime(h.getProcessingTime() + 2 * 1_000);
            List<SummaryRow> out = h.extractOutputValues();
            assertEquals(2, out.size());
            assertEquals(2, out.get(1).failCountTotal());
            assertEquals("2024-01-05", out.get(1).referenceDate());
            assertEquals("2024-01-05", out.get(1).businessDateLatest());
        }
    }

    @Test
    void atTheEndOfInputHandsItsAccumulatorToTheFinalSummaryInsteadOfAnUpdate() throws Exception {
        try (var h = harness(false)) {
            h.open();
            push(h, exec("a", 1, "2024-01-01", FAIL));
            push(h, exec("b", 1, "2024-01-03", PASS));
            assertEquals(2, h.numEventTimeTimers(), "bounded mode: only end-of-input timers");
            h.processWatermark(Long.MAX_VALUE);
            assertTrue(h.extractOutputValues().isEmpty());
            var finals = h.getSideOutput(RollingSummaryFunction.FINAL_STATES);
            assertEquals(2, finals.size());
            List<SummaryRow> rows =
                    FinalSummaryFunction.finalRows(
                            finals.stream().map(StreamRecord::getValue).toList(), RULES);
            // Both anchored on the greatest date of the whole input, not their own.
            assertEquals("2024-01-03", rows.get(0).referenceDate());
            assertEquals("2024-01-03", rows.get(1).referenceDate());
            assertEquals("a", rows.get(0).datasetUuid());
        }
    }

    @Test
    void stateSurvivesASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(true)) {
            h.open();
            push(h, exec("a", 1, "2024-01-01", FAIL));
            push(h, exec("a", 1, "2024-01-02", PASS));
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(true)) {
            h.initializeState(snapshot);
            h.open();
            assertEquals(2, h.numKeyedStateEntries(), "accumulator and pending close");
            assertEquals(2, h.numEventTimeTimers(), "timers are part of the snapshot");
            push(h, exec("a", 1, "2024-01-02", FAIL));
            h.processWatermark(DayCloses.endOfDay(day("2024-01-02")));
            SummaryRow last = h.extractOutputValues().get(h.extractOutputValues().size() - 1);
            assertEquals(2, last.failCountTotal());
            assertEquals(1, last.passCountTotal());
        }
    }
}
