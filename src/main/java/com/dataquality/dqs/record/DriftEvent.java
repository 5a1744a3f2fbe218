package com.dataquality.dqs.record;

/**
 * One detected drift (the lines of {@code drift_events.jsonl}).
 *
 * @param businessDate the day whose close revealed it (ISO date): feature drift of the forecasts
 *     made as it closed (for the next day), error drift of its own realized errors
 * @param kind {@code feature} or {@code error}
 * @param statistic {@code psi_share} (share of the checked features whose scaled PSI passed their
 *     threshold) or {@code page_hinkley}
 * @param value the statistic's value
 * @param threshold the value above which the day drifts
 * @param features the drifting features (feature drift), empty for error drift
 * @param modelVersion the model whose reference the day was compared with
 * @param detail per-feature {@code name=rows×PSI/threshold}, or the day's mean error and rows
 */
public record DriftEvent(
        String businessDate,
        String kind,
        String statistic,
        double value,
        double threshold,
        String[] features,
        String modelVersion,
        String detail) {

    public static final String FEATURE = "feature";
    public static final String ERROR = "error";
}
