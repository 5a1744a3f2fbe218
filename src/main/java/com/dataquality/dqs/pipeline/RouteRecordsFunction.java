package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.RuleExecution;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends valid executions on and dead letters to their side output, counting both. This is where
 * {@code records_read = records_valid + records_dead_lettered} is accounted for: every record a
 * source reads passes here exactly once.
 */
public final class RouteRecordsFunction extends ProcessFunction<ParseResult, RuleExecution> {

    private transient Counter read;
    private transient Counter valid;
    private transient Map<RejectReason, Counter> deadByReason;
    private transient LongCounter readTotal;
    private transient LongCounter validTotal;
    private transient Map<RejectReason, LongCounter> deadTotalByReason;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(Metrics.GROUP);
        read = group.counter(Metrics.RECORDS_READ);
        valid = group.counter(Metrics.RECORDS_VALID);
        Counter deadAll = group.counter(Metrics.RECORDS_DEAD_LETTERED);
        readTotal = getRuntimeContext().getLongCounter(Metrics.RECORDS_READ);
        validTotal = getRuntimeContext().getLongCounter(Metrics.RECORDS_VALID);
        deadByReason = new EnumMap<>(RejectReason.class);
        deadTotalByReason = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            String name = Metrics.DEAD_LETTERED_PREFIX + reason.name();
            Counter perReason = group.counter(name);
            // One counter per reason, plus the sum the dashboard shows at a glance.
            deadByReason.put(reason, new SumCounter(perReason, deadAll));
            deadTotalByReason.put(reason, getRuntimeContext().getLongCounter(name));
        }
    }

    @Override
    public void processElement(ParseResult in, Context ctx, Collector<RuleExecution> out) {
        read.inc();
        readTotal.add(1L);
        if (in.isValid()) {
            valid.inc();
            validTotal.add(1L);
            out.collect(in.execution());
        } else {
            DeadLetter dead = in.deadLetter();
            deadByReason.get(dead.reason()).inc();
            deadTotalByReason.get(dead.reason()).add(1L);
            ctx.output(Tags.DEAD_LETTERS, dead);
        }
    }

    /** Increments a per-reason counter and the overall one together. */
    private record SumCounter(Counter own, Counter sum) implements Counter {
        @Override
        public void inc() {
            own.inc();
            sum.inc();
        }

        @Override
        public void inc(long n) {
            own.inc(n);
            sum.inc(n);
        }

        @Override
        public void dec() {
            own.dec();
            sum.dec();
        }

        @Override
        public void dec(long n) {
            own.dec(n);
            sum.dec(n);
        }

        @Override
        public long getCount() {
            return own.getCount();
        }
    }
}
