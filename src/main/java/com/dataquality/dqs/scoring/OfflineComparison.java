package com.dataquality.dqs.scoring;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.stats.PairedComparison;
import java.util.List;
import java.util.TreeMap;

/**
 * Two models scored on the same held-out series-days, from the same history, with the one feature
 * code path ({@code dqs models compare}), and compared as the running job compares a challenger
 * with its champion: daily mean loss differences (B minus A) in a {@link PairedComparison}.
 *
 * @param rows series-days scored
 * @param maeA mean absolute error of A
 * @param rmseA root mean squared error of A
 * @param abs the paired comparison of daily mean absolute errors
 * @param squared the same for squared errors
 * @param decision what a running job comparing B (challenger) with A (champion) from {@code
 *     fromDay} on would have decided, checking after every day: {@code B better}, {@code A better}
 *     or null (no decision yet)
 * @param decisionDays the closed days after which it would have decided (0 without a decision)
 */
public record OfflineComparison(
        int rows,
        double maeA,
        double rmseA,
        double maeB,
        double rmseB,
        PairedComparison abs,
        PairedComparison squared,
        String decision,
        int decisionDays) {

    /**
     * @param fromDay the first day scored (epoch day); each series-day from then on with executions
     *     is forecast by both models from the days before it
     * @param policy the running job's decision rule (loss, alpha, minimum days)
     */
    public static OfflineComparison of(
            ForecastModel a,
            ForecastModel b,
            List<DailySeries> history,
            int fromDay,
            PromotionSettings policy) {
        // per day: abs diff, squared diff, pairs, A's abs error, A's squared error
        TreeMap<Integer, double[]> byDay = new TreeMap<>();
        double absA = 0;
        double sqA = 0;
        double absB = 0;
        double sqB = 0;
        int rows = 0;
        try (Scorer sa = new Scorer(a);
                Scorer sb = new Scorer(b)) {
            for (DailySeries s : history) {
                for (int i = s.indexAtOrAfter(fromDay); i < s.size(); i++) {
                    int day = s.days()[i];
                    var state = s.stateBefore(day);
                    double actual = s.passPercentage(i);
                    double ea = Math.abs(sa.predict(sa.extractor().extract(state, day)) - actual);
                    double eb = Math.abs(sb.predict(sb.extractor().extract(state, day)) - actual);
                    absA += ea;
                    sqA += ea * ea;
                    absB += eb;
                    sqB += eb * eb;
                    rows++;
                    double[] d = byDay.computeIfAbsent(day, x -> new double[5]);
                    d[0] += eb - ea;
                    d[1] += eb * eb - ea * ea;
                    d[2]++;
                    d[3] += ea;
                    d[4] += ea * ea;
                }
            }
        }
        PairedComparison abs = PairedComparison.empty();
        PairedComparison squared = PairedComparison.empty();
        String decision = null;
        int decisionDays = 0;
        double lossA = 0; // A's mean daily loss so far, the scale of the minimum improvement
        for (double[] d : byDay.values()) {
            abs = abs.plus(d[0] / d[2]);
            squared = squared.plus(d[1] / d[2]);
            lossA += ((policy.squared() ? d[4] : d[3]) / d[2] - lossA) / abs.days;
            PairedComparison decisive = policy.squared() ? squared : abs;
            if (decision == null) {
                if (policy.challengerWins(decisive, lossA)) {
                    decision = "B better";
                } else if (policy.championWins(decisive)) {
                    decision = "A better";
                }
                decisionDays = decision == null ? 0 : decisive.days;
            }
        }
        int n = Math.max(rows, 1);
        return new OfflineComparison(
                rows,
                absA / n,
                Math.sqrt(sqA / n),
                absB / n,
                Math.sqrt(sqB / n),
                abs,
                squared,
                decision,
                decisionDays);
    }
}
