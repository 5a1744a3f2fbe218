package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.RuleMetadata;
import java.time.Duration;
import java.util.Map;

/**
 * What shapes the topology beyond its connectors.
 *
 * @param rules rule metadata by normalized rule code
 * @param outOfOrderness how far behind the newest business date a record may arrive and still be on
 *     time; the watermark trails the newest date by this much, so a day closes this much later
 * @param idleness after how long without records a source split stops holding back the watermark
 *     (continuous runs), or null for never
 * @param emitDailyUpdates publish summary upserts as days close; a bounded {@code summarize} turns
 *     it off since only its final rows are wanted
 * @param forecast build the forecasting branch (daily series, model broadcast, predictions)
 */
public record PipelineSettings(
        Map<Integer, RuleMetadata> rules,
        Duration outOfOrderness,
        Duration idleness,
        boolean emitDailyUpdates,
        boolean forecast) {

    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ZERO;

    /** Settings for a bounded summary: final rows only. */
    public static PipelineSettings bounded(Map<Integer, RuleMetadata> rules) {
        return new PipelineSettings(rules, DEFAULT_OUT_OF_ORDERNESS, null, false, false);
    }
}
