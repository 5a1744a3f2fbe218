package com.dataquality.dqs.bench;

import com.dataquality.dqs.drift.DriftDetector;
import com.dataquality.dqs.drift.DriftEpisodes;
import com.dataquality.dqs.drift.DriftSettings;
import com.dataquality.dqs.drift.ErrorEvidence;
import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.SeriesCursor;
import com.dataquality.dqs.generate.Generator;
import com.dataquality.dqs.generate.GeneratorConfig;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.Trainer;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.retrain.HistoryFiles;
import com.dataquality.dqs.retrain.Retrainer;
import com.dataquality.dqs.scoring.Scorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The drift benchmark ({@code scripts/bench-drift.sh}): replays a generated year day by day the way
 * the streaming job does (at each day's close: realize the day's forecasts, forecast the next day
 * for series seen in the last week, judge the day with {@link DriftDetector}, retrain on a trigger
 * with {@link Retrainer} and swap when the candidate wins), without Flink, so that many seeds and
 * drift sizes run in a minute. The swap takes effect from the next day's forecasts, as a live swap
 * of a job that keeps up with real time does.
 *
 * <p>Arguments: {@code seed driftFraction driftSize} (driftSize 0 for stationary data). Prints one
 * line of {@code key=value} figures.
 */
public final class DriftSimulation {
    static final LocalDate DRIFT = LocalDate.of(2024, 8, 1);
    static final LocalDate TRAIN_UNTIL = LocalDate.of(2024, 6, 1);

    private DriftSimulation() {}

    /** Whether triggers retrain (off: the initial model serves the whole year). */
    private static boolean retrain = true;

    public static void main(String[] args) throws IOException {
        long seed = Long.parseLong(args[0]);
        double fraction = Double.parseDouble(args[1]);
        double size = Double.parseDouble(args[2]);
        for (int i = 3; i < args.length; i++) {
            retrain &= !args[i].equals("noretrain");
        }
        System.out.println(
                run(seed, fraction, size, DriftSettings.DEFAULTS, Retrainer.Options.DEFAULTS));
    }

    static String run(
            long seed,
            double fraction,
            double size,
            DriftSettings settings,
            Retrainer.Options options)
            throws IOException {
        boolean drift = size != 0;
        GeneratorConfig.Builder b = GeneratorConfig.builder().seed(seed);
        if (drift) {
            b.drift(DRIFT, fraction, size);
        }
        Path dir = Files.createTempDirectory("dqs-drift-sim");
        List<DailySeries> all;
        long records;
        try {
            new Generator(b.build()).writeTo(dir, Generator.Progress.NONE);
            HistoryFiles.Read read =
                    HistoryFiles.read(
                            List.of(dir.resolve(Generator.dataFileName(0, 1))), Integer.MAX_VALUE);
            all = read.table().series();
            records = read.valid();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        int trainUntil = (int) TRAIN_UNTIL.toEpochDay();
        int driftDay = (int) DRIFT.toEpochDay();
        ForecastModel initial =
                new Trainer(m -> {})
                        .train(cut(all, Integer.MIN_VALUE, trainUntil), records, Instant.now());
        int first = all.stream().mapToInt(s -> s.days()[0]).min().orElseThrow();
        int last = all.stream().mapToInt(s -> s.days()[s.size() - 1]).max().orElseThrow();

        ForecastModel model = initial;
        Scorer scorer = new Scorer(model);
        Scorer baseline = new Scorer(initial); // the never-retrained counterfactual
        DriftDetector.State state = DriftDetector.State.START;
        DriftEpisodes episodes = DriftEpisodes.start();
        List<SeriesCursor> cursors = new ArrayList<>();
        for (DailySeries s : all) {
            cursors.add(new SeriesCursor(s));
        }
        int episodesAfterDrift = 0;
        int closedAfterDrift = 0;
        int eventsAfterDrift = 0;
        int initialEventsAfterDrift = 0; // events of the initial model after the drift date
        int initialOpeningsAfterDrift = 0;
        Map<Integer, double[]> pending = new HashMap<>(); // series index -> {predicted, baseline}
        int firstEvent = Integer.MIN_VALUE;
        int falseEvents = 0;
        int triggers = 0;
        int falseTriggers = 0;
        int swapDay = Integer.MIN_VALUE;
        int judgedDays = 0;
        int quietDays = 0;
        double[] before = new double[2]; // old model after the drift, until the first swap
        double[] after = new double[2]; // the serving model after the first swap
        double[] afterBaseline = new double[2]; // the old model on the same rows
        for (int d = first; d <= last; d++) {
            ErrorEvidence evidence = ErrorEvidence.NONE;
            Map<Integer, double[]> next = new HashMap<>();
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                DailySeries s = all.get(i);
                int idx = s.indexAtOrAfter(d);
                boolean observed = idx < s.size() && s.days()[idx] == d;
                double[] p = pending.get(i);
                if (p != null && observed) {
                    double actual = s.passPercentage(idx);
                    double e = Math.abs(p[0] - actual);
                    evidence = evidence.plus(model, p[0], s.executions()[idx], s.passes()[idx]);
                    if (drift && d >= driftDay && swapDay == Integer.MIN_VALUE) {
                        add(before, e);
                    } else if (swapDay != Integer.MIN_VALUE) {
                        add(after, e);
                        add(afterBaseline, Math.abs(p[1] - actual));
                    }
                }
                int lastSeen = observed ? d : (idx > 0 ? s.days()[idx - 1] : Integer.MIN_VALUE);
                if (lastSeen >= d - 6 && lastSeen <= d) {
                    var history = cursors.get(i).stateBefore(d + 1);
                    double[] f = scorer.extractor().extract(history, d + 1);
                    rows.add(f);
                    next.put(
                            i, new double[] {scorer.predict(f), baseline.forecast(history, d + 1)});
                }
            }
            pending = next;
            DriftDetector.Day day =
                    DriftDetector.judge(state, episodes, d, model, rows, evidence, settings);
            state = day.state();
            episodes = day.episodes();
            if (!Double.isNaN(day.featureShare()) || !Double.isNaN(day.errorStatistic())) {
                judgedDays++;
                if (!drift || d < driftDay) {
                    quietDays++; // days on which any alarm is a false one
                }
            }
            for (DriftEvent e : day.events()) {
                boolean opening = !e.statistic().equals(DriftDetector.RECOVERED);
                System.err.println(
                        LocalDate.ofEpochDay(d)
                                + " event "
                                + e.kind()
                                + " "
                                + e.statistic()
                                + " "
                                + String.format(Locale.ROOT, "%.2f", e.value())
                                + " "
                                + e.detail());
                if (!drift || d < driftDay) {
                    if (opening) {
                        falseEvents++;
                    }
                } else {
                    eventsAfterDrift++;
                    if (model == initial) {
                        initialEventsAfterDrift++;
                        initialOpeningsAfterDrift += opening ? 1 : 0;
                    }
                    if (opening) {
                        episodesAfterDrift++;
                        if (firstEvent == Integer.MIN_VALUE) {
                            firstEvent = d;
                        }
                    } else {
                        closedAfterDrift++;
                    }
                }
            }
            if (day.trigger() != null) {
                triggers++;
                if (!drift || d < driftDay) {
                    falseTriggers++;
                }
            }
            if (day.trigger() != null && retrain) {
                Retrainer.Verdict v =
                        Retrainer.evaluate(
                                cut(all, Integer.MIN_VALUE, d + 1),
                                records,
                                model,
                                options,
                                Instant.now(),
                                m -> {});
                System.err.println(
                        LocalDate.ofEpochDay(d) + " " + day.trigger().reason() + ": " + v.reason());
                if (v.better()) {
                    scorer.close();
                    model = v.candidate();
                    scorer = new Scorer(model);
                    if (swapDay == Integer.MIN_VALUE && (!drift || d >= driftDay)) {
                        swapDay = d;
                    }
                }
            }
        }
        scorer.close();
        baseline.close();
        double years = Math.max(quietDays, 1) / 365.0;
        return String.format(
                Locale.ROOT,
                "seed=%d fraction=%.2f size=%.2f judged_days=%d quiet_days=%d delay_days=%s"
                        + " false_events=%d false_events_per_year=%.2f events_after_drift=%d"
                        + " episodes_after_drift=%d closed_after_drift=%d"
                        + " initial_model_events_after_drift=%d initial_model_episodes_after_drift=%d"
                        + " triggers=%d false_triggers_per_year=%.2f swap_day=%s mae_before_swap=%s"
                        + " mae_after_swap=%s mae_after_swap_if_kept=%s",
                seed,
                fraction,
                size,
                judgedDays,
                quietDays,
                firstEvent == Integer.MIN_VALUE ? "none" : Integer.toString(firstEvent - driftDay),
                falseEvents,
                falseEvents / years,
                eventsAfterDrift,
                episodesAfterDrift,
                closedAfterDrift,
                initialEventsAfterDrift,
                initialOpeningsAfterDrift,
                triggers,
                falseTriggers / years,
                swapDay == Integer.MIN_VALUE ? "none" : LocalDate.ofEpochDay(swapDay).toString(),
                mean(before),
                mean(after),
                mean(afterBaseline));
    }

    private static void add(double[] acc, double e) {
        acc[0] += e;
        acc[1]++;
    }

    private static String mean(double[] acc) {
        return acc[1] == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", acc[0] / acc[1]);
    }

    private static List<DailySeries> cut(List<DailySeries> all, int from, int to) {
        List<DailySeries> out = new ArrayList<>();
        for (DailySeries s : all) {
            DailySeries c = Retrainer.slice(s, from, to);
            if (c.size() > 0) {
                out.add(c);
            }
        }
        return out;
    }
}
