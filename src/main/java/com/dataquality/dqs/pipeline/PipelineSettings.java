package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.drift.DriftSettings;
import com.dataquality.dqs.record.RuleMetadata;
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
 */
public record PipelineSettings(
        Map<Integer, RuleMetadata> rules,
        EventTime eventTime,
        ServingSettings serving,
        DriftSettings drift,
        Optional<RetrainSettings> retrain) {

    /** Settings with the default drift knobs and no retrainer. */
    public static PipelineSettings of(
            Map<Integer, RuleMetadata> rules, EventTime eventTime, ServingSettings serving) {
        return new PipelineSettings(
                rules, eventTime, serving, DriftSettings.DEFAULTS, Optional.empty());
    }

    public PipelineSettings withRetrain(RetrainSettings r) {
        return new PipelineSettings(rules, eventTime, serving, drift, Optional.of(r));
    }

    public PipelineSettings withDrift(DriftSettings d) {
        return new PipelineSettings(rules, eventTime, serving, d, retrain);
    }
}
