package com.dataquality.dqs.record;

/**
 * A forecast as versions before 0.2 kept it in state (their pending forecast). Kept, unchanged, so
 * that their savepoints restore; outputs use {@link Forecast} and {@link PredictionRow}.
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
        Double absError) {}
