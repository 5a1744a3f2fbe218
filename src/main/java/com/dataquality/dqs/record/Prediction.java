package com.dataquality.dqs.record;

/**
 * A forecast of one series' pass percentage for one day (CONTRACT.md §4), or, once the day is
 * known, the same forecast with its realized value and error.
 *
 * @param businessDate the forecast day (ISO date)
 * @param actualPassPercentage null in the forecast row; the day's value in the realized row
 * @param absError null in the forecast row; {@code |predicted - actual|} in the realized row
 */
public record Prediction(
        String datasetUuid,
        int ruleCode,
        String businessDate,
        double predictedPassPercentage,
        String modelVersion,
        Double actualPassPercentage,
        Double absError) {

    public boolean isRealized() {
        return actualPassPercentage != null;
    }

    public Prediction realized(double actual) {
        return new Prediction(
                datasetUuid,
                ruleCode,
                businessDate,
                predictedPassPercentage,
                modelVersion,
                actual,
                Math.abs(predictedPassPercentage - actual));
    }
}
