package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeriesTable;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The checks before training: each failure is one clear line, and nothing is trained. */
class TrainingGatesTest {

    private static InputException refused(DailySeriesTable t) {
        InputException e =
                assertThrows(
                        InputException.class,
                        () -> new Trainer(m -> {}).train(t.series(), t.records(), Instant.EPOCH));
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void tooFewSeriesDaysIsRefused() {
        DailySeriesTable t = SyntheticData.table(1, 2, 40, 1); // ~76 series-days
        String m = refused(t).getMessage();
        assertTrue(m.startsWith("too little data to train: "), m);
        assertTrue(m.contains("series-days") && m.contains("at least 100"), m);
    }

    @Test
    void aDateRangeTooShortForTheFeaturesIsRefused() {
        DailySeriesTable t = SyntheticData.table(10, 5, 10, 2); // 50 series, 10 days
        String m = refused(t).getMessage();
        assertTrue(m.startsWith("too little data to train: "), m);
        assertTrue(m.contains("distinct business dates, at least 14"), m);
    }

    @Test
    void aConstantTargetIsRefused() {
        DailySeriesTable t = new DailySeriesTable();
        for (int s = 0; s < 5; s++) {
            for (int d = 0; d < 40; d++) {
                t.addDay("ds-" + s, 101, 19_000 + d, 3, 3);
            }
        }
        String m = refused(t).getMessage();
        assertEquals(
                "cannot train: the daily pass percentage is 100% on every one of the 200"
                        + " series-days, so there is nothing to learn (a forecast would only"
                        + " repeat it)",
                m);
    }

    @Test
    void dataThatPassesIsReportedInTheModelFile() {
        DailySeriesTable t = SyntheticData.table(3, 2, 60, 3);
        DataReport r = TrainingGates.check(t.series());
        assertEquals(6, r.series());
        assertEquals(3, r.datasets());
        assertEquals(2, r.rules());
        assertTrue(r.dates() > 50 && r.dates() <= 60);
        assertEquals(10, r.medianExecutionsPerSeriesDay());
        assertEquals(10.0, r.executionsPerSeriesDay(), 1e-9);
        assertEquals(r.seriesDays() * 10, r.executions());
        assertTrue(r.shareAtHundred() > 0 && r.shareAtHundred() < 1);
        assertEquals(r, TestModels.small().dataReport());
    }
}
