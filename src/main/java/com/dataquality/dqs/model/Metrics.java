package com.dataquality.dqs.model;

/**
 * Forecast errors on a set of rows, in pass-percentage points.
 *
 * @param rows rows evaluated
 * @param mae mean absolute error
 * @param rmse root mean squared error
 * @param r2 coefficient of determination; null when the actuals do not vary
 * @param mape mean absolute percentage error over the rows whose actual is not 0 (a percentage
 *     error of a 0 actual is undefined); null when every actual is 0
 * @param mapeRows rows MAPE was computed on
 * @param mase MAE divided by the in-sample MAE of the naive one-step forecast on the training
 *     period; below 1 means better than that naive forecast; null when that scale is 0
 */
public record Metrics(
        long rows, double mae, double rmse, Double r2, Double mape, long mapeRows, Double mase) {

    /**
     * Metrics of {@code predicted} against {@code actual} on the rows whose index is in {@code
     * rows}.
     *
     * @param naiveScale in-sample MAE of the naive forecast, the MASE denominator
     */
    public static Metrics of(double[] actual, double[] predicted, int[] rows, double naiveScale) {
        int n = rows.length;
        if (n == 0) {
            throw new IllegalArgumentException("no rows to evaluate");
        }
        double absSum = 0;
        double sqSum = 0;
        double actualSum = 0;
        double apeSum = 0;
        long apeRows = 0;
        for (int r : rows) {
            double err = predicted[r] - actual[r];
            absSum += Math.abs(err);
            sqSum += err * err;
            actualSum += actual[r];
            if (actual[r] != 0) {
                apeSum += Math.abs(err / actual[r]);
                apeRows++;
            }
        }
        double mean = actualSum / n;
        double totalSq = 0;
        for (int r : rows) {
            double d = actual[r] - mean;
            totalSq += d * d;
        }
        double mae = absSum / n;
        return new Metrics(
                n,
                mae,
                Math.sqrt(sqSum / n),
                totalSq == 0 ? null : 1 - sqSum / totalSq,
                apeRows == 0 ? null : 100 * apeSum / apeRows,
                apeRows,
                naiveScale > 0 ? mae / naiveScale : null);
    }
}
