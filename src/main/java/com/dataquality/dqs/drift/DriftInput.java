package com.dataquality.dqs.drift;

import com.dataquality.dqs.record.ForecastFeatures;
import com.dataquality.dqs.record.Prediction;

/**
 * The drift operator's evidence as versions before 0.2 kept it in state (a forecast's features or a
 * realized forecast). Kept, unchanged, so that their savepoints restore; {@link DriftFunction}
 * drains it into {@link DayEvidence} once.
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
