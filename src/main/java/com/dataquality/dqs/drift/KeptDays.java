package com.dataquality.dqs.drift;

import com.dataquality.dqs.retrain.RetrainFunction;

/**
 * A series' recent closed days as the retrainer of versions before 0.2 kept them in state. Kept so
 * that their savepoints restore: {@link RetrainFunction} drains it into {@code DailySeries} once.
 */
public final class KeptDays {
    public String datasetUuid;
    public int ruleCode;
    public int[] days = new int[0];
    public int[] executions = new int[0];
    public int[] passes = new int[0];

    public KeptDays() {}

    public KeptDays(String datasetUuid, int ruleCode) {
        this.datasetUuid = datasetUuid;
        this.ruleCode = ruleCode;
    }
}
