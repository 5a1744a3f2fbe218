package com.dataquality.dqs.drift;

import com.dataquality.dqs.model.DriftReference.ErrorDistribution;

/**
 * Standardizes a day's mean realized absolute error against the model's holdout error, for {@link
 * PageHinkley}: {@code z = (mean - holdout mean) / daily spread}, where the daily spread is the
 * standard deviation of the holdout's daily mean error or, when larger (small days, older model
 * files without it), the row standard deviation over the square root of the day's rows.
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

    /**
     * How much the day's mean error moves when nothing changed: the holdout's day-to-day spread,
     * but never less than the sampling spread of a mean of this day's few rows (a day of 3
     * forecasts is far noisier than an ordinary one).
     */
    static double spread(ErrorDistribution holdout, int dayRows) {
        double sampling = dayRows == 0 ? Double.NaN : holdout.std() / Math.sqrt(dayRows);
        if (holdout.dailyMeanStd() != null && holdout.dailyMeanStd() > 0) {
            return Double.isNaN(sampling)
                    ? holdout.dailyMeanStd()
                    : Math.max(holdout.dailyMeanStd(), sampling);
        }
        return sampling;
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
