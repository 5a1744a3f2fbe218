package com.dataquality.dqs.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.features.SeriesState;
import com.dataquality.dqs.model.TestModels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A forecast of day D depends only on records dated before D. */
class NoLeakageTest {

    private static final int START = 19_700;
    private static final int TARGET = START + 40;

    /** 60 days of ds-1/101; {@code fromTarget} decides what happens on and after the target. */
    private static DailySeriesTable table(boolean keepFromTarget, long seedFromTarget) {
        DailySeriesTable t = new DailySeriesTable();
        SplittableRandom before = new SplittableRandom(1);
        SplittableRandom after = new SplittableRandom(seedFromTarget);
        for (int d = START; d < START + 60; d++) {
            for (int e = 0; e < 8; e++) {
                if (d < TARGET) {
                    t.add("ds-1", 101, d, before.nextDouble() < 0.7);
                } else if (keepFromTarget) {
                    t.add("ds-1", 101, d, after.nextDouble() < 0.2);
                }
            }
        }
        return t;
    }

    private static double[] features(DailySeriesTable t, Scorer scorer) {
        SeriesState h = t.find("ds-1", 101).stateBefore(TARGET);
        return scorer.extractor().extract(h, TARGET);
    }

    @Test
    void changingOrDeletingTheTargetDayAndLaterRecordsChangesNothing() {
        try (Scorer scorer = new Scorer(TestModels.small())) {
            DailySeriesTable original = table(true, 2);
            DailySeriesTable changed = table(true, 3);
            DailySeriesTable deleted = table(false, 2);
            assertNotEquals(
                    original.find("ds-1", 101), changed.find("ds-1", 101), "the inputs differ");
            double[] f = features(original, scorer);
            assertArrayEquals(f, features(changed, scorer));
            assertArrayEquals(f, features(deleted, scorer));
            double p = scorer.predict(f);
            assertEquals(
                    p, scorer.forecast(original.find("ds-1", 101).stateBefore(TARGET), TARGET));
            assertEquals(p, scorer.predict(features(changed, scorer)));
            assertEquals(p, scorer.predict(features(deleted, scorer)));
        }
    }

    @Test
    void theDayBeforeTheTargetDoesMatter() {
        try (Scorer scorer = new Scorer(TestModels.small())) {
            DailySeriesTable t = table(true, 2);
            double[] f = features(t, scorer);
            for (int e = 0; e < 50; e++) {
                t.add("ds-1", 101, TARGET - 1, false);
            }
            assertNotEquals(f[4], features(t, scorer)[4], "lag_1 sees D-1");
        }
    }
}
