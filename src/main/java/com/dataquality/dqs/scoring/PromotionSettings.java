package com.dataquality.dqs.scoring;

import com.dataquality.dqs.stats.PairedComparison;
import java.io.Serializable;

/**
 * When a challenger takes the champion's place by itself ({@code dqs run --auto-promote}).
 *
 * @param autoPromote promote a challenger that wins; false: compare and report only
 * @param minDays closed days of paired errors before any verdict
 * @param alpha the chance of declaring a winner between equal models, however long they run
 * @param loss {@code abs} (absolute error) or {@code squared}: what "better" means
 * @param minImprovement how much lower the challenger's mean loss must be, as a fraction of the
 *     champion's, beyond doubt: a model that is merely as good never takes over, however long the
 *     comparison runs (a retrained model on unchanged data is such a model)
 */
public record PromotionSettings(
        boolean autoPromote, int minDays, double alpha, String loss, double minImprovement)
        implements Serializable {

    public static final PromotionSettings DEFAULTS =
            new PromotionSettings(false, 14, 0.05, "abs", 0.02);

    public PromotionSettings {
        if (minDays < 2) {
            throw new IllegalArgumentException("minDays must be at least 2, got " + minDays);
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5), got " + alpha);
        }
        if (!loss.equals("abs") && !loss.equals("squared")) {
            throw new IllegalArgumentException("loss must be abs or squared, got " + loss);
        }
        if (!(minImprovement >= 0 && minImprovement < 0.5)) {
            throw new IllegalArgumentException(
                    "minImprovement must be in [0, 0.5), got " + minImprovement);
        }
    }

    /** The same policy, promoting or not. */
    public PromotionSettings withAutoPromote(boolean auto) {
        return new PromotionSettings(auto, minDays, alpha, loss, minImprovement);
    }

    /**
     * Whether a challenger wins: its daily loss differences (challenger minus champion) are below
     * minus the minimum improvement of the champion's mean daily loss, beyond doubt.
     */
    public boolean challengerWins(PairedComparison differences, double championMeanLoss) {
        return differences
                .shifted(minImprovement * championMeanLoss)
                .challengerWins(alpha, minDays);
    }

    /** Whether the champion is better, beyond doubt. */
    public boolean championWins(PairedComparison differences) {
        return differences.championWins(alpha, minDays);
    }

    public boolean squared() {
        return loss.equals("squared");
    }
}
