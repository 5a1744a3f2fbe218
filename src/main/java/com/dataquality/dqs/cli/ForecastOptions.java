package com.dataquality.dqs.cli;

import com.dataquality.dqs.UsageException;
import com.dataquality.dqs.scoring.ForecastSettings;
import picocli.CommandLine.Option;

/** The options of {@code dqs run} that shape each forecast's interval and its anomaly alerts. */
final class ForecastOptions {
    @Option(
            names = "--interval-level",
            defaultValue = "0.9",
            paramLabel = "P",
            description =
                    "Coverage of the interval each forecast reports, lower and upper (default:"
                            + " ${DEFAULT-VALUE}).")
    double intervalLevel;

    @Option(
            names = "--anomaly-level",
            defaultValue = "0.99",
            paramLabel = "P",
            description =
                    "A realized day outside its forecast's central interval of this coverage is an"
                            + " anomaly (default: ${DEFAULT-VALUE}); outside 0.999 it is critical.")
    double anomalyLevel;

    ForecastSettings settings() {
        try {
            return new ForecastSettings(intervalLevel, anomalyLevel);
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    e.getMessage()
                            .replace("intervalLevel", "--interval-level")
                            .replace("anomalyLevel", "--anomaly-level"));
        }
    }
}
