package com.dataquality.dqs.scoring;

import com.dataquality.dqs.features.SeriesState;
import com.dataquality.dqs.record.Forecast;

/**
 * How far one series has been forecast: the forecast operator's keyed state, one value per series
 * (a Flink POJO; its fields are its serialized form). The days not closed yet are kept apart, in a
 * map state, since records may run far ahead of the watermark.
 */
public final class SeriesProgress {

    /** The closed days a forecast sees. */
    public SeriesState closed;

    /** The last closed day (epoch day), or {@link Integer#MIN_VALUE} before the first close. */
    public int lastClosedDay = Integer.MIN_VALUE;

    /**
     * Days recently forecast (ascending, the last {@link SeriesForecaster#REMEMBERED_DAYS}), so
     * that a late record never makes a second forecast of a day.
     */
    public int[] forecastDays = new int[0];

    /** Forecasts waiting for their day's actual value. */
    public Forecast[] pending = new Forecast[0];

    /** For each pending forecast: whether it is the one the series is served (not a shadow). */
    public boolean[] pendingPrimary = new boolean[0];

    /**
     * The series' last realized primary day (epoch day), or {@link Integer#MIN_VALUE}: the day
     * before of a two-day anomaly test ({@link AnomalyJudge}), with its forecast mean, executions,
     * passes and whether it was an anomaly itself.
     */
    public int lastRealizedDay = Integer.MIN_VALUE;

    public double lastRealizedMean;
    public int lastRealizedExecutions;
    public int lastRealizedPasses;
    public boolean lastRealizedAnomaly;

    public SeriesProgress() {}

    public static SeriesProgress of(String datasetUuid, int ruleCode) {
        SeriesProgress p = new SeriesProgress();
        p.closed = SeriesState.of(datasetUuid, ruleCode);
        return p;
    }

    public boolean hasClosed() {
        return lastClosedDay != Integer.MIN_VALUE;
    }
}
