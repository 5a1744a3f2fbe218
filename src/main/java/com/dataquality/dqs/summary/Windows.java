package com.dataquality.dqs.summary;

/** The rolling windows and trend rule of CONTRACT.md §3, in one place. */
public final class Windows {
    /** A record is in a window when {@code business_date >= reference_date - days}. */
    public static final int DAYS_1M = 30;

    public static final int DAYS_3M = 90;
    public static final int DAYS_12M = 365;

    /** Trend threshold on {@code fail_rate_1m - fail_rate_3m}. */
    public static final double TREND_THRESHOLD = 0.05;

    private Windows() {}

    /** {@code fail / (pass + fail)}, 0.0 when both are 0; warnings are not in the denominator. */
    public static double failRate(long pass, long fail) {
        long n = pass + fail;
        return n == 0 ? 0.0 : (double) fail / n;
    }

    public static String trend(double failRate1m, double failRate3m) {
        double delta = failRate1m - failRate3m;
        if (delta > TREND_THRESHOLD) {
            return "up";
        }
        if (delta < -TREND_THRESHOLD) {
            return "down";
        }
        return "equal";
    }
}
