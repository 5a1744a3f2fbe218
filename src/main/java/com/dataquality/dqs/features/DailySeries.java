package com.dataquality.dqs.features;

import java.util.Arrays;

/**
 * The whole daily history of one series, as bounded inputs (training data, a {@code --history}
 * file) give it: one entry per observed day, oldest first.
 *
 * @param days epoch days, strictly increasing
 * @param executions executions per day (warnings included)
 * @param passes passes per day
 */
public record DailySeries(
        String datasetUuid, int ruleCode, int[] days, int[] executions, int[] passes) {

    public int size() {
        return days.length;
    }

    /** 100 × passes / executions on the i-th observed day. */
    public double passPercentage(int i) {
        return 100.0 * passes[i] / executions[i];
    }

    /** Index of the first observed day on or after {@code day} ({@link #size()} when none). */
    public int indexAtOrAfter(int day) {
        int pos = Arrays.binarySearch(days, day);
        return pos >= 0 ? pos : -pos - 1;
    }

    /**
     * What a forecast of {@code targetDay} may see: the state built day by day, in date order, from
     * every observed day before it (the whole history: older days are folded as they leave the
     * window), exactly as the streaming job builds it as days close. Costs one {@link
     * SeriesState#add} per day of history; {@link SeriesCursor} is the fast form for many days of
     * one series.
     */
    public SeriesState stateBefore(int targetDay) {
        SeriesState state = SeriesState.of(datasetUuid, ruleCode);
        int to = indexAtOrAfter(targetDay);
        for (int i = 0; i < to; i++) {
            state.add(days[i], executions[i], passes[i]);
        }
        return state;
    }

    /**
     * This series with a day's counts added (merged into the day when present), keeping only the
     * last {@code keepDays} days before the newest: the bounded form the job's retrainer keeps.
     */
    public DailySeries plus(int day, int addExecutions, int addPasses, int keepDays) {
        int pos = Arrays.binarySearch(days, day);
        int[] d;
        int[] e;
        int[] p;
        if (pos >= 0) {
            d = days;
            e = executions.clone();
            p = passes.clone();
            e[pos] += addExecutions;
            p[pos] += addPasses;
        } else {
            int at = -pos - 1;
            d = insert(days, at, day);
            e = insert(executions, at, addExecutions);
            p = insert(passes, at, addPasses);
        }
        int from = 0;
        int oldestKept = d[d.length - 1] - keepDays + 1;
        while (from < d.length && d[from] < oldestKept) {
            from++;
        }
        return new DailySeries(
                datasetUuid,
                ruleCode,
                Arrays.copyOfRange(d, from, d.length),
                Arrays.copyOfRange(e, from, e.length),
                Arrays.copyOfRange(p, from, p.length));
    }

    /** This series without the days after {@code lastDay}. */
    public DailySeries through(int lastDay) {
        int to = indexAtOrAfter(lastDay + 1);
        return to == days.length
                ? this
                : new DailySeries(
                        datasetUuid,
                        ruleCode,
                        Arrays.copyOf(days, to),
                        Arrays.copyOf(executions, to),
                        Arrays.copyOf(passes, to));
    }

    private static int[] insert(int[] a, int at, int value) {
        int[] out = new int[a.length + 1];
        System.arraycopy(a, 0, out, 0, at);
        out[at] = value;
        System.arraycopy(a, at, out, at + 1, a.length - at);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DailySeries s
                && datasetUuid.equals(s.datasetUuid)
                && ruleCode == s.ruleCode
                && Arrays.equals(days, s.days)
                && Arrays.equals(executions, s.executions)
                && Arrays.equals(passes, s.passes);
    }

    @Override
    public int hashCode() {
        return datasetUuid.hashCode() * 31 + ruleCode;
    }

    @Override
    public String toString() {
        return "DailySeries[" + datasetUuid + "/" + ruleCode + ", " + days.length + " days]";
    }
}
