package com.dataquality.dqs.drift;

import com.dataquality.dqs.record.ForecastFeatures;
import com.dataquality.dqs.record.Prediction;

/**
 * One element of the drift detector's input: either a forecast's features or a realized forecast
 * (the other is null), so that both travel on one keyed stream to one operator.
 */
public record DriftInput(ForecastFeatures features, Prediction realized) {

    /** The day whose close completes this element's day: forecasts of D+1 are made as D closes. */
    public int closingDay() {
        return features != null
                ? features.targetDay() - 1
                : (int) java.time.LocalDate.parse(realized.businessDate()).toEpochDay();
    }

    public String modelVersion() {
        return features != null ? features.modelVersion() : realized.modelVersion();
    }
}
