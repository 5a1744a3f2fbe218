package com.dataquality.dqs.model;

import java.util.List;
import java.util.Map;

/**
 * The hyperparameter search of a tuned model ({@code train-model --tune}), stored in its model
 * file: every trial, the winner, and the holdout comparison that decided whether the winner or the
 * default parameters were kept ({@link Tuner}).
 *
 * @param budgetSeconds the time budget of the search
 * @param seconds the time the search took
 * @param folds the rolling-origin folds: each fits on the dates before its origin and validates on
 *     the dates from it, all before the holdout
 * @param trials every candidate tried, the default parameters first
 * @param winner index in {@code trials} of the lowest mean validation RMSE
 * @param defaultHoldout the holdout RMSE and MAE of the default parameters (trained with the usual
 *     recipe)
 * @param winnerHoldout the same for the winner (equal to the default's when the default won)
 * @param kept {@code "winner"} or {@code "default"}: the winner is kept only when its holdout RMSE
 *     and MAE are both no worse than the default's
 */
public record Tuning(
        double budgetSeconds,
        double seconds,
        List<Fold> folds,
        List<Trial> trials,
        int winner,
        Holdout defaultHoldout,
        Holdout winnerHoldout,
        String kept) {

    /**
     * One rolling-origin fold.
     *
     * @param validationFrom first validation date (ISO), the origin
     * @param validationTo last validation date (ISO)
     * @param fitRows rows before the origin
     * @param validationRows rows validated on
     */
    public record Fold(
            String validationFrom, String validationTo, int fitRows, int validationRows) {}

    /**
     * One candidate.
     *
     * @param parameters the LightGBM parameters that differ from run to run
     * @param validationRmse mean over the folds of the (execution-weighted) validation RMSE at the
     *     best tree count
     * @param iterations the best tree count of each fold
     * @param seconds the time the trial took
     */
    public record Trial(
            Map<String, String> parameters,
            double validationRmse,
            List<Integer> iterations,
            double seconds) {}

    /** Holdout figures of one parameter set. */
    public record Holdout(double rmse, double mae) {}

    /** One line: the search, its winner and which parameters the model kept. */
    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "tuning: %d trials in %.0f s (budget %.0f s); winner trial %d %s (validation"
                        + " RMSE %.3f vs default %.3f); holdout RMSE %.3f vs default %.3f:"
                        + " kept the %s",
                trials.size(),
                seconds,
                budgetSeconds,
                winner,
                trials.get(winner).parameters(),
                trials.get(winner).validationRmse(),
                trials.get(0).validationRmse(),
                winnerHoldout.rmse(),
                defaultHoldout.rmse(),
                kept);
    }
}
