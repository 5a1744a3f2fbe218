package com.dataquality.dqs.format;

import com.dataquality.dqs.UnicodeText;
import com.dataquality.dqs.record.Anomaly;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.Forecast;
import com.dataquality.dqs.record.ModelComparison;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.record.RetrainTrigger;
import com.dataquality.dqs.record.SummaryRow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The JSON forms of our outputs (CONTRACT.md §3 "JSON forms"): field names are the CSV column
 * names, numbers are JSON numbers, so a consumer can switch between the CSV and a topic.
 */
public final class JsonForms {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonForms() {}

    public static ObjectNode summary(SummaryRow r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("source", r.source());
        n.put("tenant_id", r.tenantId());
        n.put("dataset_uuid", r.datasetUuid());
        n.put("dataset_name", r.datasetName());
        n.put("rule_code", r.ruleCode());
        n.put("rule_name", r.ruleName());
        n.put("rule_type", r.ruleType());
        n.put("dimension", r.dimension());
        n.put("rule_description", r.ruleDescription());
        n.put("category", r.category());
        n.put("business_date_latest", r.businessDateLatest());
        n.put("dataset_record_count_latest", r.datasetRecordCountLatest());
        n.put("filtered_record_count_latest", r.filteredRecordCountLatest());
        n.put("pass_count_total", r.passCountTotal());
        n.put("fail_count_total", r.failCountTotal());
        n.put("pass_count_1m", r.passCount1m());
        n.put("fail_count_1m", r.failCount1m());
        n.put("pass_count_3m", r.passCount3m());
        n.put("fail_count_3m", r.failCount3m());
        n.put("pass_count_12m", r.passCount12m());
        n.put("fail_count_12m", r.failCount12m());
        n.put("fail_rate_total", r.failRateTotal());
        n.put("fail_rate_1m", r.failRate1m());
        n.put("fail_rate_3m", r.failRate3m());
        n.put("fail_rate_12m", r.failRate12m());
        n.put("trend_flag", r.trendFlag());
        n.put("last_execution_level", r.lastExecutionLevel());
        n.put("warning_count_total", r.warningCountTotal());
        n.put("warning_count_1m", r.warningCount1m());
        n.put("warning_count_3m", r.warningCount3m());
        n.put("warning_count_12m", r.warningCount12m());
        n.put("reference_date", r.referenceDate());
        return n;
    }

    public static ObjectNode deadLetter(DeadLetter d) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("reason", d.reason().name());
        n.put("detail", d.detail());
        if (d.fromFile()) {
            n.put("file", d.origin());
            n.put("line", d.position());
        } else {
            n.put("topic", d.origin());
            n.put("partition", d.partition());
            n.put("offset", d.position());
        }
        n.put("raw", d.raw());
        return n;
    }

    /**
     * A prediction row, one message on the predictions topic: the forecast, then, once its day has
     * closed, the same fields with the actual value (an upsert of the same series-day).
     */
    public static ObjectNode prediction(PredictionRow r) {
        Forecast f = r.forecast();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("dataset_uuid", f.datasetUuid());
        n.put("rule_code", f.ruleCode());
        n.put("business_date", f.businessDate());
        n.put("predicted_pass_percentage", f.predictedPassPercentage());
        n.put("model_version", f.modelVersion());
        n.put("model_role", f.modelRole().label());
        n.put("predicted_median", f.predictedMedian());
        n.put("predicted_lower", f.predictedLower());
        n.put("predicted_upper", f.predictedUpper());
        n.put("interval_level", f.intervalLevel());
        n.put("late", f.late());
        if (r.realized()) {
            n.put("actual_pass_percentage", r.actualPassPercentage());
            n.put("abs_error", r.absError());
            n.put("executions", r.executions());
            n.put("inside_interval", r.insideInterval());
        } else {
            n.putNull("actual_pass_percentage");
            n.putNull("abs_error");
        }
        return n;
    }

    /** An anomaly: one line of {@code anomalies.jsonl}, one message on the anomalies topic. */
    public static ObjectNode anomaly(Anomaly a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("dataset_uuid", a.datasetUuid());
        n.put("rule_code", a.ruleCode());
        n.put("business_date", a.businessDate());
        putFinite(n, "actual_pass_percentage", a.actualPassPercentage());
        putFinite(n, "predicted_median", a.predictedMedian());
        putFinite(n, "predicted_lower", a.predictedLower());
        putFinite(n, "predicted_upper", a.predictedUpper());
        putFinite(n, "interval_level", a.intervalLevel());
        n.put("executions", a.executions());
        n.put("passes", a.passes());
        putFinite(n, "tail_probability", a.tailProbability());
        n.put("model_version", a.modelVersion());
        n.put("severity", a.severity());
        n.put("direction", a.direction());
        n.put("window_days", a.windowDays());
        return n;
    }

    /** A comparison of a challenger with the champion after a closed day. */
    public static ObjectNode comparison(ModelComparison c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("business_date", c.businessDate());
        n.put("challenger", c.challenger());
        n.put("champion", c.champion());
        n.put("loss", c.loss());
        n.put("days", c.days());
        putFinite(n, "mean_abs_error_difference", c.meanAbsDiff());
        putFinite(n, "mean_squared_error_difference", c.meanSquaredDiff());
        putFinite(n, "ci_low", c.ciLow());
        putFinite(n, "ci_high", c.ciHigh());
        putFinite(n, "t_statistic", c.tStatistic());
        putFinite(n, "p_value", c.pValue());
        putFinite(n, "effect_size", c.effectSize());
        putFinite(n, "evidence", c.evidence());
        n.put("verdict", c.verdict());
        return n;
    }

    /** A drift event, one line of {@code drift_events.jsonl} or one message on the drift topic. */
    public static ObjectNode driftEvent(DriftEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("business_date", e.businessDate());
        n.put("kind", e.kind());
        n.put("statistic", e.statistic());
        putFinite(n, "value", e.value());
        putFinite(n, "threshold", e.threshold());
        var features = n.putArray("features");
        for (String f : e.features()) {
            features.add(f);
        }
        n.put("model_version", e.modelVersion());
        n.put("detail", e.detail());
        return n;
    }

    public static ObjectNode retrainTrigger(RetrainTrigger t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("business_date", t.businessDate());
        n.put("reason", t.reason());
        n.put("signal_days", t.signalDays());
        n.put("window_days", t.windowDays());
        n.put("model_version", t.modelVersion());
        return n;
    }

    /** JSON has no NaN or infinity: those become null. */
    private static void putFinite(ObjectNode n, String name, double v) {
        if (Double.isFinite(v)) {
            n.put(name, v);
        } else {
            n.putNull(name);
        }
    }

    /**
     * The node as one line of JSON, well-formed whatever its strings hold: Jackson writes an
     * unpaired surrogate into a string as it is, which a UTF-8 writer then cannot encode.
     */
    public static String text(ObjectNode node) {
        try {
            return UnicodeText.wellFormed(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
