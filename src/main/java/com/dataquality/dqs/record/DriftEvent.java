package com.dataquality.dqs.record;

/**
 * The start or the end of a drift episode (the lines of {@code drift_events.jsonl}): a run of
 * drifting days gives one event when it opens and one, with statistic {@code recovered}, when it
 * closes (docs/drift.md).
 *
 * @param businessDate the day whose close revealed it (ISO date): feature drift of the forecasts
 *     made as it closed (for the next day), error drift of its own realized forecasts
 * @param kind {@code feature} or {@code error}
 * @param statistic an opening's: {@code psi_share} (share of the checked features whose scaled PSI
 *     passed their threshold), {@code pit_page_hinkley} (the error test on the forecast
 *     distribution) or {@code page_hinkley} (the error test on the mean error, for models without a
 *     distribution); a closing's: {@code recovered}
 * @param value the statistic's value
 * @param threshold the value above which the day drifts
 * @param features the drifting features (an opening of feature drift), empty otherwise
 * @param modelVersion the model whose reference the day was compared with
 * @param detail {@code drift starts: } or {@code drift ends: } and why: per-feature {@code
 *     name=rows×PSI/threshold}, or the day's PIT statistic, rows and mean error
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
