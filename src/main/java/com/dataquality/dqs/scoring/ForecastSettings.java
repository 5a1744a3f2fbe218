package com.dataquality.dqs.scoring;

import java.io.Serializable;

/**
 * What every forecast of a run carries besides its mean: the central interval it reports ({@code
 * --interval-level}), and the wider interval a realized day must fall outside to be an anomaly
 * ({@code --anomaly-level}).
 */
public record ForecastSettings(double intervalLevel, double anomalyLevel) implements Serializable {

    /** A day outside the 99.9% interval is a critical anomaly, whatever the anomaly level. */
    public static final double CRITICAL_LEVEL = 0.999;

    public static final ForecastSettings DEFAULTS = new ForecastSettings(0.9, 0.99);

    public ForecastSettings {
        if (!(intervalLevel > 0 && intervalLevel < 1)) {
            throw new IllegalArgumentException(
                    "intervalLevel must be between 0 and 1, got " + intervalLevel);
        }
        if (!(anomalyLevel > 0 && anomalyLevel < CRITICAL_LEVEL)) {
            throw new IllegalArgumentException(
                    "anomalyLevel must be between 0 and "
                            + CRITICAL_LEVEL
                            + ", got "
                            + anomalyLevel);
        }
    }
}
