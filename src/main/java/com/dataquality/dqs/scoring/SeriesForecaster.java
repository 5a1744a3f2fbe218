package com.dataquality.dqs.scoring;

import com.dataquality.dqs.record.Anomaly;
import com.dataquality.dqs.record.Forecast;
import com.dataquality.dqs.record.ModelRole;
import com.dataquality.dqs.record.PairedError;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.record.SeriesDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;

/**
 * The forecasting of one series, free of Flink: which days close, what is forecast, realized, or
 * forecast late. {@link ForecastFunction} is a thin shell around it that keeps the state, the
 * timers and the outputs.
 *
 * <p>Days close in date order, each once ({@link #close}). When day d closes, its counts join the
 * series' closed days, the forecasts of d meet their actual value, and, when the series was
 * observed in the {@link #RECENT_DAYS} days up to d, every served model forecasts d + 1 from the
 * days before it. A day is forecast once: {@link SeriesProgress#forecastDays} remembers it.
 *
 * <p>A late record (its day has closed) still counts ({@link #late}): its day joins the closed
 * days, an unrealized forecast of that day is realized, and a day it makes eligible that was not
 * forecast when it closed (the series looked dormant) is forecast now, marked late, from the days
 * before it only. So a day is never skipped because its records came late.
 */
public final class SeriesForecaster {

    /** A series is forecast while it was observed in this many days up to the closing day. */
    public static final int RECENT_DAYS = 7;

    /**
     * Forecast days remembered (and unrealized forecasts kept) behind the last closed day: the days
     * a late record can still make eligible or realize.
     */
    static final int REMEMBERED_DAYS = 2 * RECENT_DAYS;

    /** What the forecasting produces; the shell sends each to its output. */
    public interface Out {
        /**
         * @param primary true for the forecast the series is served (the predictions output), false
         *     for a shadow forecast of another served model
         * @param features the feature vector the forecast was made from
         * @param nanos time spent on the features and the model
         */
        void forecast(Forecast f, boolean primary, double[] features, long nanos);

        void realized(PredictionRow row, boolean primary);

        /** A closed day with executions, for the job's own retrainer. */
        void closedDay(SeriesDay d);

        /** A challenger's and the champion's errors on the same series-day. */
        void paired(PairedError e);

        /** A realized day outside the anomaly interval of the forecast that serves the series. */
        void anomaly(Anomaly a);
    }

    /** A served model with its native scorer. */
    public record Model(ServedModel served, Scorer scorer) {}

    private final List<Model> models;
    private final int primary;
    private final int closedForJob;
    private final ForecastSettings settings;
    private final Out out;

    /**
     * @param models the served models that load, the champion first when there is one
     * @param seriesKey the series, for the A/B split
     * @param closedForJob the last day the job has closed (the watermark's); a forecast of that day
     *     or an earlier one is made after its day ended and is marked late. {@link
     *     Integer#MIN_VALUE} when nothing is late: at the end of a bounded input, which replays
     *     history
     * @param settings the interval every forecast reports and the one anomalies are judged by
     */
    public SeriesForecaster(
            List<Model> models,
            String seriesKey,
            int closedForJob,
            ForecastSettings settings,
            Out out) {
        this.models = models;
        this.primary = primaryIndex(models, seriesKey);
        this.closedForJob = closedForJob;
        this.settings = settings;
        this.out = out;
    }

    /**
     * Which model serves a series: the champion, unless the first challenger with an A/B share
     * claims the series by a hash of its key (the same series, the same model, across restarts and
     * machines: {@link String#hashCode} is specified). -1 when nothing serves.
     */
    static int primaryIndex(List<Model> models, String seriesKey) {
        int champion = -1;
        for (int i = 0; i < models.size(); i++) {
            ServedModel m = models.get(i).served();
            if (m.role() == ModelRole.CHAMPION) {
                champion = i;
            } else if (m.share() > 0) {
                return splitPoint(seriesKey) < m.share() ? i : champion;
            }
        }
        return champion;
    }

    /** The series' point in [0, 1) of an A/B split. */
    public static double splitPoint(String seriesKey) {
        int h = seriesKey.hashCode() * 0x9E3779B9;
        h ^= h >>> 16;
        return (h & 0x7fffffff) / (double) (1L << 31);
    }

    /**
     * Closes the series' days up to {@code closeUpTo}, in order, from the day after the last closed
     * one (or the first open day, before any close).
     *
     * @param open the days not closed yet (day → {@link OpenDays} counts); closed days are removed
     */
    public void close(SeriesProgress p, NavigableMap<Integer, Long> open, int closeUpTo) {
        int from = p.hasClosed() ? p.lastClosedDay + 1 : open.isEmpty() ? 0 : open.firstKey();
        if (!p.hasClosed() && open.isEmpty()) {
            return;
        }
        for (int d = from; d <= closeUpTo; d++) {
            Long counts = open.remove(d);
            int executions = counts == null ? 0 : OpenDays.executions(counts);
            int passes = counts == null ? 0 : OpenDays.passes(counts);
            if (executions > 0) {
                p.closed.add(d, executions, passes);
                out.closedDay(
                        new SeriesDay(
                                p.closed.datasetUuid, p.closed.ruleCode, d, executions, passes));
            }
            p.lastClosedDay = d;
            realize(p, d, executions, passes);
            if (p.closed.observedWithin(d - RECENT_DAYS + 1, d)) {
                forecast(p, d + 1, d + 1 <= closedForJob);
            }
        }
        forget(p);
    }

    /** Counts a record whose day has closed already. */
    public void late(SeriesProgress p, int day, int executions, int passes) {
        if (executions <= 0) {
            return;
        }
        p.closed.add(day, executions, passes);
        realize(p, day, p.closed.executionsOn(day), passesOn(p, day));
        // Days before the horizon may have been forecast and forgotten: never forecast them again.
        int first = Math.max(day + 1, p.lastClosedDay - REMEMBERED_DAYS);
        int last = Math.min(day + RECENT_DAYS, p.lastClosedDay + 1);
        for (int target = first; target <= last; target++) {
            if (!forecastOn(p, target)
                    && p.closed.observedWithin(target - RECENT_DAYS, target - 1)) {
                forecast(p, target, target <= p.lastClosedDay);
                if (target <= p.lastClosedDay) {
                    realize(p, target, p.closed.executionsOn(target), passesOn(p, target));
                }
            }
        }
        forget(p);
    }

    /** The day the series is dormant from: no forecast is made for a later day. */
    public static int dormantAfter(int lastObservedDay) {
        return lastObservedDay + RECENT_DAYS;
    }

    private void forecast(SeriesProgress p, int target, boolean late) {
        if (models.isEmpty() || forecastOn(p, target)) {
            return;
        }
        List<Forecast> made = new ArrayList<>(models.size());
        List<Boolean> primaries = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            Model m = models.get(i);
            long start = System.nanoTime();
            double[] features = m.scorer().extractor().extract(p.closed, target);
            PredictiveDistribution d = m.scorer().distribution(p.closed, target, features);
            double[] interval = d.interval(settings.intervalLevel());
            boolean banded = d.hasInterval();
            Forecast f =
                    new Forecast(
                            p.closed.datasetUuid,
                            p.closed.ruleCode,
                            target,
                            d.mean(),
                            d.median(),
                            banded ? interval[0] : null,
                            banded ? interval[1] : null,
                            banded ? settings.intervalLevel() : null,
                            m.served().version(),
                            m.served().role(),
                            late);
            out.forecast(f, i == primary, features, System.nanoTime() - start);
            made.add(f);
            primaries.add(i == primary);
        }
        p.forecastDays = append(p.forecastDays, target);
        int n = p.pending.length;
        p.pending = Arrays.copyOf(p.pending, n + made.size());
        p.pendingPrimary = Arrays.copyOf(p.pendingPrimary, n + made.size());
        for (int k = 0; k < made.size(); k++) {
            p.pending[n + k] = made.get(k);
            p.pendingPrimary[n + k] = primaries.get(k);
        }
    }

    /**
     * Realizes the pending forecasts of {@code day} when it has executions, and pairs each
     * challenger's error with the champion's on it.
     */
    private void realize(SeriesProgress p, int day, int executions, int passes) {
        if (executions <= 0 || p.pending.length == 0) {
            return;
        }
        int kept = 0;
        PredictionRow champion = null;
        List<PredictionRow> challengers = new ArrayList<>();
        for (int i = 0; i < p.pending.length; i++) {
            Forecast f = p.pending[i];
            if (f.day() == day) {
                PredictionRow row = new PredictionRow(f, executions, passes);
                out.realized(row, p.pendingPrimary[i]);
                if (p.pendingPrimary[i]) {
                    judge(p, f, executions, passes);
                }
                if (f.modelRole() == ModelRole.CHAMPION) {
                    champion = row;
                } else {
                    challengers.add(row);
                }
            } else {
                p.pending[kept] = f;
                p.pendingPrimary[kept] = p.pendingPrimary[i];
                kept++;
            }
        }
        p.pending = Arrays.copyOf(p.pending, kept);
        p.pendingPrimary = Arrays.copyOf(p.pendingPrimary, kept);
        if (champion != null) {
            for (PredictionRow c : challengers) {
                out.paired(pair(c, champion));
            }
        }
    }

    /**
     * Whether a realized day is an anomaly for the forecast that served it ({@link AnomalyJudge}:
     * alone, or with the day before), judged with the model that made the forecast when it is still
     * served, for the day's actual number of executions (a day of 2 executions can only be 0, 50 or
     * 100%).
     */
    private void judge(SeriesProgress p, Forecast f, int executions, int passes) {
        Scorer scorer = null;
        for (Model m : models) {
            if (m.served().version().equals(f.modelVersion())) {
                scorer = m.scorer();
            }
        }
        if (scorer == null) {
            return;
        }
        AnomalyJudge.Realized today =
                new AnomalyJudge.Realized(f.day(), f.predictedPassPercentage(), executions, passes);
        AnomalyJudge.Realized before =
                p.lastRealizedDay == f.day() - 1 && !p.lastRealizedAnomaly
                        ? new AnomalyJudge.Realized(
                                p.lastRealizedDay,
                                p.lastRealizedMean,
                                p.lastRealizedExecutions,
                                p.lastRealizedPasses)
                        : null;
        AnomalyJudge.Verdict v = AnomalyJudge.judge(scorer, today, before, settings.anomalyLevel());
        if (f.day() > p.lastRealizedDay) {
            // A day realized late, behind a later one, is judged alone and remembered by none.
            p.lastRealizedDay = f.day();
            p.lastRealizedMean = f.predictedPassPercentage();
            p.lastRealizedExecutions = executions;
            p.lastRealizedPasses = passes;
            p.lastRealizedAnomaly = v != null;
        }
        if (v == null) {
            return;
        }
        out.anomaly(
                new Anomaly(
                        f.datasetUuid(),
                        f.ruleCode(),
                        f.day(),
                        v.actualPassPercentage(),
                        v.median(),
                        v.lower(),
                        v.upper(),
                        settings.anomalyLevel(),
                        v.executions(),
                        v.passes(),
                        v.tailProbability(),
                        f.modelVersion(),
                        v.critical() ? "critical" : "warning",
                        v.side() < 0 ? "below" : "above",
                        v.windowDays()));
    }

    private static PairedError pair(PredictionRow challenger, PredictionRow champion) {
        double c = challenger.absError();
        double k = champion.absError();
        return new PairedError(
                challenger.forecast().modelVersion(),
                champion.forecast().modelVersion(),
                champion.forecast().day(),
                c,
                k,
                c * c,
                k * k);
    }

    /** Drops what no late record can use any more. */
    private static void forget(SeriesProgress p) {
        int horizon = p.lastClosedDay - REMEMBERED_DAYS;
        int from = 0;
        while (from < p.forecastDays.length && p.forecastDays[from] < horizon) {
            from++;
        }
        if (from > 0) {
            p.forecastDays = Arrays.copyOfRange(p.forecastDays, from, p.forecastDays.length);
        }
        int kept = 0;
        for (int i = 0; i < p.pending.length; i++) {
            if (p.pending[i].day() >= horizon) {
                p.pending[kept] = p.pending[i];
                p.pendingPrimary[kept] = p.pendingPrimary[i];
                kept++;
            }
        }
        if (kept < p.pending.length) {
            p.pending = Arrays.copyOf(p.pending, kept);
            p.pendingPrimary = Arrays.copyOf(p.pendingPrimary, kept);
        }
    }

    private static boolean forecastOn(SeriesProgress p, int day) {
        return Arrays.binarySearch(p.forecastDays, day) >= 0;
    }

    private static int passesOn(SeriesProgress p, int day) {
        int pos = Arrays.binarySearch(p.closed.days, day);
        return pos >= 0 ? p.closed.passes[pos] : 0;
    }

    private static int[] append(int[] sorted, int day) {
        int pos = Arrays.binarySearch(sorted, day);
        if (pos >= 0) {
            return sorted;
        }
        int insert = -pos - 1;
        int[] out = new int[sorted.length + 1];
        System.arraycopy(sorted, 0, out, 0, insert);
        out[insert] = day;
        System.arraycopy(sorted, insert, out, insert + 1, sorted.length - insert);
        return out;
    }
}
