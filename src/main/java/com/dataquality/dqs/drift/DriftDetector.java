package com.dataquality.dqs.drift;

import com.dataquality.dqs.model.DriftReference.ErrorDistribution;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.RetrainTrigger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The drift detector's day-by-day logic, without Flink: {@link DriftFunction} keeps its {@link
 * State} in Flink state and calls {@link #judgeDay} as each day closes; the drift benchmark calls
 * it the same way over a simulated year.
 */
public final class DriftDetector {

    /**
     * What the detector remembers between days.
     *
     * @param modelVersion the model the evidence is about (null before the first day)
     * @param firstDay the first day judged (for the warm-up), or null
     * @param errorTest the Page-Hinkley test of the daily error
     * @param trigger the trigger's evidence and cool-down
     */
    public record State(
            String modelVersion, Integer firstDay, PageHinkley errorTest, TriggerPolicy trigger) {
        public static final State START =
                new State(null, null, PageHinkley.START, TriggerPolicy.START);
    }

    /**
     * One day's outcome.
     *
     * @param trigger the retrain trigger fired on this day, or null
     * @param featureShare share of the checked features that drifted (NaN when not judged)
     * @param errorStatistic the Page-Hinkley statistic after the day (NaN when not judged)
     * @param dailyMae the day's mean realized absolute error (NaN without errors)
     */
    public record Day(
            State state,
            List<DriftEvent> events,
            RetrainTrigger trigger,
            double featureShare,
            double errorStatistic,
            double dailyMae) {}

    private DriftDetector() {}

    /**
     * Judges one closed day against the serving model.
     *
     * @param rows feature vectors of the forecasts made as the day closed (this model's only)
     * @param errorSum sum of the day's realized absolute errors (this model's forecasts only)
     * @param errors how many realized errors the sum holds
     */
    public static Day judgeDay(
            State state,
            int day,
            ForecastModel model,
            List<double[]> rows,
            double errorSum,
            int errors,
            DriftSettings settings) {
        PageHinkley test = state.errorTest();
        TriggerPolicy policy = state.trigger();
        if (!model.version().equals(state.modelVersion())) {
            // Earlier evidence was about another model; the cool-down still holds.
            test = PageHinkley.START;
            policy = policy.newModel();
        }
        int first = state.firstDay() == null ? day : state.firstDay();
        boolean warm = day >= first + settings.warmUpDays();
        String date = LocalDate.ofEpochDay(day).toString();
        List<DriftEvent> events = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        double share = Double.NaN;
        double statistic = Double.NaN;
        double mae = errors > 0 ? errorSum / errors : Double.NaN;
        if (warm && !rows.isEmpty()) {
            FeatureDrift.Day verdict =
                    FeatureDrift.evaluate(model.driftReference(), model.features(), rows, settings);
            share = verdict.share();
            if (verdict.drifts()) {
                kinds.add(DriftEvent.FEATURE);
                events.add(
                        new DriftEvent(
                                date,
                                DriftEvent.FEATURE,
                                "psi_share",
                                verdict.share(),
                                settings.featureShare(),
                                verdict.drifting().toArray(String[]::new),
                                model.version(),
                                featureDetail(verdict)));
            }
        }
        if (warm && errors > 0) {
            ErrorDistribution holdout = model.driftReference().holdoutAbsError();
            double z = ErrorDrift.standardized(holdout, mae, errors);
            if (!Double.isNaN(z)) {
                test = test.next(z, ErrorDrift.delta(holdout, errors, settings), settings.phClip());
                statistic = test.statistic();
                if (test.alarm(settings.phLambda())) {
                    kinds.add(DriftEvent.ERROR);
                    events.add(
                            new DriftEvent(
                                    date,
                                    DriftEvent.ERROR,
                                    "page_hinkley",
                                    test.statistic(),
                                    settings.phLambda(),
                                    new String[0],
                                    model.version(),
                                    String.format(
                                            Locale.ROOT,
                                            "daily MAE %.3f over %d rows vs holdout %.3f",
                                            mae,
                                            errors,
                                            holdout.mean())));
                }
            }
        }
        policy = policy.record(day, !kinds.isEmpty());
        RetrainTrigger fired = null;
        if (policy.shouldTrigger(settings)) {
            int signalDays = policy.signalDays(settings.triggerWindow());
            fired =
                    new RetrainTrigger(
                            date,
                            signalDays
                                    + " drift days in the last "
                                    + settings.triggerWindow()
                                    + (kinds.isEmpty()
                                            ? ""
                                            : " (today: " + String.join(", ", kinds) + ")"),
                            signalDays,
                            settings.triggerWindow(),
                            model.version());
            policy = policy.triggered();
            // The retrained model, or the old one after the cool-down, needs fresh evidence.
            test = PageHinkley.START;
        }
        return new Day(
                new State(model.version(), first, test, policy),
                events,
                fired,
                share,
                statistic,
                mae);
    }

    private static String featureDetail(FeatureDrift.Day verdict) {
        StringBuilder b = new StringBuilder();
        for (FeatureDrift.FeatureStat s : verdict.checked()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(
                    String.format(
                            Locale.ROOT, "%s=%.2f/%.2f", s.name(), s.scaled(), s.threshold()));
        }
        return b.toString();
    }
}
