package com.dataquality.dqs.record;

/**
 * A request to retrain (the lines of {@code retrain_triggers.jsonl}): drift persisted long enough.
 *
 * @param businessDate the closed day the trigger fired on (ISO date): train on data up to it
 * @param reason e.g. {@code 3 drift days in 7 (feature, error)}
 * @param signalDays days with a drift event in the window
 * @param windowDays the window's length
 * @param modelVersion the model that drifted
 */
public record RetrainTrigger(
        String businessDate, String reason, int signalDays, int windowDays, String modelVersion) {}
