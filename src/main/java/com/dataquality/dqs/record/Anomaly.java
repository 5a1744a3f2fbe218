package com.dataquality.dqs.record;

import java.time.LocalDate;

/**
 * A closed day whose realized pass percentage fell outside the forecast's anomaly interval, alone
 * or with the day before: the day looks abnormal for this dataset and rule. One per series-day at
 * most, from the forecast that serves the series; the JSON form goes to {@code anomalies.jsonl} or
 * the anomalies topic.
 *
 * @param predictedLower lower end of the anomaly interval, for the day's actual executions
 * @param predictedUpper upper end
 * @param intervalLevel the interval's nominal level (e.g. 0.99)
 * @param executions the day's executions (the interval is for that many)
 * @param tailProbability the forecast's probability of a day at least this far out on this side
 * @param severity {@code warning} (outside the interval) or {@code critical} (also outside the
 *     99.9% interval)
 * @param direction {@code below} or {@code above}
 * @param windowDays 1 when the day alone is outside its interval, 2 when the day and the day before
 *     together are (then the actual value, executions, passes and interval are the two days')
 */
public record Anomaly(
        String datasetUuid,
        int ruleCode,
        int day,
        double actualPassPercentage,
        double predictedMedian,
        double predictedLower,
        double predictedUpper,
        double intervalLevel,
        int executions,
        int passes,
        double tailProbability,
        String modelVersion,
        String severity,
        String direction,
        int windowDays) {

    public String businessDate() {
        return LocalDate.ofEpochDay(day).toString();
    }
}
