package com.dataquality.dqs.features;

/**
 * Bounded aggregates of a series' whole history, folded in one day at a time in date order: the
 * running counts, execution-weighted exponentially weighted pass rates, per-weekday rates and the
 * sums of a linear trend. They live in a {@code double[]} of {@link #SIZE} values (integers up to
 * 2^53 are exact in a double), so that {@link SeriesState} can keep them as a Flink POJO field.
 *
 * <p>Why one fold, day by day: {@link SeriesState} folds the days that leave its window, and {@link
 * FeatureExtractor} continues the same fold over the window's days before the forecast day.
 * Whatever the split between "already folded" and "still in the window" (training builds the state
 * up to the day before each forecast, the streaming job may hold later days when it forecasts a
 * late day), the same days go through the same arithmetic in the same order, so the features are
 * the same bits. Decay factors come from tables computed with {@link StrictMath}, identical on
 * every JVM.
 *
 * <p>Not thread-safe state: callers pass the array; this class is stateless.
 */
public final class HistoryFold {

    /** Layout version of the array; bump it when the layout changes (old arrays are dropped). */
    public static final int LAYOUT = 1;

    /** Half-lives (days) of the exponentially weighted pass rates. */
    static final int[] HALF_LIVES = {3, 7, 21, 60, 180};

    /** Half-life (days) of the exponentially weighted per-weekday pass rates. */
    static final int WEEKDAY_HALF_LIFE = 60;

    static final int DAYS = 0;
    static final int FIRST = 1;
    static final int LAST = 2;
    static final int EXECUTIONS = 3;
    static final int PASSES = 4;
    static final int VALUE_SUM = 5;
    static final int VALUE_SQUARES = 6;
    static final int EW = 7; // per half-life k: passes at EW + 2k, executions at EW + 2k + 1
    static final int WEEKDAY = EW + 2 * HALF_LIVES.length; // per ISO weekday w: at + 2(w-1), +1
    static final int WEEKDAY_EW = WEEKDAY + 14; // the same, exponentially weighted
    static final int TREND_T = WEEKDAY_EW + 14; // Σ t, t = day - first day
    static final int TREND_TT = TREND_T + 1; // Σ t²
    static final int TREND_TV = TREND_T + 2; // Σ t · value

    /** Values in the array. */
    public static final int SIZE = TREND_TV + 1;

    /** Gaps up to this many days take their decay from a table; longer ones are computed. */
    private static final int TABLE_DAYS = 400;

    private static final double[][] DECAY = new double[HALF_LIVES.length][];
    private static final double[] WEEKDAY_DECAY;

    static {
        for (int k = 0; k < HALF_LIVES.length; k++) {
            DECAY[k] = table(HALF_LIVES[k]);
        }
        WEEKDAY_DECAY = table(WEEKDAY_HALF_LIFE);
    }

    private HistoryFold() {}

    private static double[] table(int halfLife) {
        double[] t = new double[TABLE_DAYS + 1];
        for (int g = 0; g <= TABLE_DAYS; g++) {
            t[g] = StrictMath.pow(2.0, -g / (double) halfLife);
        }
        return t;
    }

    private static double decay(double[] table, int halfLife, int gap) {
        return gap <= TABLE_DAYS ? table[gap] : StrictMath.pow(2.0, -gap / (double) halfLife);
    }

    /** An empty fold. */
    public static double[] empty() {
        return new double[SIZE];
    }

    /** ISO day of week (Monday = 1) of an epoch day (1970-01-01 was a Thursday). */
    public static int dayOfWeek(int epochDay) {
        return Math.floorMod(epochDay + 3, 7) + 1;
    }

    /** Folds one day (later than every day folded so far, executions &gt; 0) into {@code a}. */
    public static void fold(double[] a, int day, int executions, int passes) {
        if (a[DAYS] == 0) {
            a[FIRST] = day;
            a[LAST] = day;
        }
        int gap = day - (int) a[LAST];
        double value = 100.0 * passes / executions;
        a[DAYS] += 1;
        a[EXECUTIONS] += executions;
        a[PASSES] += passes;
        a[VALUE_SUM] += value;
        a[VALUE_SQUARES] += value * value;
        for (int k = 0; k < HALF_LIVES.length; k++) {
            double d = decay(DECAY[k], HALF_LIVES[k], gap);
            int i = EW + 2 * k;
            a[i] = a[i] * d + passes;
            a[i + 1] = a[i + 1] * d + executions;
        }
        int w = dayOfWeek(day);
        a[WEEKDAY + 2 * (w - 1)] += passes;
        a[WEEKDAY + 2 * (w - 1) + 1] += executions;
        double d = decay(WEEKDAY_DECAY, WEEKDAY_HALF_LIFE, gap);
        for (int i = WEEKDAY_EW; i < WEEKDAY_EW + 14; i++) {
            a[i] *= d;
        }
        a[WEEKDAY_EW + 2 * (w - 1)] += passes;
        a[WEEKDAY_EW + 2 * (w - 1) + 1] += executions;
        double t = day - a[FIRST];
        a[TREND_T] += t;
        a[TREND_TT] += t * t;
        a[TREND_TV] += t * value;
        a[LAST] = day;
    }

    /** Days folded. */
    static double days(double[] a) {
        return a[DAYS];
    }

    /** The newest day folded; meaningless when nothing is. */
    static int last(double[] a) {
        return (int) a[LAST];
    }

    /** 100 × passes / executions, NaN without executions. */
    static double rate(double passes, double executions) {
        return executions > 0 ? 100.0 * passes / executions : Double.NaN;
    }
}
