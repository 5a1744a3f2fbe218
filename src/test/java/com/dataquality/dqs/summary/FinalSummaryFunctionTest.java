package com.dataquality.dqs.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dataquality.dqs.record.DailyCounts;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.SummaryRow;
import com.dataquality.dqs.stream.Tags;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The final rows of a bounded run survive a restore: accumulators that reached the final-summary
 * operator before a checkpoint and those after it all end up in the final rows, once each, with the
 * windows anchored on the greatest business date of all of them.
 */
class FinalSummaryFunctionTest {
    private static final Map<Integer, RuleMetadata> RULES =
            Map.of(7, new RuleMetadata("not null", "completeness", "c", "d", "cat"));

    private static KeyedTwoInputStreamOperatorTestHarness<
                    Integer, SummaryRow, SummaryAccumulator, SummaryRow>
            harness() throws Exception {
        var h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new FinalSummaryFunction(RULES)),
                        r -> FinalSummaryFunction.ALL,
                        a -> FinalSummaryFunction.ALL,
                        Types.INT);
        h.setup();
        return h;
    }

    private static SummaryAccumulator acc(String dataset, int rule, String day, int passes) {
        SummaryAccumulator a = new SummaryAccumulator();
        a.add(
                new DailyCounts(
                        "src",
                        "t1",
                        dataset,
                        dataset + "-name",
                        rule,
                        (int) LocalDate.parse(day).toEpochDay(),
                        passes,
                        1,
                        0,
                        1L,
                        10L,
                        9L,
                        "dataset"));
        return a;
    }

    private static List<SummaryRow> rows(List<Object> output) {
        List<SummaryRow> out = new ArrayList<>();
        for (Object o : output) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof SummaryRow row) {
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void accumulatorsFromBeforeAndAfterARestoreAllBecomeFinalRowsOnce() throws Exception {
        List<SummaryAccumulator> all =
                List.of(
                        acc("b", 7, "2024-03-01", 3),
                        acc("a", 7, "2024-02-01", 5),
                        acc("c", 8, "2024-04-10", 1));
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement2(new StreamRecord<>(all.get(0)));
            h.processElement2(new StreamRecord<>(all.get(1)));
            snapshot = h.snapshot(1L, 1L);
            assertEquals(List.of(), rows(new ArrayList<>(h.getOutput())), "nothing before the end");
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processElement2(new StreamRecord<>(all.get(2)));
            h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            List<SummaryRow> finals = rows(new ArrayList<>(h.getOutput()));
            List<SummaryRow> expected = FinalSummaryFunction.finalRows(all, RULES);
            assertEquals(expected, finals);
            assertEquals(3, finals.size());
            assertEquals(
                    List.of("a", "b", "c"), finals.stream().map(SummaryRow::datasetUuid).toList());
            for (SummaryRow r : finals) {
                assertEquals("2024-04-10", r.referenceDate(), "anchored on the greatest date");
            }
            assertEquals(
                    expected,
                    h.getSideOutput(Tags.FINAL_ROWS).stream().map(StreamRecord::getValue).toList());
        }
    }
}
