/**
 * A series' daily counts and the one feature code path: {@link
 * com.dataquality.dqs.features.DailySeries} (a series' days from bounded input), {@link
 * com.dataquality.dqs.features.SeriesState} (what a forecast may know, built day by day by
 * training, {@code predict} and the stream alike) and {@link
 * com.dataquality.dqs.features.FeatureExtractor}. Free of Flink; imports {@code record} only.
 */
package com.dataquality.dqs.features;
