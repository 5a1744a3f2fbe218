package com.dataquality.dqs.features;

import java.util.Arrays;

/**
 * What a forecast of one series (dataset_uuid, rule_code) may know: its closed days, kept bounded.
 * Training, {@code predict}/{@code batch-predict} and the streaming job all build it the same way,
 * one day at a time in date order ({@link #add}), and the {@link FeatureExtractor} reads features
 * from it: the one feature code path starts here.
 *
 * <p>Two parts, both bounded whatever the length of the history:
 *
 * <ul>
 *   <li><b>the window</b>: the last {@link #WINDOW_DAYS} days up to the newest day, day by day
 *       (executions and passes per day, oldest first). A window feature looks back at most {@link
 *       #LOOKBACK_DAYS} days before the day it forecasts; the 15 days more let a late forecast (the
 *       streaming job forecasts a day up to 14 days behind the newest) still look back fully.
 *   <li><b>the folded history</b> ({@link #history}, a {@link HistoryFold}): aggregates of every
 *       day older than the window, folded in, in date order, at the moment the day leaves the
 *       window (when a day {@code WINDOW_DAYS} or more after it is added). It holds only days older
 *       than every day of the window.
 * </ul>
 *
 * <p>Semantics of a forecast of day T ({@link FeatureExtractor#extract}): it sees exactly the days
 * before T. The window's days on or after T are ignored; the whole-history features start from the
 * folded history and continue the same fold over the window's days before T, so that "all days
 * before T" goes through the same arithmetic in the same order whether a day was folded already or
 * still sits in the window, and a state that holds later days (a late forecast) gives the same bits
 * as the state built up to T - 1. This needs every folded day to be before T: a state whose folded
 * history reaches T or later (T more than {@code WINDOW_DAYS} days behind the newest day) cannot
 * take it out again, so such a forecast ignores the folded history and sees only the window's days
 * before T.
 *
 * <p>Days may arrive out of order (a late record in the streaming job): a day inside the window is
 * merged where it belongs, one older than the window changes nothing (neither the window nor the
 * folded history: its features would then differ from training's, where every day counts, but a
 * folded day cannot be unfolded and refolded). A state restored from a version without the folded
 * history (or with another {@link HistoryFold#LAYOUT}) starts its folded history afresh from the
 * days that leave its window from then on.
 *
 * <p>A Flink POJO (public fields, public no-argument constructor): it is the forecast operator's
 * keyed state, so its fields are its serialized form. Mutable, for one thread.
 */
public final class SeriesState {

    /** The longest look-back of a feature ({@code ma_56_day}). */
    public static final int LOOKBACK_DAYS = 56;

    /**
     * Days kept, the newest included: the look-back, plus the two weeks a late record can still
     * reach back, plus the day itself. The streaming job forecasts a day T as late as 14 days
     * behind the newest day N; T's look-back starts at T - 56 = N - 70, so the window [N - 70, N]
     * holds 71 days (with 70, as before, such a forecast missed its oldest day).
     */
    public static final int WINDOW_DAYS = LOOKBACK_DAYS + 15;

    public String datasetUuid;
    public int ruleCode;

    /** Epoch days in the window, strictly increasing. */
    public int[] days = new int[0];

    /** Executions on each day (warnings included), each &gt; 0. */
    public int[] executions = new int[0];

    /** Passes on each day, each in [0, executions]. */
    public int[] passes = new int[0];

    /**
     * The days older than the window, folded ({@link HistoryFold}, {@link HistoryFold#SIZE}
     * values); empty before the first day leaves the window.
     */
    public double[] history = new double[0];

    /** {@link HistoryFold#LAYOUT} of {@link #history}, 0 when it is empty. */
    public int historyLayout;

    /** For Flink's POJO serializer. */
    public SeriesState() {}

    public static SeriesState of(String datasetUuid, int ruleCode) {
        SeriesState s = new SeriesState();
        s.datasetUuid = datasetUuid;
        s.ruleCode = ruleCode;
        return s;
    }

    /** A state holding the given days (epoch days strictly increasing, same lengths). */
    public static SeriesState of(
            String datasetUuid, int ruleCode, int[] days, int[] executions, int[] passes) {
        if (days.length != executions.length || days.length != passes.length) {
            throw new IllegalArgumentException("series arrays differ in length");
        }
        SeriesState s = of(datasetUuid, ruleCode);
        for (int i = 0; i < days.length; i++) {
            s.add(days[i], executions[i], passes[i]);
        }
        return s;
    }

    public int size() {
        return days.length;
    }

    /** The newest day held, or {@link Integer#MIN_VALUE} when empty. */
    public int newestDay() {
        return days.length == 0 ? Integer.MIN_VALUE : days[days.length - 1];
    }

    /** 100 × passes / executions on the i-th kept day. */
    public double passPercentage(int i) {
        return 100.0 * passes[i] / executions[i];
    }

    /** Executions on {@code day}, 0 when it is not held. */
    public int executionsOn(int day) {
        int pos = Arrays.binarySearch(days, day);
        return pos >= 0 ? executions[pos] : 0;
    }

    /**
     * Adds a day's counts: merged into the day when it is held, inserted in order otherwise; days
     * that fall out of the window go. Nothing happens for no executions or a day older than the
     * window.
     */
    public void add(int day, int addExecutions, int addPasses) {
        if (addExecutions <= 0) {
            return;
        }
        int newest = Math.max(day, newestDay());
        int oldestKept = newest - WINDOW_DAYS + 1;
        if (day < oldestKept) {
            return;
        }
        int pos = Arrays.binarySearch(days, day);
        if (pos >= 0) {
            executions[pos] += addExecutions;
            passes[pos] += addPasses;
            return;
        }
        int from = indexAtOrAfter(oldestKept);
        for (int i = 0; i < from; i++) {
            foldIntoHistory(days[i], executions[i], passes[i]);
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
        days = d;
        executions = e;
        passes = p;
    }

    /** The folded history, when it is of this build's layout and holds a day; else null. */
    public double[] foldedHistory() {
        return historyLayout == HistoryFold.LAYOUT
                        && history != null
                        && history.length == HistoryFold.SIZE
                        && HistoryFold.days(history) > 0
                ? history
                : null;
    }

    private void foldIntoHistory(int day, int dayExecutions, int dayPasses) {
        if (foldedHistory() == null) {
            history = HistoryFold.empty();
            historyLayout = HistoryFold.LAYOUT;
        }
        HistoryFold.fold(history, day, dayExecutions, dayPasses);
    }

    /** Index of the first held day on or after {@code day} ({@link #size()} when none). */
    public int indexAtOrAfter(int day) {
        int pos = Arrays.binarySearch(days, day);
        return pos >= 0 ? pos : -pos - 1;
    }

    /** Whether any day in [fromDay, toDay] is held. */
    public boolean observedWithin(int fromDay, int toDay) {
        int i = indexAtOrAfter(fromDay);
        return i < days.length && days[i] <= toDay;
    }

    public SeriesState copy() {
        SeriesState s = of(datasetUuid, ruleCode);
        s.days = days.clone();
        s.executions = executions.clone();
        s.passes = passes.clone();
        s.history = history == null ? new double[0] : history.clone();
        s.historyLayout = historyLayout;
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesState s
                && java.util.Objects.equals(datasetUuid, s.datasetUuid)
                && ruleCode == s.ruleCode
                && Arrays.equals(days, s.days)
                && Arrays.equals(executions, s.executions)
                && Arrays.equals(passes, s.passes)
                && Arrays.equals(history, s.history)
                && historyLayout == s.historyLayout;
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hashCode(datasetUuid) + ruleCode;
    }

    @Override
    public String toString() {
        return "SeriesState["
                + datasetUuid
                + "/"
                + ruleCode
                + Arrays.toString(days)
                + Arrays.toString(executions)
                + Arrays.toString(passes)
                + (foldedHistory() == null
                        ? ""
                        : ", " + (long) HistoryFold.days(history) + " older days folded")
                + "]";
    }
}
