package com.dataquality.dqs.record;

import java.time.LocalDate;

/**
 * A forecast of one series' pass percentage for one day (CONTRACT.md §4, a {@code predictions}
 * row), made from the days before it only.
 *
 * @param day the forecast day (epoch day)
 * @param predictedPassPercentage the expected value, in [0, 100]
 * @param predictedMedian the median of the forecast distribution, or null when the model has none
 * @param predictedLower the lower bound of the central interval, or null
 * @param predictedUpper the upper bound of the central interval, or null
 * @param intervalLevel the interval's nominal coverage (0.9 for 90%), or null
 * @param modelVersion the model that made it
 * @param modelRole champion (the forecast) or challenger (a shadow forecast)
 * @param late true when the forecast was made after its day had closed, because records that made
 *     the series eligible arrived late (it still sees only days before its day)
 */
public record Forecast(
        String datasetUuid,
        int ruleCode,
        int day,
        double predictedPassPercentage,
        Double predictedMedian,
        Double predictedLower,
        Double predictedUpper,
        Double intervalLevel,
        String modelVersion,
        ModelRole modelRole,
        boolean late) {

    /** The forecast day as an ISO date. */
    public String businessDate() {
        return LocalDate.ofEpochDay(day).toString();
    }
}
