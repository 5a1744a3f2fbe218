package com.dataquality.dqs.bench;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.generate.Generator;
import com.dataquality.dqs.generate.GeneratorConfig;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.Trainer;
import com.dataquality.dqs.retrain.HistoryFiles;
import com.dataquality.dqs.scoring.OfflineComparison;
import com.dataquality.dqs.scoring.PromotionSettings;
import com.dataquality.dqs.scoring.Scorer;
import com.dataquality.dqs.stats.PairedComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The promotion benchmark ({@code scripts/bench-promotion.sh}): how the running job's challenger
 * comparison decides on generated years, with the job's own decision rule ({@link
 * OfflineComparison}: daily mean paired differences, always-valid evidence checked after every day,
 * 14 days minimum, alpha 0.05).
 *
 * <ul>
 *   <li><b>Stationary year, equal models</b>: two models trained on January to May (one on the even
 *       series, one on the odd ones) forecast every series-day from June to December; for each
 *       replicate a coin per series-day gives one model's forecast to the champion and the other's
 *       to the challenger, so the two are equal by construction, with the real errors' spread and
 *       their dependence between the series of a day. Any promotion is a false one.
 *   <li><b>Stationary year, the two models</b>: each in turn as the challenger; a promotion is
 *       false when the promoted model's error over the period is not lower.
 *   <li><b>Drift</b>: on 2024-08-01 half of the series lose 0.4 of their pass probability; the
 *       champion was trained before, the challenger on the 120 days up to four weeks after the
 *       drift. Days from its arrival to the decision.
 * </ul>
 *
 * <p>Argument: {@code seed}. Prints one line of {@code key=value} figures.
 */
public final class PromotionSimulation {
    static final LocalDate TRAIN_UNTIL = LocalDate.of(2024, 5, 31);
    static final LocalDate COMPARE_FROM = LocalDate.of(2024, 6, 1);
    static final LocalDate DRIFT = LocalDate.of(2024, 8, 1);
    static final int CHALLENGER_AFTER_DAYS = 28;
    static final int REPLICATES = 40;

    private PromotionSimulation() {}

    public static void main(String[] args) throws IOException {
        long seed = Long.parseLong(args[0]);
        PromotionSettings policy = PromotionSettings.DEFAULTS.withAutoPromote(true);
        Trainer trainer = new Trainer(m -> {});

        List<DailySeries> year = series(GeneratorConfig.builder().seed(seed).build());
        List<DailySeries> even = new ArrayList<>();
        List<DailySeries> odd = new ArrayList<>();
        for (int i = 0; i < year.size(); i++) {
            (i % 2 == 0 ? even : odd).add(year.get(i));
        }
        ForecastModel a = train(trainer, even, (int) TRAIN_UNTIL.toEpochDay());
        ForecastModel b = train(trainer, odd, (int) TRAIN_UNTIL.toEpochDay());
        int from = (int) COMPARE_FROM.toEpochDay();
        OfflineComparison ab = OfflineComparison.of(a, b, year, from, policy);
        OfflineComparison ba = OfflineComparison.of(b, a, year, from, policy);
        int falsePromotions = 0;
        int promotions = 0;
        for (OfflineComparison c : List.of(ab, ba)) {
            if ("B better".equals(c.decision())) {
                promotions++;
                falsePromotions += c.maeB() >= c.maeA() ? 1 : 0;
            }
        }
        int[] coinYears = coinReplicates(a, b, year, from, policy, seed, REPLICATES);

        List<DailySeries> drifted =
                series(GeneratorConfig.builder().seed(seed).drift(DRIFT, 0.5, -0.4).build());
        int arrives = (int) DRIFT.toEpochDay() + CHALLENGER_AFTER_DAYS;
        ForecastModel champion = train(trainer, drifted, (int) TRAIN_UNTIL.toEpochDay());
        List<DailySeries> recent = new ArrayList<>();
        for (DailySeries s : drifted) {
            recent.add(s.through(arrives - 1));
        }
        ForecastModel challenger = trainer.train(window(recent, arrives - 120), 0, Instant.now());
        OfflineComparison drift =
                OfflineComparison.of(champion, challenger, drifted, arrives, policy);

        System.out.printf(
                Locale.ROOT,
                "seed=%d stationary_days=%d equal_model_years=%d equal_model_promotions=%d"
                        + " equal_model_decisions=%d two_model_promotions=%d"
                        + " two_model_false_promotions=%d"
                        + " stationary_mae_a=%.3f stationary_mae_b=%.3f"
                        + " drift_decision=%s drift_days_to_decision=%s"
                        + " drift_mae_champion=%.3f drift_mae_challenger=%.3f%n",
                seed,
                ab.abs().days,
                REPLICATES,
                coinYears[0],
                coinYears[1],
                promotions,
                falsePromotions,
                ab.maeA(),
                ab.maeB(),
                drift.decision() == null ? "none" : drift.decision().replace(' ', '_'),
                drift.decision() == null ? "none" : Integer.toString(drift.decisionDays()),
                drift.maeA(),
                drift.maeB());
    }

    /**
     * Null replicates: per replicate, a coin per series-day decides whether the champion gets A's
     * forecast and the challenger B's or the other way round; the job's rule is checked after every
     * day. Returns {promotions, decisions either way}.
     */
    private static int[] coinReplicates(
            ForecastModel a,
            ForecastModel b,
            List<DailySeries> year,
            int from,
            PromotionSettings policy,
            long seed,
            int replicates) {
        java.util.TreeMap<Integer, List<double[]>> byDay = new java.util.TreeMap<>();
        try (Scorer sa = new Scorer(a);
                Scorer sb = new Scorer(b)) {
            for (DailySeries s : year) {
                for (int i = s.indexAtOrAfter(from); i < s.size(); i++) {
                    int day = s.days()[i];
                    var state = s.stateBefore(day);
                    double actual = s.passPercentage(i);
                    double ea = Math.abs(sa.predict(sa.extractor().extract(state, day)) - actual);
                    double eb = Math.abs(sb.predict(sb.extractor().extract(state, day)) - actual);
                    byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(new double[] {ea, eb});
                }
            }
        }
        int promotions = 0;
        int decisions = 0;
        for (int r = 0; r < replicates; r++) {
            java.util.Random coin = new java.util.Random(seed * 1_000 + r);
            PairedComparison p = PairedComparison.empty();
            double championLoss = 0;
            for (List<double[]> day : byDay.values()) {
                double sum = 0;
                double champion = 0;
                for (double[] e : day) {
                    boolean championGetsA = coin.nextBoolean();
                    sum += championGetsA ? e[1] - e[0] : e[0] - e[1];
                    champion += championGetsA ? e[0] : e[1];
                }
                p = p.plus(sum / day.size());
                championLoss += (champion / day.size() - championLoss) / p.days;
                if (policy.challengerWins(p, championLoss)) {
                    promotions++;
                    decisions++;
                    break;
                }
                if (policy.championWins(p)) {
                    decisions++;
                    break;
                }
            }
        }
        return new int[] {promotions, decisions};
    }

    private static ForecastModel train(Trainer trainer, List<DailySeries> all, int through) {
        List<DailySeries> cut = new ArrayList<>();
        for (DailySeries s : all) {
            DailySeries c = s.through(through);
            if (c.size() > 0) {
                cut.add(c);
            }
        }
        return trainer.train(cut, 0, Instant.now());
    }

    /** The series without days before {@code fromDay}. */
    private static List<DailySeries> window(List<DailySeries> all, int fromDay) {
        List<DailySeries> out = new ArrayList<>();
        for (DailySeries s : all) {
            int i = s.indexAtOrAfter(fromDay);
            if (i < s.size()) {
                out.add(
                        new DailySeries(
                                s.datasetUuid(),
                                s.ruleCode(),
                                java.util.Arrays.copyOfRange(s.days(), i, s.size()),
                                java.util.Arrays.copyOfRange(s.executions(), i, s.size()),
                                java.util.Arrays.copyOfRange(s.passes(), i, s.size())));
            }
        }
        return out;
    }

    private static List<DailySeries> series(GeneratorConfig cfg) throws IOException {
        Path dir = Files.createTempDirectory("dqs-promotion-sim");
        try {
            new Generator(cfg).writeTo(dir, Generator.Progress.NONE);
            return HistoryFiles.read(
                            List.of(dir.resolve(Generator.dataFileName(0, 1))), Integer.MAX_VALUE)
                    .table()
                    .series();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
