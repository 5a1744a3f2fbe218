package com.dataquality.dqs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signal a forecaster is trained on, measured from the written files the way the product will
 * measure it (daily pass percentage per series, CONTRACT.md §4).
 */
class SeriesRealismTest {
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final LocalDate DRIFT = START.plusDays(70);

    @TempDir static Path tmp;

    private static GenerationReport report;
    private static List<Rows.Execution> valid;

    @BeforeAll
    static void generate() throws IOException {
        GeneratorConfig c =
                new GeneratorConfig(
                        40_000, START, 140, 12, 10, 11, 0.01, 1, 1, DRIFT, 0.4, -0.3, 0.03);
        report = new Generator(c).writeTo(tmp, Generator.Progress.NONE);
        valid = Rows.valid(Rows.read(tmp, report.files()));
    }

    /** date → [passes, executions] per series. */
    private static Map<String, TreeMap<LocalDate, int[]>> daily() {
        Map<String, TreeMap<LocalDate, int[]>> out = new HashMap<>();
        for (Rows.Execution e : valid) {
            int[] c =
                    out.computeIfAbsent(e.datasetUuid() + "/" + e.ruleCode(), k -> new TreeMap<>())
                            .computeIfAbsent(e.date(), k -> new int[2]);
            c[0] += e.passed() ? 1 : 0;
            c[1]++;
        }
        return out;
    }

    @Test
    void driftLowersThePassRateOfDriftedSeriesOnlyAfterTheDriftDate() {
        Set<String> drifted = new HashSet<>();
        report.driftedSeries().forEach(s -> drifted.add(s.datasetUuid() + "/" + s.ruleCode()));
        assertEquals(Math.round(report.seriesCount() * 0.4), drifted.size());
        // [before passes, before n, after passes, after n] for drifted and stable series.
        long[] d = new long[4];
        long[] s = new long[4];
        for (Rows.Execution e : valid) {
            long[] acc = drifted.contains(e.datasetUuid() + "/" + e.ruleCode()) ? d : s;
            int off = e.date().isBefore(DRIFT) ? 0 : 2;
            acc[off] += e.passed() ? 1 : 0;
            acc[off + 1]++;
        }
        double driftedChange = (double) d[2] / d[3] - (double) d[0] / d[1];
        double stableChange = (double) s[2] / s[3] - (double) s[0] / s[1];
        assertTrue(driftedChange < -0.15, "drifted series change " + driftedChange);
        assertTrue(Math.abs(stableChange) < 0.08, "stable series change " + stableChange);
    }

    @Test
    void weekendsAreClearlyWorseThanMidweek() {
        long[] weekend = new long[2];
        long[] midweek = new long[2];
        for (Rows.Execution e : valid) {
            if (!e.date().isBefore(DRIFT)) {
                continue;
            }
            DayOfWeek dow = e.date().getDayOfWeek();
            long[] acc =
                    dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY
                            ? weekend
                            : dow == DayOfWeek.TUESDAY
                                            || dow == DayOfWeek.WEDNESDAY
                                            || dow == DayOfWeek.THURSDAY
                                    ? midweek
                                    : null;
            if (acc != null) {
                acc[0] += e.passed() ? 1 : 0;
                acc[1]++;
            }
        }
        double gap = (double) midweek[0] / midweek[1] - (double) weekend[0] / weekend[1];
        assertTrue(gap > 0.05, "midweek minus weekend pass rate " + gap);
    }

    @Test
    void yesterdayIsInformativeAndDaysAreNotAllOrNothing() {
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        int partial = 0;
        int days = 0;
        for (TreeMap<LocalDate, int[]> series : daily().values()) {
            Map<LocalDate, Double> pct = new HashMap<>();
            double mean = 0;
            for (Map.Entry<LocalDate, int[]> e : series.entrySet()) {
                if (e.getKey().isBefore(DRIFT)) {
                    double v = 100.0 * e.getValue()[0] / e.getValue()[1];
                    pct.put(e.getKey(), v);
                    mean += v;
                    days++;
                    partial += v > 0 && v < 100 ? 1 : 0;
                }
            }
            mean /= Math.max(1, pct.size());
            for (Map.Entry<LocalDate, Double> e : pct.entrySet()) {
                Double prev = pct.get(e.getKey().minusDays(1));
                if (prev != null) {
                    double x = prev - mean;
                    double y = e.getValue() - mean;
                    sxy += x * y;
                    sxx += x * x;
                    syy += y * y;
                }
            }
        }
        double lag1 = sxy / Math.sqrt(sxx * syy);
        assertTrue(lag1 > 0.25, "lag-1 autocorrelation of the daily pass percentage " + lag1);
        assertTrue(
                partial > 0.3 * days,
                partial + " of " + days + " series-days strictly between 0 and 100");
    }

    @Test
    void someSeriesDaysAreMissing() {
        int present = 0;
        for (TreeMap<LocalDate, int[]> series : daily().values()) {
            present += series.size();
        }
        int possible = report.seriesCount() * 140;
        assertTrue(
                present < 0.97 * possible && present > 0.6 * possible, present + " of " + possible);
    }
}
