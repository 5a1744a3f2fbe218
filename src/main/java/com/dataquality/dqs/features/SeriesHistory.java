package com.dataquality.dqs.features;

import java.util.Arrays;

/**
 * The recent daily counts of one series (dataset_uuid, rule_code): for each observed day, its epoch
 * day, its number of executions and its number of passes, oldest first.
 *
 * <p>Only the last {@link #WINDOW_DAYS} days relative to the newest day are kept, so the size is
 * bounded whatever the length of the series. The fields are arrays of primitives so that Flink
 * keeps it in keyed state as a POJO (records are POJOs in Flink 2) without falling back to Kryo.
 * Instances are immutable: {@link #plus} returns a new history.
 *
 * @param days epoch days, strictly increasing
 * @param executions executions per day (warnings included), each &gt; 0
 * @param passes passes per day, each in [0, executions]
 */
public record SeriesHistory(int[] days, int[] executions, int[] passes) {

    /** Days of history kept: the longest look-back of a feature ({@code ma_56_day}). */
    public static final int WINDOW_DAYS = 56;

    private static final SeriesHistory EMPTY =
            new SeriesHistory(new int[0], new int[0], new int[0]);

    public SeriesHistory {
        if (days.length != executions.length || days.length != passes.length) {
            throw new IllegalArgumentException("history arrays differ in length");
        }
    }

    public static SeriesHistory empty() {
        return EMPTY;
    }

    public int size() {
        return days.length;
    }

    /** 100 × passes / executions on the i-th kept day. */
    public double passPercentage(int i) {
        return 100.0 * passes[i] / executions[i];
    }

    /**
     * This history with {@code executions}/{@code passes} added to {@code day} (merged into the day
     * when it is already present), without the days that fall out of the window. A day older than
     * the window is ignored.
     */
    public SeriesHistory plus(int day, int addExecutions, int addPasses) {
        if (addExecutions <= 0) {
            return this;
        }
        int newest = days.length == 0 ? day : Math.max(day, days[days.length - 1]);
        int oldestKept = newest - WINDOW_DAYS + 1;
        if (day < oldestKept) {
            return this;
        }
        int pos = Arrays.binarySearch(days, day);
        int from = firstIndexAtOrAfter(oldestKept);
        if (pos >= 0) {
            int[] e = Arrays.copyOfRange(executions, from, days.length);
            int[] p = Arrays.copyOfRange(passes, from, days.length);
            e[pos - from] += addExecutions;
            p[pos - from] += addPasses;
            return new SeriesHistory(Arrays.copyOfRange(days, from, days.length), e, p);
        }
        int insert = -pos - 1;
        int n = days.length - from + 1;
        int[] d = new int[n];
        int[] e = new int[n];
        int[] p = new int[n];
        int k = 0;
        for (int i = from; i <= days.length; i++) {
            if (i == insert) {
                d[k] = day;
                e[k] = addExecutions;
                p[k] = addPasses;
                k++;
            }
            if (i < days.length) {
                d[k] = days[i];
                e[k] = executions[i];
                p[k] = passes[i];
                k++;
            }
        }
        return new SeriesHistory(d, e, p);
    }

    /**
     * The part of this history a forecast of {@code targetDay} may see: days in [targetDay -
     * WINDOW_DAYS, targetDay - 1]. Returns this instance when nothing has to be cut.
     */
    public SeriesHistory before(int targetDay) {
        int from = firstIndexAtOrAfter(targetDay - WINDOW_DAYS);
        int to = firstIndexAtOrAfter(targetDay);
        if (from == 0 && to == days.length) {
            return this;
        }
        return new SeriesHistory(
                Arrays.copyOfRange(days, from, to),
                Arrays.copyOfRange(executions, from, to),
                Arrays.copyOfRange(passes, from, to));
    }

    private int firstIndexAtOrAfter(int day) {
        int pos = Arrays.binarySearch(days, day);
        return pos >= 0 ? pos : -pos - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesHistory h
                && Arrays.equals(days, h.days)
                && Arrays.equals(executions, h.executions)
                && Arrays.equals(passes, h.passes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(days) + Arrays.hashCode(executions))
                + Arrays.hashCode(passes);
    }

    @Override
    public String toString() {
        return "SeriesHistory"
                + Arrays.toString(days)
                + Arrays.toString(executions)
                + Arrays.toString(passes);
    }
}
