package com.dataquality.dqs.model;

/**
 * What the training data looked like when it passed the training gates ({@link TrainingGates}),
 * stored in the model file: a later reader can tell a model trained on three weeks of one series
 * from one trained on a year of hundreds.
 *
 * @param seriesDays observed series-days (the training rows)
 * @param series series (dataset, rule)
 * @param datasets distinct datasets
 * @param rules distinct rule codes
 * @param dates distinct business dates
 * @param firstDate first business date (ISO)
 * @param lastDate last business date (ISO)
 * @param executions executions in all (warnings included)
 * @param executionsPerSeriesDay mean executions of an observed series-day
 * @param medianExecutionsPerSeriesDay median executions of an observed series-day
 * @param passPercentageMean mean daily pass percentage over the series-days
 * @param passPercentageStd its standard deviation
 * @param shareAtHundred share of series-days at 100%
 * @param shareAtZero share of series-days at 0%
 * @param minDaysPerSeries observed days of the shortest series
 * @param medianDaysPerSeries observed days of the median series
 */
public record DataReport(
        long seriesDays,
        int series,
        int datasets,
        int rules,
        int dates,
        String firstDate,
        String lastDate,
        long executions,
        double executionsPerSeriesDay,
        int medianExecutionsPerSeriesDay,
        double passPercentageMean,
        double passPercentageStd,
        double shareAtHundred,
        double shareAtZero,
        int minDaysPerSeries,
        int medianDaysPerSeries) {}
