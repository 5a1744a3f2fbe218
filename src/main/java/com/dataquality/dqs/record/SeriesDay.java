package com.dataquality.dqs.record;

/**
 * One closed day of one forecast series: how many executions ran and how many passed. What the
 * job's own retrainer learns from.
 */
public record SeriesDay(String datasetUuid, int ruleCode, int day, int executions, int passes) {}
