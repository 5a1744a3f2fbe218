package com.dataquality.dqs.model;

import com.dataquality.dqs.features.DailySeriesTable;
import java.time.LocalDate;
import java.util.SplittableRandom;

/** Small seeded series for tests: weekly pattern, a per-series level, occasional bad days. */
public final class SyntheticData {
    private SyntheticData() {}

    public static DailySeriesTable table(int datasets, int rules, int days, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        DailySeriesTable table = new DailySeriesTable();
        int start = (int) LocalDate.of(2024, 1, 1).toEpochDay();
        for (int d = 0; d < datasets; d++) {
            for (int r = 0; r < rules; r++) {
                double level = 0.6 + 0.4 * rnd.nextDouble();
                double weekend = rnd.nextDouble() * 0.2;
                int bad = 0;
                for (int t = 0; t < days; t++) {
                    if (rnd.nextDouble() < 0.05) {
                        continue; // a day without runs
                    }
                    if (rnd.nextDouble() < 0.02) {
                        bad = 3;
                    }
                    int dow = LocalDate.ofEpochDay(start + t).getDayOfWeek().getValue();
                    double p = level - (dow >= 6 ? weekend : 0) - (bad-- > 0 ? 0.4 : 0);
                    int executions = 10;
                    for (int e = 0; e < executions; e++) {
                        table.add("ds-" + d, 100 + r, start + t, rnd.nextDouble() < p);
                    }
                }
            }
        }
        return table;
    }
}
