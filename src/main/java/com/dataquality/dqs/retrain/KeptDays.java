package com.dataquality.dqs.retrain;

import java.util.Arrays;

/**
 * The recent closed days of one series, as the job's retrainer keeps them in state: at most the
 * last {@code keepDays} days before the series' newest, oldest first. A mutable POJO of primitive
 * arrays, so that Flink serializes it without Kryo.
 */
public final class KeptDays {
    public String datasetUuid;
    public int ruleCode;
    public int[] days = new int[0];
    public int[] executions = new int[0];
    public int[] passes = new int[0];

    public KeptDays() {}

    public KeptDays(String datasetUuid, int ruleCode) {
        this.datasetUuid = datasetUuid;
        this.ruleCode = ruleCode;
    }

    /** Adds a day (merged when present) and drops the days that fall out of the window. */
    public void add(int day, int addExecutions, int addPasses, int keepDays) {
        int pos = Arrays.binarySearch(days, day);
        if (pos >= 0) {
            executions[pos] += addExecutions;
            passes[pos] += addPasses;
        } else {
            int at = -pos - 1;
            days = insert(days, at, day);
            executions = insert(executions, at, addExecutions);
            passes = insert(passes, at, addPasses);
        }
        int oldestKept = days[days.length - 1] - keepDays + 1;
        int from = 0;
        while (from < days.length && days[from] < oldestKept) {
            from++;
        }
        if (from > 0) {
            days = Arrays.copyOfRange(days, from, days.length);
            executions = Arrays.copyOfRange(executions, from, executions.length);
            passes = Arrays.copyOfRange(passes, from, passes.length);
        }
    }

    private static int[] insert(int[] a, int at, int value) {
        int[] out = new int[a.length + 1];
        System.arraycopy(a, 0, out, 0, at);
        out[at] = value;
        System.arraycopy(a, at, out, at + 1, a.length - at);
        return out;
    }
}
