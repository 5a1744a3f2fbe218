package com.dataquality.dqs.stream;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * Days in event time, and the one pending day-close timer per key that the keyed stages keep. A
 * business day d is the event-time interval [d × 1 day, (d + 1) × 1 day); it closes when the
 * watermark reaches its last millisecond.
 */
public final class DayCloses {
    public static final long MILLIS_PER_DAY = 86_400_000L;

    /** Event-time timers at this instant fire only at the end of a bounded input. */
    public static final long END_OF_INPUT = Long.MAX_VALUE;

    private DayCloses() {}

    public static long endOfDay(int day) {
        return (day + 1L) * MILLIS_PER_DAY - 1;
    }

    public static int dayOf(long millis) {
        return (int) Math.floorDiv(millis, MILLIS_PER_DAY);
    }

    /**
     * Keeps one pending day-close timer, the earliest, its time held in {@code pending}: a later
     * record must not add a second timer that would fire at the same watermark and publish the key
     * twice.
     */
    public static void schedule(ValueState<Long> pending, TimerService timers, long closeAt)
            throws Exception {
        if (closeAt == END_OF_INPUT) {
            return;
        }
        Long current = pending.value();
        if (current != null && current <= closeAt) {
            return;
        }
        if (current != null) {
            timers.deleteEventTimeTimer(current);
        }
        timers.registerEventTimeTimer(closeAt);
        pending.update(closeAt);
    }
}
