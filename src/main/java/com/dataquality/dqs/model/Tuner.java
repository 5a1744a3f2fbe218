package com.dataquality.dqs.model;

import io.github.metarank.lightgbm4j.LGBMException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A time-aware search of LightGBM's parameters: every candidate is scored by rolling-origin
 * validation on the dates before the holdout (never a shuffled fold, never the holdout), within a
 * time budget; the default parameters are always the first candidate, so the winner is never worse
 * than them on the folds.
 *
 * <p>Folds: the dates before the holdout are cut at {@link #FOLDS} origins, {@code h} dates apart
 * (h = a tenth of them, at least a week); fold j fits on every date before its origin and validates
 * on the h dates from it, the last fold ending where the holdout begins. A candidate's score is the
 * mean of its folds' validation RMSE at their best tree count (early stopping).
 *
 * <p>Candidates after the default are drawn, seeded (the same data and budget give the same
 * sequence), from {@link #SPACE}. The search stops launching candidates when the budget is spent; a
 * candidate still running then is dropped.
 */
final class Tuner {

    static final int FOLDS = 3;

    /** The values each tuned parameter is drawn from. */
    static final Map<String, String[]> SPACE = new LinkedHashMap<>();

    static {
        SPACE.put("learning_rate", new String[] {"0.03", "0.05", "0.08", "0.12"});
        SPACE.put("num_leaves", new String[] {"7", "15", "31", "63"});
        SPACE.put("min_data_in_leaf", new String[] {"50", "100", "200", "400", "800"});
        SPACE.put("lambda_l2", new String[] {"0.0", "1.0", "5.0", "20.0"});
        SPACE.put("feature_fraction", new String[] {"0.6", "0.8", "1.0"});
    }

    /** What the search found. */
    record Result(Map<String, String> winner, Tuning partial) {}

    private Tuner() {}

    /**
     * @param trainRows the rows before the holdout (the folds are cut from their dates)
     * @param defaults the default parameters (the first candidate)
     * @param full turns candidate parameters into what LightGBM gets
     */
    static Result search(
            TrainingSet set,
            Fitter fitter,
            int[] trainRows,
            Map<String, String> defaults,
            java.util.function.UnaryOperator<Map<String, String>> full,
            Duration budget,
            Consumer<String> progress) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        List<int[][]> folds = folds(set, trainRows);
        List<Tuning.Fold> foldInfo = new ArrayList<>();
        for (int[][] f : folds) {
            int[] valid = f[1];
            foldInfo.add(
                    new Tuning.Fold(
                            LocalDate.ofEpochDay(set.days()[valid[0]]).toString(),
                            LocalDate.ofEpochDay(set.days()[valid[valid.length - 1]]).toString(),
                            f[0].length,
                            valid.length));
        }
        progress.accept(
                String.format(
                        "tuning: %d rolling-origin folds before the holdout, budget %d s",
                        folds.size(), budget.toSeconds()));
        SplittableRandom rnd = new SplittableRandom(20_240_601L + set.rows());
        List<Tuning.Trial> trials = new ArrayList<>();
        int best = -1;
        Map<String, String> candidate = defaults;
        for (int t = 0; ; t++) {
            long t0 = System.nanoTime();
            // The default always runs to the end, whatever the budget: it is the reference.
            long limit = t == 0 ? Long.MAX_VALUE : deadline;
            Tuning.Trial trial = evaluate(fitter, folds, candidate, full, limit);
            if (trial == null) {
                break; // the budget ran out during this candidate
            }
            trial =
                    new Tuning.Trial(
                            tuned(candidate),
                            trial.validationRmse(),
                            trial.iterations(),
                            (System.nanoTime() - t0) / 1e9);
            trials.add(trial);
            if (best < 0 || trial.validationRmse() < trials.get(best).validationRmse()) {
                best = t;
            }
            progress.accept(
                    String.format(
                            java.util.Locale.ROOT,
                            "tuning: trial %d %s: validation RMSE %.4f%s",
                            t,
                            trial.parameters(),
                            trial.validationRmse(),
                            best == t ? " (best so far)" : ""));
            if (System.nanoTime() > deadline) {
                break;
            }
            candidate = draw(defaults, rnd);
        }
        Map<String, String> winner = new LinkedHashMap<>(defaults);
        winner.putAll(trials.get(best).parameters());
        Tuning partial =
                new Tuning(
                        budget.toMillis() / 1000.0,
                        (System.nanoTime() - start) / 1e9,
                        foldInfo,
                        trials,
                        best,
                        null,
                        null,
                        null);
        return new Result(winner, partial);
    }

    /** The tuned parameters of a candidate (those of {@link #SPACE}). */
    private static Map<String, String> tuned(Map<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : SPACE.keySet()) {
            out.put(key, params.getOrDefault(key, ""));
        }
        return out;
    }

    private static Map<String, String> draw(Map<String, String> defaults, SplittableRandom rnd) {
        Map<String, String> p = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, String[]> e : SPACE.entrySet()) {
            p.put(e.getKey(), e.getValue()[rnd.nextInt(e.getValue().length)]);
        }
        return p;
    }

    private static Tuning.Trial evaluate(
            Fitter fitter,
            List<int[][]> folds,
            Map<String, String> candidate,
            java.util.function.UnaryOperator<Map<String, String>> full,
            long deadline) {
        double sum = 0;
        List<Integer> iterations = new ArrayList<>();
        try {
            for (int[][] f : folds) {
                Fitter.Fit fit =
                        fitter.earlyStopping(
                                f[0],
                                f[1],
                                full.apply(candidate),
                                Trainer.MAX_ITERATIONS,
                                Trainer.EARLY_STOPPING_ROUNDS,
                                deadline);
                if (fit == null) {
                    return null;
                }
                sum += Math.sqrt(fit.validationL2());
                iterations.add(fit.iterations());
            }
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM training failed: " + e.getMessage(), e);
        }
        return new Tuning.Trial(candidate, sum / folds.size(), iterations, 0);
    }

    /** The folds as {fit rows, validation rows}, oldest origin first. */
    static List<int[][]> folds(TrainingSet set, int[] trainRows) {
        int[] dates =
                java.util.Arrays.stream(trainRows)
                        .map(r -> set.days()[r])
                        .distinct()
                        .sorted()
                        .toArray();
        int m = dates.length;
        int h = Math.max(7, m / 10);
        List<int[][]> out = new ArrayList<>();
        for (int j = FOLDS; j >= 1; j--) {
            int originIndex = m - j * h;
            if (originIndex < h) {
                continue; // too little to fit on before this origin
            }
            int origin = dates[originIndex];
            int end = originIndex + h < m ? dates[originIndex + h] : Integer.MAX_VALUE;
            int[] fit =
                    java.util.Arrays.stream(trainRows)
                            .filter(r -> set.days()[r] < origin)
                            .toArray();
            int[] valid =
                    java.util.Arrays.stream(trainRows)
                            .filter(r -> set.days()[r] >= origin && set.days()[r] < end)
                            .toArray();
            if (fit.length > 0 && valid.length > 0) {
                out.add(new int[][] {fit, valid});
            }
        }
        if (out.isEmpty()) {
            throw new com.dataquality.dqs.InputException(
                    "too little data to tune: the dates before the holdout do not make a single"
                            + " rolling-origin fold");
        }
        return out;
    }

    /** The parameter names a tuned model's search may change. */
    static List<String> tunedNames() {
        return List.copyOf(SPACE.keySet());
    }
}
