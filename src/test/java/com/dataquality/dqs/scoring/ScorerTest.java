package com.dataquality.dqs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.features.SeriesState;
import com.dataquality.dqs.model.Boosters;
import com.dataquality.dqs.model.TestModels;
import org.junit.jupiter.api.Test;

class ScorerTest {

    @Test
    void batchAndSingleRowGiveTheSameForecastsAcrossChunkBoundaries() {
        try (Scorer scorer = new Scorer(TestModels.small())) {
            int rows = Boosters.CHUNK_ROWS + 37;
            int width = scorer.extractor().width();
            double[] features = new double[rows * width];
            for (int r = 0; r < rows; r++) {
                int day = 19_800 + r % 50;
                SeriesState h = SeriesState.of("ds-" + (r % 4), 100 + r % 3);
                h.add(day - 1, 10, r % 11);
                scorer.extractor().extract(h, day, features, r * width);
            }
            double[] batch = new double[rows];
            scorer.predict(features, rows, batch);
            for (int r = 0; r < rows; r += 97) {
                double[] one = java.util.Arrays.copyOfRange(features, r * width, (r + 1) * width);
                assertEquals(batch[r], scorer.predict(one), 1e-9, "row " + r);
            }
            for (double p : batch) {
                assertTrue(p >= 0 && p <= 100, "clipped: " + p);
            }
        }
    }

    @Test
    void clipKeepsForecastsWithinZeroAndHundred() {
        assertEquals(0.0, Boosters.clip(-3));
        assertEquals(100.0, Boosters.clip(100.2));
        assertEquals(42.5, Boosters.clip(42.5));
    }

    @Test
    void aClosedScorerRefusesToScore() {
        Scorer scorer = new Scorer(TestModels.small());
        scorer.close();
        scorer.close(); // idempotent
        assertThrows(
                IllegalStateException.class,
                () -> scorer.predict(new double[scorer.extractor().width()]));
    }

    @Test
    void aVectorOfTheWrongSizeIsRejected() {
        try (Scorer scorer = new Scorer(TestModels.small())) {
            assertThrows(IllegalArgumentException.class, () -> scorer.predict(new double[3]));
        }
    }
}
