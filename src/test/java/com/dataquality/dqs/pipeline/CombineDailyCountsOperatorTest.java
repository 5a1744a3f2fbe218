package com.dataquality.dqs.pipeline;

import static com.dataquality.dqs.TestRecords.exec;
import static com.dataquality.dqs.TestRecords.withCounts;
import static com.dataquality.dqs.record.Status.FAIL;
import static com.dataquality.dqs.record.Status.PASS;
import static com.dataquality.dqs.record.Status.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.record.DailyCounts;
import com.dataquality.dqs.record.RuleExecution;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CombineDailyCountsOperatorTest {

    private static OneInputStreamOperatorTestHarness<RuleExecution, DailyCounts> harness()
            throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new CombineDailyCountsOperator());
        h.open();
        return h;
    }

    private static void push(
            OneInputStreamOperatorTestHarness<RuleExecution, DailyCounts> h, RuleExecution r)
            throws Exception {
        h.processElement(new StreamRecord<>(r, r.eventTimeMillis()));
    }

    @Test
    void combinesAKeysDayAndKeepsTheLatestRecordsFields() throws Exception {
        try (var h = harness()) {
            push(h, withCounts(exec("a", 1, "2024-01-01", PASS, 5), 10L, 1L, "LATE"));
            push(h, withCounts(exec("a", 1, "2024-01-01", FAIL, 3), 20L, 2L, "EARLY"));
            push(h, exec("a", 1, "2024-01-01", WARNING, 4));
            push(h, exec("a", 1, "2024-01-02", PASS, 6));
            push(h, exec("b", 1, "2024-01-01", PASS, 7));
            assertTrue(h.extractOutputValues().isEmpty(), "buffered until a flush");
            h.endInput();
            List<DailyCounts> out = new ArrayList<>(h.extractOutputValues());
            assertEquals(3, out.size());
            DailyCounts aDay1 =
                    out.stream()
                            .filter(
                                    c ->
                                            c.datasetUuid().equals("a")
                                                    && c.businessDay()
                                                            == com.dataquality.dqs.TestRecords.day(
                                                                    "2024-01-01"))
                            .findFirst()
                            .orElseThrow();
            assertEquals(1, aDay1.passes());
            assertEquals(1, aDay1.fails());
            assertEquals(1, aDay1.warnings());
            assertEquals(5, aDay1.latestSequence());
            assertEquals(10L, aDay1.latestDatasetRecordCount());
            assertEquals("LATE", aDay1.latestExecutionLevel());
        }
    }

    @Test
    void flushesBeforePassingAWatermarkOn() throws Exception {
        try (var h = harness()) {
            push(h, exec("a", 1, "2024-01-01", PASS));
            h.processWatermark(new Watermark(123L));
            var output = new ArrayList<>(h.getOutput());
            assertEquals(2, output.size());
            assertInstanceOf(StreamRecord.class, output.get(0), "the counts come first");
            assertEquals(new Watermark(123L), output.get(1));
            StreamRecord<?> record = (StreamRecord<?>) output.get(0);
            assertEquals(exec("a", 1, "2024-01-01", PASS).eventTimeMillis(), record.getTimestamp());
        }
    }

    @Test
    void flushesBeforeACheckpointSoItsSnapshotMissesNothing() throws Exception {
        try (var h = harness()) {
            push(h, exec("a", 1, "2024-01-01", PASS));
            h.prepareSnapshotPreBarrier(1L);
            assertEquals(1, h.extractOutputValues().size());
        }
    }

    @Test
    void flushesWhenTheBufferIsFull() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < CombineDailyCountsOperator.MAX_ENTRIES; i++) {
                push(h, exec("d" + i, 1, "2024-01-01", PASS));
            }
            assertEquals(CombineDailyCountsOperator.MAX_ENTRIES, h.extractOutputValues().size());
        }
    }
}
