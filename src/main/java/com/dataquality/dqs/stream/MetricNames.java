package com.dataquality.dqs.stream;

/**
 * Names of the job's custom metrics and accumulators. Metrics are registered under the {@link
 * #GROUP} group of each operator, so the dashboard shows them together; accumulators with the same
 * names feed {@code run_report.json} of bounded runs.
 */
public final class MetricNames {
    public static final String GROUP = "dqs";
    public static final String RECORDS_READ = "records_read";
    public static final String RECORDS_VALID = "records_valid";
    public static final String RECORDS_DEAD_LETTERED = "records_dead_lettered";

    /** Prefix of the per-reason dead-letter counters: {@code dead_lettered_MISSING_FIELD}. */
    public static final String DEAD_LETTERED_PREFIX = "dead_lettered_";

    public static final String LATE_RECORDS = "late_records";
    public static final String SUMMARIES_EMITTED = "summaries_emitted";

    public static final String FORECASTS_EMITTED = "forecasts_emitted";
    public static final String MODEL_SWAPS = "model_swaps";
    public static final String MODEL_REJECTIONS = "model_rejections";
    public static final String MODEL_VERSION = "model_version";
    public static final String FORECAST_LATENCY_MICROS = "forecast_latency_us";
    public static final String REALIZED_MAE = "realized_mae";

    private MetricNames() {}
}
