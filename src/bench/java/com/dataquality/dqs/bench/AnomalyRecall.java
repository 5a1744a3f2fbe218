package com.dataquality.dqs.bench;

import com.dataquality.dqs.scoring.AnomalyJudge;
import com.dataquality.dqs.scoring.Scorer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The anomaly part of the forecasting benchmark ({@link ForecastQuality}): the stream's own test
 * ({@link AnomalyJudge}, the day alone or with the day before) replayed over the evaluated days.
 */
final class AnomalyRecall {
    private AnomalyRecall() {}

    /**
     * One evaluated series-day, in series order then day order.
     *
     * @param series an index that tells series apart
     * @param mean the forecast's mean
     */
    record Judged(
            int series, int day, Incidents.Day truthDay, double mean, int executions, int passes) {

        AnomalyJudge.Realized realized() {
            return new AnomalyJudge.Realized(day, mean, executions, passes);
        }
    }

    static final double[] LEVELS = {0.95, 0.98, 0.99, 0.995, 0.999};

    /**
     * Per anomaly level: the share of days flagged, the share of incident onsets flagged (below) on
     * their first day and by their second, and false alarms per 1,000 ordinary series-days ({@link
     * Incidents} says which days are which by the hidden truth).
     */
    static void report(PrintWriter out, Scorer scorer, List<Judged> rows) {
        for (double level : LEVELS) {
            int[] side = sides(scorer, rows, level);
            int onsets = 0;
            int first = 0;
            int second = 0;
            int ordinary = 0;
            int falseAlarms = 0;
            int flagged = 0;
            for (int r = 0; r < rows.size(); r++) {
                Judged row = rows.get(r);
                flagged += side[r] != 0 ? 1 : 0;
                if (row.truthDay() == Incidents.Day.ONSET) {
                    onsets++;
                    // The series' next row, when it is the incident's next day.
                    boolean next =
                            r + 1 < rows.size()
                                    && rows.get(r + 1).series() == row.series()
                                    && rows.get(r + 1).day() == row.day() + 1
                                    && rows.get(r + 1).truthDay() == Incidents.Day.INSIDE
                                    && side[r + 1] < 0;
                    first += side[r] < 0 ? 1 : 0;
                    second += side[r] < 0 || next ? 1 : 0;
                } else if (row.truthDay() == Incidents.Day.ORDINARY) {
                    ordinary++;
                    falseAlarms += side[r] != 0 ? 1 : 0;
                }
            }
            out.printf(
                    Locale.ROOT,
                    "anomalies level=%.3f flagged=%.4f onsets=%d recall_day1=%.3f recall_day2=%.3f"
                            + " ordinary_days=%d false_alarms_per_1000=%.2f%n",
                    level,
                    flagged / (double) rows.size(),
                    onsets,
                    onsets == 0 ? Double.NaN : first / (double) onsets,
                    onsets == 0 ? Double.NaN : second / (double) onsets,
                    ordinary,
                    1000.0 * falseAlarms / Math.max(1, ordinary));
        }
    }

    /** Each row's verdict as the stream gives it: -1 below, +1 above, 0 ordinary. */
    private static int[] sides(Scorer scorer, List<Judged> rows, double level) {
        int[] side = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Judged row = rows.get(r);
            Judged prev = r > 0 ? rows.get(r - 1) : null;
            AnomalyJudge.Realized before =
                    prev != null && prev.series() == row.series() && side[r - 1] == 0
                            ? prev.realized()
                            : null;
            AnomalyJudge.Verdict v = AnomalyJudge.judge(scorer, row.realized(), before, level);
            side[r] = v == null ? 0 : v.side();
        }
        return side;
    }
}
