package com.dataquality.dqs.summary;

import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.SummaryRow;
import com.dataquality.dqs.stream.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The one place all summary updates meet, at parallelism 1 and under one constant key: it forwards
 * the day-close updates as they come, and at the end of bounded input turns every key's final
 * accumulator into its final row, with the windows anchored on the greatest business date of the
 * whole input (CONTRACT.md §3), sorted by key.
 *
 * <p>Why updates pass through here: the end-of-input timer fires only once the watermark of BOTH
 * inputs is at its maximum, that is after every update has arrived, so on the one output channel
 * each key's final row comes after its last update, as an upsert stream must. The final rows also
 * go to {@link Tags#FINAL_ROWS} for the final summary files.
 */
public final class FinalSummaryFunction
        extends KeyedCoProcessFunction<Integer, SummaryRow, SummaryAccumulator, SummaryRow> {
    private static final long serialVersionUID = 1L;

    /** The constant key: there is exactly one instance of this function's state. */
    public static final Integer ALL = 0;

    private final HashMap<Integer, RuleMetadata> metadata;
    private transient ListState<SummaryAccumulator> finalStates;

    public FinalSummaryFunction(Map<Integer, RuleMetadata> metadata) {
        this.metadata = new HashMap<>(metadata);
    }

    @Override
    public void open(OpenContext openContext) {
        finalStates =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "final-states", SummaryAccumulator.class));
    }

    @Override
    public void processElement1(SummaryRow update, Context ctx, Collector<SummaryRow> out) {
        out.collect(update);
    }

    @Override
    public void processElement2(SummaryAccumulator state, Context ctx, Collector<SummaryRow> out)
            throws Exception {
        finalStates.add(state);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SummaryRow> out)
            throws Exception {
        for (SummaryRow row : finalRows(finalStates.get(), metadata)) {
            out.collect(row);
            ctx.output(Tags.FINAL_ROWS, row);
        }
        finalStates.clear();
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
