package com.dataquality.dqs.scoring;

/**
 * The anomaly test of a realized day, free of Flink and shared with the benchmark that measures it:
 * the day alone, then the day together with the day before.
 *
 * <p>A day of 3 executions can only be 0, 33, 67 or 100%: for a rule that usually passes, even 0 of
 * 3 is not unlikely enough under a calibrated forecast to stand out at 99%. Two low days in a row
 * are: so a day that is not abnormal alone is judged again over both days (passes and executions
 * added, the forecasts' means weighted by executions), when the day before was realized, was not an
 * anomaly itself, and today lies on the same side of its own median. The two days are judged as one
 * draw of the pass probability (one beta-binomial of their executions), which assumes they share a
 * cause and so never overstates the evidence.
 */
public final class AnomalyJudge {
    private AnomalyJudge() {}

    /** A realized day: the forecast's mean and what happened. */
    public record Realized(int day, double mean, int executions, int passes) {}

    /**
     * An anomaly: where the window's pass percentage fell against its forecast distribution.
     *
     * @param side -1 below the interval, +1 above
     * @param critical also outside the {@link ForecastSettings#CRITICAL_LEVEL} interval
     * @param windowDays 1 (the day alone) or 2 (the day and the day before)
     * @param executions the window's executions
     * @param passes the window's passes
     */
    public record Verdict(
            int side,
            boolean critical,
            double median,
            double lower,
            double upper,
            double tailProbability,
            int windowDays,
            int executions,
            int passes) {

        public double actualPassPercentage() {
            return 100.0 * passes / executions;
        }
    }

    /**
     * @param before the day before, realized and not an anomaly itself, or null
     * @return the verdict, or null when the day is ordinary
     */
    public static Verdict judge(Scorer scorer, Realized today, Realized before, double level) {
        PredictiveDistribution alone = scorer.distributionFor(today.mean(), today.executions());
        Verdict v = verdict(alone, today.executions(), today.passes(), level, 1);
        if (v != null || before == null || before.day() != today.day() - 1) {
            return v;
        }
        int n = today.executions() + before.executions();
        double mean = (today.mean() * today.executions() + before.mean() * before.executions()) / n;
        Verdict both =
                verdict(
                        scorer.distributionFor(mean, n),
                        n,
                        today.passes() + before.passes(),
                        level,
                        2);
        if (both == null) {
            return null;
        }
        double todayValue = 100.0 * today.passes() / today.executions();
        double median = alone.median();
        boolean sameSide = both.side() < 0 ? todayValue < median : todayValue > median;
        return sameSide ? both : null;
    }

    private static Verdict verdict(
            PredictiveDistribution d, int executions, int passes, double level, int windowDays) {
        if (!d.hasInterval()) {
            return null;
        }
        // Beyond BetaBinomial.MAX_EXECUTIONS the distribution's grid is coarser than the window's:
        // its passes are judged at the same share on that grid.
        int n = d.expectedExecutions();
        int k = n == executions ? passes : (int) Math.round((double) passes * n / executions);
        int side = d.side(k, level);
        if (side == 0) {
            return null;
        }
        double[] interval = d.interval(level);
        return new Verdict(
                side,
                d.side(k, ForecastSettings.CRITICAL_LEVEL) != 0,
                d.median(),
                interval[0],
                interval[1],
                d.tailProbability(k),
                windowDays,
                executions,
                passes);
    }
}
