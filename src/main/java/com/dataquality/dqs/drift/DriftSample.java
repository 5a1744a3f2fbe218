package com.dataquality.dqs.drift;

import com.dataquality.dqs.record.ForecastFeatures;
import com.dataquality.dqs.record.PredictionRow;

/**
 * One piece of drift evidence: either a champion forecast's features or a realized champion
 * forecast (the other is null), so that both travel on one keyed stream to one operator.
 */
public record DriftSample(ForecastFeatures features, PredictionRow realized) {

    public static DriftSample of(ForecastFeatures f) {
        return new DriftSample(f, null);
    }

    public static DriftSample of(PredictionRow r) {
        return new DriftSample(null, r);
    }

    /** The day whose close completes this sample's day: forecasts of D+1 are made as D closes. */
    public int closingDay() {
        return features != null ? features.targetDay() - 1 : realized.forecast().day();
    }

    public String modelVersion() {
        return features != null ? features.modelVersion() : realized.forecast().modelVersion();
    }
}
