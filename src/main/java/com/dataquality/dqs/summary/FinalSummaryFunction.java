package com.dataquality.dqs.summary;

import com.dataquality.dqs.record.RuleMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.GlobalWindow;
import org.apache.flink.util.Collector;

/**
 * Turns every key's final accumulator into its summary row, with the windows anchored on the
 * greatest business date of the whole input (CONTRACT.md §3), and emits the rows sorted by key.
 * Runs once, at the end of bounded input, in a global end-of-stream window: only there are all keys
 * and so the global greatest date known. The window's state holds one accumulator per key, never
 * rows.
 */
public final class FinalSummaryFunction
        extends ProcessAllWindowFunction<SummaryAccumulator, SummaryRow, GlobalWindow> {
    private static final long serialVersionUID = 1L;

    private final HashMap<Integer, RuleMetadata> metadata;

    public FinalSummaryFunction(Map<Integer, RuleMetadata> metadata) {
        this.metadata = new HashMap<>(metadata);
    }

    @Override
    public void process(
            Context context, Iterable<SummaryAccumulator> states, Collector<SummaryRow> out) {
        List<SummaryRow> rows = finalRows(states, metadata);
        rows.forEach(out::collect);
    }

    /** The final rows for these accumulators, sorted by key. */
    public static List<SummaryRow> finalRows(
            Iterable<SummaryAccumulator> states, Map<Integer, RuleMetadata> metadata) {
        int reference = Integer.MIN_VALUE;
        for (SummaryAccumulator acc : states) {
            reference = Math.max(reference, acc.latestDay);
        }
        List<SummaryRow> rows = new ArrayList<>();
        for (SummaryAccumulator acc : states) {
            rows.add(acc.toRow(reference, metadata.get(acc.ruleCode)));
        }
        rows.sort(SummaryRow.BY_KEY);
        return rows;
    }
}
