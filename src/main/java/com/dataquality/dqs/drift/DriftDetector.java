package com.dataquality.dqs.drift;

import com.dataquality.dqs.model.DriftReference;
import com.dataquality.dqs.model.DriftReference.ErrorDistribution;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.RetrainTrigger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The drift detector's day-by-day logic, without Flink: the drift operator keeps its {@link State}
 * and its {@link DriftEpisodes} in Flink state and calls it as each day closes; the drift benchmark
 * calls it the same way over a simulated year.
 *
 * <p>Drift comes in <b>episodes</b>: one event when a run of drifting days opens and one when it
 * closes (the first versions emitted an event on every drifting day). The error test reads where
 * the actual values fell in their forecast distributions ({@link ErrorEvidence}), calibrated on the
 * holdout's ordinary days.
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
     * @param episodes the episodes after the day
     */
    public record Day(
            State state,
            List<DriftEvent> events,
            RetrainTrigger trigger,
            double featureShare,
            double errorStatistic,
            double dailyMae,
            DriftEpisodes episodes) {}

    /**
     * While an error episode is open its test statistics are capped at lambda plus this: a long
     * drift does not pile up evidence that would take months to wear off once it ends (at the
     * tolerance's pace, 0.5 a day, the episode closes about three weeks after the errors are
     * ordinary again).
     */
    static final double EPISODE_HEADROOM = 2;

    /** Statistic of a feature-drift episode's closing event. */
    public static final String RECOVERED = "recovered";

    /**
     * Judges one closed day against the serving model, in episodes.
     *
     * <p><b>Feature drift</b> of a day ({@link FeatureDrift}): more than half of the calibrated
     * features beyond the largest {@code rows × PSI} of an ordinary training day. The first
     * drifting day opens an episode (one {@code feature} event); the episode closes after {@link
     * DriftSettings#featureRecoveryDays} judged days in a row without feature drift (one {@code
     * feature} event with statistic {@value #RECOVERED}).
     *
     * <p><b>Error drift</b>: the day's realized forecasts give {@code z = Σ (u − 1/2) / √Σ var}
     * (mid-PIT of each actual value in its forecast distribution, {@link ErrorEvidence}),
     * standardized by the holdout's ordinary days ({@code (z − mean) / max(std, 1)}, {@link
     * com.dataquality.dqs.model.DriftReference.PitReference}). Two Page-Hinkley tests watch it, one
     * for pass rates below their forecasts ({@link State#errorTest}) and one above ({@link
     * DriftEpisodes}), each with tolerance {@code pitDelta} and each day counting at most {@code
     * pitClip}. When either exceeds {@code pitLambda} an episode opens (one {@code error} event);
     * while it is open the statistics are capped at {@code pitLambda + }{@link #EPISODE_HEADROOM},
     * and it closes when both fall to {@code pitRecovery} (one {@code error} event with statistic
     * {@value #RECOVERED}). A model without a forecast distribution (or a day whose realized
     * forecasts carry no executions) is tested on its mean absolute error ({@link ErrorDrift}: a
     * one-sided Page-Hinkley test of the daily MAE standardized by the holdout's), in episodes too.
     *
     * <p>A new model closes the episodes of the previous one (closing events saying so) and starts
     * the tests afresh. The retrain trigger counts the days inside an open episode.
     *
     * @param episodes what {@link Day#episodes} returned the day before ({@link
     *     DriftEpisodes#start} at first)
     * @param rows feature vectors of the forecasts made as the day closed (this model's only)
     * @param errors the day's realized forecasts of this model
     */
    public static Day judge(
            State state,
            DriftEpisodes episodes,
            int day,
            ForecastModel model,
            List<double[]> rows,
            ErrorEvidence errors,
            DriftSettings settings) {
        PageHinkley drop = state.errorTest();
        TriggerPolicy policy = state.trigger();
        DriftEpisodes e = episodes == null ? DriftEpisodes.start() : episodes.copy();
        String date = LocalDate.ofEpochDay(day).toString();
        List<DriftEvent> events = new ArrayList<>();
        if (!model.version().equals(state.modelVersion())) {
            if (e.modelVersion != null) {
                closeAll(e, date, "a new model serves: " + model.version(), events);
            }
            drop = PageHinkley.START;
            policy = policy.newModel();
            e = DriftEpisodes.start();
        }
        e.modelVersion = model.version();
        PageHinkley rise = e.rise();
        int first = state.firstDay() == null ? day : state.firstDay();
        boolean warm = day >= first + settings.warmUpDays();
        double share = Double.NaN;
        double statistic = Double.NaN;
        double mae = errors.mae();
        if (warm && !rows.isEmpty()) {
            FeatureDrift.Day verdict =
                    FeatureDrift.evaluate(model.driftReference(), model.features(), rows, settings);
            share = verdict.share();
            if (verdict.drifts()) {
                e.featureQuietDays = 0;
                if (!e.featureOpen()) {
                    e.featureSince = day;
                    events.add(
                            new DriftEvent(
                                    date,
                                    DriftEvent.FEATURE,
                                    "psi_share",
                                    verdict.share(),
                                    settings.featureShare(),
                                    verdict.drifting().toArray(String[]::new),
                                    model.version(),
                                    "drift starts: " + featureDetail(verdict)));
                }
            } else if (e.featureOpen() && ++e.featureQuietDays >= settings.featureRecoveryDays()) {
                events.add(
                        closing(
                                DriftEvent.FEATURE,
                                date,
                                verdict.share(),
                                settings.featureShare(),
                                model.version(),
                                String.format(
                                        Locale.ROOT,
                                        "drift ends: since %s, no feature drift for %d days",
                                        LocalDate.ofEpochDay(e.featureSince),
                                        e.featureQuietDays)));
                e.featureSince = DriftEpisodes.NONE;
                e.featureQuietDays = 0;
            }
        }
        if (warm && errors.rows() > 0) {
            DriftReference.PitReference pit = model.driftReference().holdoutPit();
            double z = errors.pitZ();
            double lambda;
            double cap;
            double recovery;
            String name;
            String what;
            if (pit != null && !Double.isNaN(z)) {
                double zs = (z - pit.mean()) / Math.max(pit.std(), 1);
                drop = drop.next(-zs, settings.pitDelta(), settings.pitClip());
                rise = rise.next(zs, settings.pitDelta(), settings.pitClip());
                lambda = settings.pitLambda();
                cap = settings.pitLambda() + EPISODE_HEADROOM;
                recovery = settings.pitRecovery();
                name = "pit_page_hinkley";
                what =
                        String.format(
                                Locale.ROOT,
                                "daily PIT z %.2f (standardized %.2f) over %d rows, MAE %.3f",
                                z,
                                zs,
                                errors.rows(),
                                mae);
            } else {
                ErrorDistribution holdout = model.driftReference().holdoutAbsError();
                double zm = ErrorDrift.standardized(holdout, mae, errors.rows());
                if (!Double.isNaN(zm)) {
                    drop =
                            drop.next(
                                    zm,
                                    ErrorDrift.delta(holdout, errors.rows(), settings),
                                    settings.phClip());
                }
                lambda = settings.phLambda();
                cap = settings.phLambda() + EPISODE_HEADROOM;
                recovery = 0;
                name = "page_hinkley";
                what =
                        String.format(
                                Locale.ROOT,
                                "daily MAE %.3f over %d rows vs holdout %.3f",
                                mae,
                                errors.rows(),
                                holdout.mean());
            }
            statistic = Math.max(drop.statistic(), rise.statistic());
            if (statistic > lambda) {
                if (!e.errorOpen()) {
                    e.errorSince = day;
                    events.add(
                            new DriftEvent(
                                    date,
                                    DriftEvent.ERROR,
                                    name,
                                    statistic,
                                    lambda,
                                    new String[0],
                                    model.version(),
                                    "drift starts: "
                                            + (drop.statistic() >= rise.statistic()
                                                    ? "pass rates below their forecasts, "
                                                    : "pass rates above their forecasts, ")
                                            + what));
                }
                e.errorQuietDays = 0;
            } else if (e.errorOpen()) {
                e.errorQuietDays++;
            }
            if (e.errorOpen()) {
                drop = capped(drop, cap);
                rise = capped(rise, cap);
                if (drop.statistic() <= recovery && rise.statistic() <= recovery) {
                    events.add(
                            closing(
                                    DriftEvent.ERROR,
                                    date,
                                    statistic,
                                    lambda,
                                    model.version(),
                                    String.format(
                                            Locale.ROOT,
                                            "drift ends: since %s, the error test is back to %.2f;"
                                                    + " %s",
                                            LocalDate.ofEpochDay(e.errorSince),
                                            statistic,
                                            what)));
                    e.errorSince = DriftEpisodes.NONE;
                    e.errorQuietDays = 0;
                }
            }
        }
        boolean inDrift = e.featureOpen() || e.errorOpen();
        policy = policy.record(day, inDrift);
        RetrainTrigger fired = null;
        if (policy.shouldTrigger(settings)) {
            int signalDays = policy.signalDays(settings.triggerWindow());
            fired =
                    new RetrainTrigger(
                            date,
                            signalDays
                                    + " drift days in the last "
                                    + settings.triggerWindow()
                                    + " ("
                                    + (e.featureOpen() ? "feature" : "")
                                    + (e.featureOpen() && e.errorOpen() ? ", " : "")
                                    + (e.errorOpen() ? "error" : "")
                                    + " drift)",
                            signalDays,
                            settings.triggerWindow(),
                            model.version());
            policy = policy.triggered();
        }
        e.rise(rise);
        return new Day(
                new State(model.version(), first, drop, policy),
                events,
                fired,
                share,
                statistic,
                mae,
                e);
    }

    /** The test with its statistic at most {@code cap} (an open episode's ceiling). */
    private static PageHinkley capped(PageHinkley p, double cap) {
        return p.statistic() > cap ? new PageHinkley(p.sum(), p.sum() - cap, p.days()) : p;
    }

    private static DriftEvent closing(
            String kind,
            String date,
            double value,
            double threshold,
            String modelVersion,
            String detail) {
        return new DriftEvent(
                date, kind, RECOVERED, value, threshold, new String[0], modelVersion, detail);
    }

    private static void closeAll(
            DriftEpisodes e, String date, String why, List<DriftEvent> events) {
        if (e.featureOpen()) {
            events.add(
                    closing(DriftEvent.FEATURE, date, 0, 0, e.modelVersion, "drift ends: " + why));
        }
        if (e.errorOpen()) {
            events.add(closing(DriftEvent.ERROR, date, 0, 0, e.modelVersion, "drift ends: " + why));
        }
    }

    private DriftDetector() {}

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
