package com.dataquality.dqs.retrain;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.Trainer;
import com.dataquality.dqs.scoring.Scorer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trains a candidate on recent history and judges it against the active model, without deciding
 * what to do with the verdict ({@link RetrainLoop} promotes and publishes).
 *
 * <p>The last {@code compareDays} days of the history are the comparison window: the candidate is
 * trained on the {@code trainDays} days before it, never on it, and both models forecast every
 * observed series-day of the window from the same history with the one feature code path. The
 * candidate wins only when its mean absolute error there is lower by more than {@link
 * #MIN_GAIN_STANDARD_ERRORS} standard errors of the paired difference: a week holds a few hundred
 * rows, and a candidate that is better by chance alone must not replace a model that is fine.
 */
public final class Retrainer {

    /**
     * How many standard errors of the mean paired error difference the candidate must win by.
     * Chosen with scripts/bench-drift.sh: at 0 a stationary year could swap to a model that was
     * better on its comparison week and worse afterwards.
     */
    public static final double MIN_GAIN_STANDARD_ERRORS = 1.0;

    /**
     * @param trainDays days of history before the comparison window the candidate learns from
     * @param compareDays the latest days, on which candidate and active model are compared
     */
    public record Options(int trainDays, int compareDays) implements java.io.Serializable {
        public static final Options DEFAULTS = new Options(120, 7);

        public Options {
            if (trainDays < 14) {
                throw new InputException("--train-days must be at least 14, got " + trainDays);
            }
            if (compareDays < 1) {
                throw new InputException("--compare-days must be at least 1, got " + compareDays);
            }
        }
    }

    /**
     * The verdict.
     *
     * @param candidate the trained candidate
     * @param activeVersion the model it was compared with, or null when there was none
     * @param activeMae NaN without an active model
     */
    public record Verdict(
            ForecastModel candidate,
            String activeVersion,
            String trainFrom,
            String compareFrom,
            String compareTo,
            int compareRows,
            double candidateMae,
            double activeMae,
            boolean better,
            String reason) {

        /** This verdict about the candidate as the registry knows it (its registry version). */
        public Verdict registeredAs(ForecastModel registered) {
            return new Verdict(
                    registered,
                    activeVersion,
                    trainFrom,
                    compareFrom,
                    compareTo,
                    compareRows,
                    candidateMae,
                    activeMae,
                    better,
                    reason);
        }
    }

    private Retrainer() {}

    public static Verdict evaluate(
            List<DailySeries> history,
            long records,
            ForecastModel active,
            Options options,
            Instant now,
            Consumer<String> progress) {
        int lastDay =
                history.stream()
                        .filter(s -> s.size() > 0)
                        .mapToInt(s -> s.days()[s.size() - 1])
                        .max()
                        .orElseThrow(() -> new InputException("no history to retrain on"));
        int compareFrom = lastDay - options.compareDays() + 1;
        int trainFrom = compareFrom - options.trainDays();
        List<DailySeries> train = new ArrayList<>();
        for (DailySeries s : history) {
            DailySeries cut = slice(s, trainFrom, compareFrom);
            if (cut.size() > 0) {
                train.add(cut);
            }
        }
        progress.accept(
                String.format(
                        "training a candidate on %s..%s, comparing on %s..%s",
                        LocalDate.ofEpochDay(trainFrom),
                        LocalDate.ofEpochDay(compareFrom - 1),
                        LocalDate.ofEpochDay(compareFrom),
                        LocalDate.ofEpochDay(lastDay)));
        ForecastModel candidate = new Trainer(progress).train(train, records, now);

        double candidateSum = 0;
        double activeSum = 0;
        double diffSquares = 0;
        int rows = 0;
        try (Scorer c = new Scorer(candidate);
                Scorer a = active == null ? null : new Scorer(active)) {
            for (DailySeries s : history) {
                for (int i = s.indexAtOrAfter(compareFrom); i < s.size(); i++) {
                    int day = s.days()[i];
                    var before = s.stateBefore(day);
                    double actual = s.passPercentage(i);
                    double ce = Math.abs(c.forecast(before, day) - actual);
                    candidateSum += ce;
                    if (a != null) {
                        double ae = Math.abs(a.forecast(before, day) - actual);
                        activeSum += ae;
                        diffSquares += (ae - ce) * (ae - ce);
                    }
                    rows++;
                }
            }
        }
        if (rows == 0) {
            throw new InputException("no observed day in the comparison window to compare on");
        }
        double candidateMae = candidateSum / rows;
        double activeMae = active == null ? Double.NaN : activeSum / rows;
        double gain = activeMae - candidateMae;
        double meanSquare = diffSquares / rows;
        double se =
                rows > 1
                        ? Math.sqrt(
                                Math.max(0, meanSquare - gain * gain) * rows / (rows - 1) / rows)
                        : Double.POSITIVE_INFINITY;
        boolean better = active == null || gain > MIN_GAIN_STANDARD_ERRORS * se;
        String reason =
                active == null
                        ? "no active model"
                        : String.format(
                                java.util.Locale.ROOT,
                                "candidate MAE %.3f vs active %.3f on %d rows of %s..%s: gain %.3f, %s %.1f standard errors (%.3f)",
                                candidateMae,
                                activeMae,
                                rows,
                                LocalDate.ofEpochDay(compareFrom),
                                LocalDate.ofEpochDay(lastDay),
                                gain,
                                better ? "more than" : "not more than",
                                MIN_GAIN_STANDARD_ERRORS,
                                MIN_GAIN_STANDARD_ERRORS * se);
        return new Verdict(
                candidate,
                active == null ? null : active.version(),
                LocalDate.ofEpochDay(trainFrom).toString(),
                LocalDate.ofEpochDay(compareFrom).toString(),
                LocalDate.ofEpochDay(lastDay).toString(),
                rows,
                candidateMae,
                activeMae,
                better,
                reason);
    }

    /** The observed days of a series in [from, to). */
    public static DailySeries slice(DailySeries s, int from, int to) {
        int a = s.indexAtOrAfter(from);
        int b = s.indexAtOrAfter(to);
        return new DailySeries(
                s.datasetUuid(),
                s.ruleCode(),
                Arrays.copyOfRange(s.days(), a, b),
                Arrays.copyOfRange(s.executions(), a, b),
                Arrays.copyOfRange(s.passes(), a, b));
    }
}
