package com.dataquality.dqs.record;

/**
 * A row of the predictions output: a forecast when it is made, then the same forecast with its
 * day's actual value once that day has closed with executions (at most once per forecast). On the
 * predictions topic both are upserts under the series-day key, in this order; the file outputs put
 * them in {@code predictions.csv} and {@code realized.csv}.
 *
 * @param forecast the forecast
 * @param executions executions of the series on the forecast day; 0 in the forecast row
 * @param passes passes among them
 */
public record PredictionRow(Forecast forecast, int executions, int passes) {

    public static PredictionRow made(Forecast f) {
        return new PredictionRow(f, 0, 0);
    }

    /** True once the forecast day's actual value is known. */
    public boolean realized() {
        return executions > 0;
    }

    /** The day's pass percentage (100 × passes / executions); NaN before it is realized. */
    public double actualPassPercentage() {
        return executions > 0 ? 100.0 * passes / executions : Double.NaN;
    }

    /** {@code |predicted - actual|}; NaN before it is realized. */
    public double absError() {
        return Math.abs(forecast.predictedPassPercentage() - actualPassPercentage());
    }

    /** Whether the actual value lies inside the forecast's interval; null without either. */
    public Boolean insideInterval() {
        if (!realized() || forecast.predictedLower() == null || forecast.predictedUpper() == null) {
            return null;
        }
        double a = actualPassPercentage();
        return a >= forecast.predictedLower() && a <= forecast.predictedUpper();
    }
}
