package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.drift.DriftSettings;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.scoring.ForecastSettings;
import com.dataquality.dqs.scoring.PromotionSettings;
import java.util.Map;
import java.util.Optional;

/**
 * What shapes the streaming job's topology beyond its connectors.
 *
 * @param rules rule metadata by normalized rule code
 * @param eventTime how days close
 * @param serving the model to start with and the run's id
 * @param drift the drift detector's and trigger's knobs
 * @param retrain the job's own retrainer, when {@code --auto-retrain} asks for it
 * @param promotion how challengers are compared with the champion and promoted
 * @param forecast the interval forecasts report and the one anomalies are judged by
 */
public record PipelineSettings(
        Map<Integer, RuleMetadata> rules,
        EventTime eventTime,
        ServingSettings serving,
        DriftSettings drift,
        Optional<RetrainSettings> retrain,
        PromotionSettings promotion,
        ForecastSettings forecast) {

    /** Settings with the default drift knobs and no retrainer. */
    public static PipelineSettings of(
            Map<Integer, RuleMetadata> rules, EventTime eventTime, ServingSettings serving) {
        return new PipelineSettings(
                rules,
                eventTime,
                serving,
                DriftSettings.DEFAULTS,
                Optional.empty(),
                PromotionSettings.DEFAULTS,
                ForecastSettings.DEFAULTS);
    }

    public PipelineSettings withRetrain(RetrainSettings r) {
        return new PipelineSettings(
                rules, eventTime, serving, drift, Optional.of(r), promotion, forecast);
    }

    public PipelineSettings withDrift(DriftSettings d) {
        return new PipelineSettings(rules, eventTime, serving, d, retrain, promotion, forecast);
    }

    public PipelineSettings withPromotion(PromotionSettings p) {
        return new PipelineSettings(rules, eventTime, serving, drift, retrain, p, forecast);
    }

    public PipelineSettings withForecast(ForecastSettings f) {
        return new PipelineSettings(rules, eventTime, serving, drift, retrain, promotion, f);
    }
}
