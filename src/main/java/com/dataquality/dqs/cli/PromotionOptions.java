package com.dataquality.dqs.cli;

import com.dataquality.dqs.UsageException;
import com.dataquality.dqs.scoring.PromotionSettings;
import picocli.CommandLine.Option;

/** The options of {@code dqs run} that decide when a challenger replaces the champion. */
final class PromotionOptions {
    @Option(
            names = "--auto-promote",
            description =
                    "Promote a challenger that forecasts significantly better than the champion on"
                            + " live data; the old champion stays on as a challenger.")
    boolean autoPromote;

    @Option(
            names = "--promote-min-days",
            defaultValue = "14",
            paramLabel = "N",
            description = "Closed days compared before any verdict (default: ${DEFAULT-VALUE}).")
    int minDays;

    @Option(
            names = "--promote-alpha",
            defaultValue = "0.05",
            paramLabel = "A",
            description =
                    "Chance of ever promoting a challenger that is no better, however long it"
                            + " runs (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(
            names = "--promote-loss",
            defaultValue = "abs",
            paramLabel = "LOSS",
            description =
                    "What better means: abs (absolute error) or squared (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(
            names = "--promote-min-improvement",
            defaultValue = "0.02",
            paramLabel = "F",
            description =
                    "How much lower a challenger's mean error must be, as a fraction of the"
                            + " champion's, beyond doubt (default: ${DEFAULT-VALUE}: 2%%).")
    double minImprovement;

    PromotionSettings settings() {
        try {
            return new PromotionSettings(autoPromote, minDays, alpha, loss, minImprovement);
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    e.getMessage()
                            .replace("minImprovement", "--promote-min-improvement")
                            .replace("minDays", "--promote-min-days")
                            .replace("alpha", "--promote-alpha")
                            .replace("loss", "--promote-loss"));
        }
    }
}
