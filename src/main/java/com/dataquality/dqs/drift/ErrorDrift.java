package com.dataquality.dqs.drift;

import com.dataquality.dqs.model.DriftReference.ErrorDistribution;

/**
 * Standardizes a day's mean realized absolute error against the model's holdout error, for {@link
 * PageHinkley}: {@code z = (mean - holdout mean) / daily spread}, where the daily spread is the
 * standard deviation of the holdout's daily mean error (older model files without it: the row
 * standard deviation over the square root of the day's rows).
 */
public final class ErrorDrift {

    private ErrorDrift() {}

    /** The day's z; NaN when the day has no error or the reference has no spread. */
    public static double standardized(ErrorDistribution holdout, double dayMean, int dayRows) {
        double spread = spread(holdout, dayRows);
        if (dayRows == 0 || !(spread > 0)) {
            return Double.NaN;
        }
        return (dayMean - holdout.mean()) / spread;
    }

    static double spread(ErrorDistribution holdout, int dayRows) {
        if (holdout.dailyMeanStd() != null && holdout.dailyMeanStd() > 0) {
            return holdout.dailyMeanStd();
        }
        return dayRows == 0 ? Double.NaN : holdout.std() / Math.sqrt(dayRows);
    }

    /**
     * The Page-Hinkley tolerance in z units: {@code delta} daily spreads, but at least the relative
     * rise that settings tolerate.
     */
    public static double delta(ErrorDistribution holdout, int dayRows, DriftSettings settings) {
        double spread = spread(holdout, dayRows);
        return Math.max(settings.phDelta(), settings.phMinRelativeRise() * holdout.mean() / spread);
    }
}
