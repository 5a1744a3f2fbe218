package com.dataquality.dqs.stats;

/**
 * A running paired comparison of two forecasters on daily mean loss differences (challenger minus
 * champion), in the manner of a Diebold–Mariano test on daily means: the series of one day share
 * that day's surprises, so the day, not the series-day, is the unit of evidence.
 *
 * <p>Two views of the same numbers. The classic paired t-test (statistic, two-sided p-value,
 * confidence interval, effect size) describes where the comparison stands on a given day. The
 * decision uses a mixture sequential probability ratio (mSPRT, a normal mixture on the mean with a
 * unit-information prior): its evidence may be checked after every day, for ever, and the chance of
 * ever declaring a winner when the two are equal stays below alpha, where a t-test checked daily
 * would declare one sooner or later.
 *
 * <p>Immutable: {@link #plus} returns the comparison with one more day. A Flink POJO.
 */
public final class PairedComparison {
    /** Days compared. */
    public int days;

    /** Running mean of the daily differences (Welford). */
    public double mean;

    /** Running sum of squared deviations (Welford). */
    public double m2;

    public PairedComparison() {}

    private PairedComparison(int days, double mean, double m2) {
        this.days = days;
        this.mean = mean;
        this.m2 = m2;
    }

    public static PairedComparison empty() {
        return new PairedComparison(0, 0, 0);
    }

    /** This comparison with one more day's mean difference. */
    public PairedComparison plus(double dailyDifference) {
        int n = days + 1;
        double delta = dailyDifference - mean;
        double newMean = mean + delta / n;
        return new PairedComparison(n, newMean, m2 + delta * (dailyDifference - newMean));
    }

    /** Sample standard deviation of the daily differences (NaN before two days). */
    public double sd() {
        return days < 2 ? Double.NaN : Math.sqrt(m2 / (days - 1));
    }

    public double standardError() {
        return sd() / Math.sqrt(days);
    }

    /** The paired t statistic (NaN before two days or when the days do not vary). */
    public double tStatistic() {
        double se = standardError();
        return se > 0 ? mean / se : Double.NaN;
    }

    /** Two-sided p-value of the paired t-test. */
    public double pValue() {
        double t = tStatistic();
        return Double.isNaN(t) ? Double.NaN : 2 * StudentT.upperTail(Math.abs(t), days - 1);
    }

    /** The standardized effect: mean over standard deviation of the daily differences. */
    public double effectSize() {
        double sd = sd();
        return sd > 0 ? mean / sd : Double.NaN;
    }

    /** The confidence interval of the mean difference at {@code level} (e.g. 0.95). */
    public double[] confidenceInterval(double level) {
        if (days < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double q = StudentT.quantile(1 - (1 - level) / 2, days - 1);
        double half = q * standardError();
        return new double[] {mean - half, mean + half};
    }

    /**
     * The mixture likelihood ratio against a zero mean, with the unknown variance plugged in and a
     * N(0, σ²) mixture over the mean: Λ = (1 + n)^-½ · exp(n/(n+1) · t²/2). Declaring a difference
     * when Λ ≥ 1/alpha keeps the chance of a false declaration below alpha however often it is
     * checked.
     */
    public double evidence() {
        double t = tStatistic();
        if (Double.isNaN(t)) {
            return 0;
        }
        return Math.exp(days / (days + 1.0) * t * t / 2 - 0.5 * Math.log1p(days));
    }

    /** Whether the challenger is better (mean difference below 0) beyond doubt at {@code alpha}. */
    public boolean challengerWins(double alpha, int minDays) {
        return days >= minDays && mean < 0 && evidence() >= 1 / alpha;
    }

    /**
     * The same differences as if each were {@code by} larger: {@code shifted(m).challengerWins}
     * asks whether the challenger is better by more than {@code m}, beyond doubt.
     */
    public PairedComparison shifted(double by) {
        return new PairedComparison(days, mean + by, m2);
    }

    /** Whether the champion is better beyond doubt at {@code alpha}. */
    public boolean championWins(double alpha, int minDays) {
        return days >= minDays && mean > 0 && evidence() >= 1 / alpha;
    }
}
