/**
 * The data the job passes around: immutable records of rule executions, dead letters, daily counts,
 * forecasts, drift events and model commands, and the composite keys ({@link
 * com.dataquality.dqs.record.Keys}). The bottom layer: imports nothing of the project but the root
 * package's exceptions. Every record that crosses operators is guarded against a Kryo fallback by
 * {@code SerializationTest}; a record kept in Flink state keeps its name and fields (savepoints
 * name the class): {@link com.dataquality.dqs.record.Prediction} is such a record kept for
 * savepoints of version 0.1.
 */
package com.dataquality.dqs.record;
