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
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.stream.MetricNames;
import com.dataquality.dqs.stream.Tags;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RouteAndCombineOperatorTest {

    private static OneInputStreamOperatorTestHarness<ParseResult, DailyCounts> harness()
            throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new RouteAndCombineOperator());
        h.open();
        return h;
    }

    private static void push(
            OneInputStreamOperatorTestHarness<ParseResult, DailyCounts> h, RuleExecution r)
            throws Exception {
        h.processElement(new StreamRecord<>(ParseResult.valid(r), r.eventTimeMillis()));
    }

    private static DeadLetter dead(RejectReason reason, long line) {
        return new DeadLetter(reason, "why", "raw,text", "in.csv", DeadLetter.NO_PARTITION, line);
    }

    @Test
    void deadLettersGoToTheSideOutputAtOnceAndEveryRecordIsCountedOnce() throws Exception {
        try (var h = harness()) {
            push(h, exec("a", 1, "2024-01-01", PASS));
            h.processElement(
                    new StreamRecord<>(
                            ParseResult.rejected(dead(RejectReason.INVALID_DATE, 3)),
                            Long.MIN_VALUE));
            h.processElement(
                    new StreamRecord<>(
                            ParseResult.rejected(dead(RejectReason.INVALID_DATE, 4)),
                            Long.MIN_VALUE));
            h.processElement(
                    new StreamRecord<>(
                            ParseResult.rejected(dead(RejectReason.MISSING_FIELD, 5)),
                            Long.MIN_VALUE));
            push(h, exec("a", 1, "2024-01-01", FAIL));
            List<DeadLetter> deadLetters =
                    h.getSideOutput(Tags.DEAD_LETTERS).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertEquals(
                    List.of(
                            dead(RejectReason.INVALID_DATE, 3),
                            dead(RejectReason.INVALID_DATE, 4),
                            dead(RejectReason.MISSING_FIELD, 5)),
                    deadLetters,
                    "not buffered, in order");
            assertTrue(h.extractOutputValues().isEmpty(), "valid records are buffered");
            h.endInput();
            assertEquals(1, h.extractOutputValues().size(), "one key and day");

            var context = h.getOperator().getRuntimeContext();
            java.util.Map<String, Object> accumulators = new java.util.HashMap<>();
            for (String name : List.of(MetricNames.RECORDS_READ, MetricNames.RECORDS_VALID)) {
                accumulators.put(name, context.getLongCounter(name).getLocalValue());
            }
            for (RejectReason reason : RejectReason.values()) {
                String name = MetricNames.DEAD_LETTERED_PREFIX + reason.name();
                accumulators.put(name, context.getLongCounter(name).getLocalValue());
            }
            RunCounts counts = RunCounts.fromAccumulators(accumulators);
            assertEquals(5, counts.read());
            assertEquals(2, counts.valid());
            assertEquals(3, counts.deadLettered());
            assertEquals(2L, counts.deadLetteredByReason().get(RejectReason.INVALID_DATE));
            assertEquals(1L, counts.deadLetteredByReason().get(RejectReason.MISSING_FIELD));
        }
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
            for (int i = 0; i < RouteAndCombineOperator.MAX_ENTRIES; i++) {
                push(h, exec("d" + i, 1, "2024-01-01", PASS));
            }
            assertEquals(RouteAndCombineOperator.MAX_ENTRIES, h.extractOutputValues().size());
        }
    }
}
