package com.dataquality.dqs.scoring;

/**
 * A series' counts of a day not closed yet, as the forecast operator keeps them in map state (day →
 * executions and passes packed in one long): records may run far ahead of the watermark (a bounded
 * run reads everything before any day closes), and a map keeps each day apart without rewriting the
 * rest.
 */
public final class OpenDays {
    private OpenDays() {}

    public static long pack(int executions, int passes) {
        return ((long) executions << 32) | (passes & 0xffffffffL);
    }

    public static int executions(long packed) {
        return (int) (packed >>> 32);
    }

    public static int passes(long packed) {
        return (int) packed;
    }

    public static long add(Long packed, int executions, int passes) {
        return packed == null
                ? pack(executions, passes)
                : pack(executions(packed) + executions, passes(packed) + passes);
    }
}
