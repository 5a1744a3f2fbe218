package com.dataquality.dqs.summary;

import com.dataquality.dqs.record.DailyCounts;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.SummaryRow;
import com.dataquality.dqs.stream.DayCloses;
import com.dataquality.dqs.stream.MetricNames;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps one {@link SummaryAccumulator} per summary key and publishes the key's summary when a day
 * closes, that is when the event-time watermark passes the end of a day in which the key received
 * records, and a moment after late records (their day had closed) changed it. At the end of input
 * it hands its accumulator to {@link FinalSummaryFunction}, which alone knows the greatest business
 * date of the whole input.
 *
 * <p>Timers: at most one day-close timer per key (Flink de-duplicates equal timestamps), a
 * processing-time timer a second after late records, and one end-of-input timer at {@link
 * Long#MAX_VALUE}, which fires only when the input is bounded (or a job is drained). A key that
 * receives nothing is not re-published every day: its rates would only drift as days leave the
 * windows, and re-sending every key daily costs as many updates as there are keys.
 */
public final class RollingSummaryFunction
        extends KeyedProcessFunction<String, DailyCounts, SummaryRow> {
    private static final long serialVersionUID = 1L;

    /**
     * Each key's accumulator at the end of input, for {@link FinalSummaryFunction}: a hand-off
     * inside the summary stage (its type is this package's), so the tag lives here rather than with
     * the job's shared tags.
     */
    public static final OutputTag<SummaryAccumulator> FINAL_STATES =
            new OutputTag<>("final-summary-states", TypeInformation.of(SummaryAccumulator.class));

    /** Descriptor of the keyed state, shared with tests that inspect it. */
    public static final ValueStateDescriptor<SummaryAccumulator> STATE =
            new ValueStateDescriptor<>("summary", SummaryAccumulator.class);

    private final HashMap<Integer, RuleMetadata> metadata;
    private final boolean emitDailyUpdates;

    /** How long the upsert of a key changed by late records waits for more of them. */
    static final long LATE_UPDATE_DELAY_MILLIS = 1_000;

    /** The pending day-close timer's timestamp, or null. */
    public static final ValueStateDescriptor<Long> NEXT_CLOSE =
            new ValueStateDescriptor<>("next-day-close", Long.class);

    private transient ValueState<SummaryAccumulator> state;
    private transient ValueState<Long> nextClose;
    private transient Counter late;
    private transient Counter emitted;
    private transient Counter lateUpdates;

    /**
     * @param metadata rule metadata by rule code, to fill in the rows
     * @param emitDailyUpdates false for a bounded summary where only the final rows matter
     */
    public RollingSummaryFunction(Map<Integer, RuleMetadata> metadata, boolean emitDailyUpdates) {
        this.metadata = new HashMap<>(metadata);
        this.emitDailyUpdates = emitDailyUpdates;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(STATE);
        nextClose = getRuntimeContext().getState(NEXT_CLOSE);
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP);
        late = group.counter(MetricNames.LATE_RECORDS);
        emitted = group.counter(MetricNames.SUMMARIES_EMITTED);
        lateUpdates = group.counter(MetricNames.LATE_SUMMARY_UPDATES);
    }

    @Override
    public void processElement(DailyCounts r, Context ctx, Collector<SummaryRow> out)
            throws Exception {
        SummaryAccumulator acc = state.value();
        if (acc == null) {
            acc = new SummaryAccumulator();
            ctx.timerService().registerEventTimeTimer(DayCloses.END_OF_INPUT);
        }
        acc.add(r);
        state.update(acc);

        long watermark = ctx.timerService().currentWatermark();
        long endOfDay = DayCloses.endOfDay(r.businessDay());
        boolean isLate = watermark != Long.MIN_VALUE && endOfDay <= watermark;
        if (isLate) {
            // Its day has closed: it still counts (it is in the accumulator), and the key is
            // re-published a moment later, not at the next day close, which may never come (the
            // end of a stream): the last upsert of a key always holds all its records.
            late.inc(r.executions());
        }
        if (emitDailyUpdates) {
            if (isLate) {
                long now = ctx.timerService().currentProcessingTime();
                ctx.timerService().registerProcessingTimeTimer(soon(now));
            } else {
                DayCloses.schedule(nextClose, ctx.timerService(), endOfDay);
            }
        }
    }

    /** Rounded, so that the late records of one moment share one timer (same key and time). */
    private static long soon(long now) {
        return (now / LATE_UPDATE_DELAY_MILLIS + 2) * LATE_UPDATE_DELAY_MILLIS;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SummaryRow> out)
            throws Exception {
        SummaryAccumulator acc = state.value();
        if (acc == null) {
            return;
        }
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME && timestamp == DayCloses.END_OF_INPUT) {
            ctx.output(FINAL_STATES, acc);
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        if (watermark == DayCloses.END_OF_INPUT || watermark == Long.MIN_VALUE) {
            // The input ended: the final summary, anchored on the greatest date of the whole
            // input, supersedes this one. (Before any watermark nothing has closed: a late
            // update's timer cannot fire then, as only a watermark makes a record late.)
            return;
        }
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            lateUpdates.inc();
        } else {
            nextClose.clear();
        }
        out.collect(acc.toRow(DayCloses.dayOf(watermark), metadata.get(acc.ruleCode)));
        emitted.inc();
        // Records of days after the watermark are in this row already, but their own day has
        // not closed: publish again when it does, with that day as the reference.
        long latestClose = DayCloses.endOfDay(acc.latestDay);
        if (latestClose > watermark) {
            DayCloses.schedule(nextClose, ctx.timerService(), latestClose);
        }
    }
}
