/**
 * The job's shared vocabulary, low enough for every operator to use without importing the pipeline:
 * operator uids ({@link com.dataquality.dqs.stream.Uids}), side-output tags ({@link
 * com.dataquality.dqs.stream.Tags}), metric names, day arithmetic of event time ({@link
 * com.dataquality.dqs.stream.DayCloses}) and the constant key of whole-stream operators. Imports
 * {@code record} only (and Flink's API types).
 */
package com.dataquality.dqs.stream;
