package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.stream.MetricNames;
import java.util.EnumMap;
import java.util.Map;

/**
 * The record counts of a run, read from the job's accumulators.
 *
 * @param deadLetteredByReason every reason present, zero when none
 */
public record RunCounts(long read, long valid, Map<RejectReason, Long> deadLetteredByReason) {

    public long deadLettered() {
        return deadLetteredByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The contract's invariant: {@code records_read = records_valid + records_dead_lettered}. */
    public boolean balanced() {
        return read == valid + deadLettered();
    }

    /** Reads the counts from a job's accumulator values (absent ones are zero). */
    public static RunCounts fromAccumulators(Map<String, Object> accumulators) {
        Map<RejectReason, Long> dead = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            dead.put(
                    reason,
                    number(accumulators.get(MetricNames.DEAD_LETTERED_PREFIX + reason.name())));
        }
        return new RunCounts(
                number(accumulators.get(MetricNames.RECORDS_READ)),
                number(accumulators.get(MetricNames.RECORDS_VALID)),
                dead);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
