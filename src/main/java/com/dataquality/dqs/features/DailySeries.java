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
     * What a forecast of {@code targetDay} may see: the observed days in [targetDay - {@link
     * SeriesHistory#WINDOW_DAYS}, targetDay - 1], exactly what a streaming {@link SeriesHistory}
     * built day by day holds at that point.
     */
    public SeriesHistory historyBefore(int targetDay) {
        int from = indexAtOrAfter(targetDay - SeriesHistory.WINDOW_DAYS);
        int to = indexAtOrAfter(targetDay);
        return new SeriesHistory(
                Arrays.copyOfRange(days, from, to),
                Arrays.copyOfRange(executions, from, to),
                Arrays.copyOfRange(passes, from, to));
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
