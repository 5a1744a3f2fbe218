package com.dataquality.dqs.drift;

/**
 * What the drift detector remembers about drift episodes, next to {@link DriftDetector.State}
 * (whose fields, kept in savepoints of earlier versions, stay as they are): whether a feature-drift
 * and an error-drift episode are open and since when, how long each has been quiet, and the second
 * (rising) side of the error test. An episode is a run of drifting days: one event when it opens,
 * one when it closes ({@link DriftDetector#judge}).
 *
 * <p>A Flink POJO (public fields, public no-argument constructor, primitives and a string), kept by
 * the drift operator in its own value state. Mutable only through {@link #copy}: the detector
 * returns a new one each day.
 */
public final class DriftEpisodes {

    /** No open episode. */
    public static final int NONE = Integer.MIN_VALUE;

    /** The model the episodes are about; null before the first judged day. */
    public String modelVersion;

    /** First day of the open feature-drift episode, or {@link #NONE}. */
    public int featureSince = NONE;

    /** Consecutive judged days without feature drift inside the open episode. */
    public int featureQuietDays;

    /** First day of the open error-drift episode, or {@link #NONE}. */
    public int errorSince = NONE;

    /** Consecutive judged days without an error alarm inside the open episode. */
    public int errorQuietDays;

    /** Page-Hinkley sum of the rising side of the error test (pass rates above the forecasts). */
    public double riseSum;

    /** Its minimum so far. */
    public double riseMinimum;

    /** Days it has seen. */
    public int riseDays;

    public DriftEpisodes() {}

    public static DriftEpisodes start() {
        return new DriftEpisodes();
    }

    public DriftEpisodes copy() {
        DriftEpisodes e = new DriftEpisodes();
        e.modelVersion = modelVersion;
        e.featureSince = featureSince;
        e.featureQuietDays = featureQuietDays;
        e.errorSince = errorSince;
        e.errorQuietDays = errorQuietDays;
        e.riseSum = riseSum;
        e.riseMinimum = riseMinimum;
        e.riseDays = riseDays;
        return e;
    }

    /** The rising side of the error test as a {@link PageHinkley}. */
    PageHinkley rise() {
        return new PageHinkley(riseSum, riseMinimum, riseDays);
    }

    void rise(PageHinkley p) {
        riseSum = p.sum();
        riseMinimum = p.minimum();
        riseDays = p.days();
    }

    public boolean featureOpen() {
        return featureSince != NONE;
    }

    public boolean errorOpen() {
        return errorSince != NONE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriftEpisodes e
                && java.util.Objects.equals(modelVersion, e.modelVersion)
                && featureSince == e.featureSince
                && featureQuietDays == e.featureQuietDays
                && errorSince == e.errorSince
                && errorQuietDays == e.errorQuietDays
                && Double.compare(riseSum, e.riseSum) == 0
                && Double.compare(riseMinimum, e.riseMinimum) == 0
                && riseDays == e.riseDays;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(modelVersion, featureSince, errorSince);
    }

    @Override
    public String toString() {
        return "DriftEpisodes["
                + modelVersion
                + ", feature since "
                + (featureOpen() ? featureSince : "-")
                + ", error since "
                + (errorOpen() ? errorSince : "-")
                + "]";
    }
}
