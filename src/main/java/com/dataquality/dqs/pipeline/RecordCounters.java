package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.stream.MetricNames;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;

/**
 * The record counts of CONTRACT.md's run report, twice: as metrics (the dashboard and REST API,
 * live) and as accumulators (the job result, summed over subtasks, which the run report is built
 * from). {@code records_read = records_valid + records_dead_lettered} holds because each record is
 * counted as read once and as exactly one of the other two.
 */
final class RecordCounters {
    private final Counter read;
    private final Counter valid;
    private final Map<RejectReason, Counter> deadByReason = new EnumMap<>(RejectReason.class);
    private final LongCounter readTotal;
    private final LongCounter validTotal;
    private final Map<RejectReason, LongCounter> deadTotalByReason =
            new EnumMap<>(RejectReason.class);

    RecordCounters(StreamingRuntimeContext context, MetricGroup operatorMetrics) {
        MetricGroup group = operatorMetrics.addGroup(MetricNames.GROUP);
        read = group.counter(MetricNames.RECORDS_READ);
        valid = group.counter(MetricNames.RECORDS_VALID);
        Counter deadAll = group.counter(MetricNames.RECORDS_DEAD_LETTERED);
        readTotal = context.getLongCounter(MetricNames.RECORDS_READ);
        validTotal = context.getLongCounter(MetricNames.RECORDS_VALID);
        for (RejectReason reason : RejectReason.values()) {
            String name = MetricNames.DEAD_LETTERED_PREFIX + reason.name();
            // One counter per reason, plus the sum the dashboard shows at a glance.
            deadByReason.put(reason, new SumCounter(group.counter(name), deadAll));
            deadTotalByReason.put(reason, context.getLongCounter(name));
        }
    }

    void valid() {
        read.inc();
        readTotal.add(1L);
        valid.inc();
        validTotal.add(1L);
    }

    void dead(RejectReason reason) {
        read.inc();
        readTotal.add(1L);
        deadByReason.get(reason).inc();
        deadTotalByReason.get(reason).add(1L);
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
