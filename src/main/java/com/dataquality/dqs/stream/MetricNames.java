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

    public static final String LATE_SUMMARY_UPDATES = "late_summary_updates";

    public static final String FORECASTS_EMITTED = "forecasts_emitted";
    public static final String LATE_FORECASTS = "late_forecasts";
    public static final String SHADOW_FORECASTS = "shadow_forecasts";
    public static final String REALIZED = "forecasts_realized";
    public static final String MODEL_SWAPS = "model_swaps";
    public static final String MODEL_REJECTIONS = "model_rejections";
    public static final String MODEL_VERSION = "model_version";

    /**
     * The champion's training time in epoch seconds: a number that says which model serves (the
     * version itself is text, which Prometheus cannot carry as a value).
     */
    public static final String MODEL_TRAINED_AT = "model_trained_at_seconds";

    /** 1 for the serving version, under a {@code version} label (Prometheus "info" style). */
    public static final String MODEL_INFO = "model_info";

    public static final String MODELS_SERVED = "models_served";

    /** Accumulator: forecasts per model version, for the run report of a bounded run. */
    public static final String MODEL_VERSIONS_SERVED = "model_versions_served";

    public static final String FORECAST_LATENCY_MICROS = "forecast_latency_us";
    public static final String REALIZED_MAE = "realized_mae";

    public static final String DRIFT_FEATURE_SHARE = "drift_feature_share";
    public static final String DRIFT_PAGE_HINKLEY = "drift_page_hinkley";
    public static final String DRIFT_DAILY_MAE = "drift_daily_mae";
    public static final String DRIFT_EVENTS = "drift_events";
    public static final String RETRAIN_TRIGGERS = "retrain_triggers";

    public static final String COMPARISON_DAYS = "comparison_days";
    public static final String COMPARISON_MEAN_DIFF = "comparison_mean_error_difference";
    public static final String COMPARISON_EVIDENCE = "comparison_evidence";
    public static final String ANOMALIES = "anomalies";

    private MetricNames() {}
}
