package com.dataquality.dqs.record;

/**
 * What a served model is for. The champion's forecast is the forecast; a challenger forecasts every
 * series next to it (shadow), or serves a share of the series (an A/B split), until it is promoted
 * or retired.
 */
public enum ModelRole {
    CHAMPION,
    CHALLENGER;

    /** The form in outputs: {@code champion}, {@code challenger}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
