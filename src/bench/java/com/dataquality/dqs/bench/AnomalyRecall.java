package com.dataquality.dqs.bench;

import com.dataquality.dqs.scoring.PredictiveDistribution;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The anomaly part of the forecasting benchmark ({@link ForecastQuality}). */
final class AnomalyRecall {
    private AnomalyRecall() {}

    /**
     * One evaluated series-day, in series order then day order.
     *
     * @param distribution the forecast's distribution for the day's actual executions
     */
    record Judged(
            int day, Incidents.Day truthDay, PredictiveDistribution distribution, int passes) {}

    static final double[] LEVELS = {0.95, 0.98, 0.99, 0.995, 0.999};

    /**
     * How the stream's anomaly test ({@code SeriesForecaster.judge}: the realized day outside the
     * central interval of the anomaly level, for its actual executions) finds incidents: the share
     * of incident onsets flagged on their first day and by their second, and false alarms per 1,000
     * ordinary series-days ({@link Incidents} says which days are which by the hidden truth).
     */
    static void report(PrintWriter out, List<Judged> rows) {
        for (double level : LEVELS) {
            int onsets = 0;
            int first = 0;
            int second = 0;
            int ordinary = 0;
            int falseAlarms = 0;
            int flagged = 0;
            for (int r = 0; r < rows.size(); r++) {
                Judged row = rows.get(r);
                boolean hit = below(row, level);
                flagged += anomalous(row, level) ? 1 : 0;
                Incidents.Day t = row.truthDay();
                if (t == Incidents.Day.ONSET) {
                    onsets++;
                    // The series' next row, when it is the incident's next day.
                    boolean next =
                            r + 1 < rows.size()
                                    && rows.get(r + 1).truthDay() == Incidents.Day.INSIDE
                                    && rows.get(r + 1).day() == row.day() + 1
                                    && below(rows.get(r + 1), level);
                    first += hit ? 1 : 0;
                    second += hit || next ? 1 : 0;
                } else if (t == Incidents.Day.ORDINARY) {
                    ordinary++;
                    falseAlarms += anomalous(row, level) ? 1 : 0;
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

    private static boolean anomalous(Judged r, double level) {
        return r.distribution().side(r.passes(), level) != 0;
    }

    private static boolean below(Judged r, double level) {
        return r.distribution().side(r.passes(), level) < 0;
    }
}
