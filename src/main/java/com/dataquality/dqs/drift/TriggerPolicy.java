package com.dataquality.dqs.drift;

/**
 * When drift signals turn into a retraining: at least {@code triggerSignalDays} days with a drift
 * event within the last {@code triggerWindow} closed days (hysteresis: one day is not enough), and
 * not within {@code coolDownDays} of the previous trigger (a retrained model needs days to show
 * whether it helped). Immutable, for Flink value state.
 *
 * @param lastDay the last day recorded (epoch day), or {@link Integer#MIN_VALUE} before the first
 * @param signals bit i set when day {@code lastDay - i} had a drift signal
 * @param lastTrigger the day of the previous trigger, or {@link Integer#MIN_VALUE}
 */
public record TriggerPolicy(int lastDay, long signals, int lastTrigger) {

    public static final TriggerPolicy START =
            new TriggerPolicy(Integer.MIN_VALUE, 0L, Integer.MIN_VALUE);

    /** Records a closed day (days must come in increasing order; an older day is ignored). */
    public TriggerPolicy record(int day, boolean signal) {
        if (lastDay != Integer.MIN_VALUE && day <= lastDay) {
            return signal && day == lastDay
                    ? new TriggerPolicy(day, signals | 1L, lastTrigger)
                    : this;
        }
        long shifted =
                lastDay == Integer.MIN_VALUE || day - lastDay >= 63
                        ? 0L
                        : signals << (day - lastDay);
        return new TriggerPolicy(day, shifted | (signal ? 1L : 0L), lastTrigger);
    }

    /** Signal days within the window ending at the last recorded day. */
    public int signalDays(int window) {
        long mask = window >= 64 ? -1L : (1L << window) - 1;
        return Long.bitCount(signals & mask);
    }

    public boolean shouldTrigger(DriftSettings s) {
        boolean coolingDown =
                lastTrigger != Integer.MIN_VALUE && lastDay - lastTrigger < s.coolDownDays();
        return !coolingDown && signalDays(s.triggerWindow()) >= s.triggerSignalDays();
    }

    /** After a trigger: the evidence is spent, the cool-down starts. */
    public TriggerPolicy triggered() {
        return new TriggerPolicy(lastDay, 0L, lastDay);
    }

    /** A new model: earlier signals were about the old one; the cool-down stays. */
    public TriggerPolicy newModel() {
        return new TriggerPolicy(lastDay, 0L, lastTrigger);
    }
}
