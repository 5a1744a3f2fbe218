package com.dataquality.dqs.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.features.SeriesState;
import com.dataquality.dqs.model.DistributionSpec;
import com.dataquality.dqs.model.TestModels;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PredictiveDistributionTest {

    private static final DistributionSpec SPEC =
            new DistributionSpec(
                    DistributionSpec.BETA_BINOMIAL,
                    new double[] {50},
                    new double[] {5, 20},
                    0.9,
                    4,
                    1000,
                    null,
                    null,
                    null);

    @Test
    void everyQuantileIsAValueADayOfTheExpectedExecutionsCanTake() {
        PredictiveDistribution d = PredictiveDistribution.of(72.5, 3, SPEC);
        assertEquals(3, d.expectedExecutions());
        assertEquals(72.5, d.mean());
        for (double p = 0; p <= 1; p += 0.05) {
            double q = d.quantile(p);
            double k = q * 3 / 100;
            assertEquals(Math.round(k), k, 1e-9, "on the grid of 3 executions: " + q);
        }
        double[] i = d.interval(0.9);
        assertTrue(i[0] <= d.median() && d.median() <= i[1]);
        assertTrue(d.interval(0.5)[1] - d.interval(0.5)[0] <= i[1] - i[0], "nested");
    }

    @Test
    void aRuleThatAlmostAlwaysPassesHasMedianHundred() {
        PredictiveDistribution d = PredictiveDistribution.of(95, 3, SPEC);
        assertEquals(100.0, d.median(), "the median of a 95% rule's 3-execution day");
        assertEquals(100.0, d.interval(0.9)[1]);
    }

    @Test
    void withoutRecentDaysTheTypicalCountIsUsed() {
        assertEquals(4, PredictiveDistribution.of(50, 0, SPEC).expectedExecutions());
    }

    @Test
    void aModelWithoutADistributionHasItsMeanAsMedianAndNoInterval() {
        PredictiveDistribution d = PredictiveDistribution.of(61.25, 5, null);
        assertEquals(61.25, d.median());
        assertEquals(61.25, d.quantile(0.5));
        assertTrue(Double.isNaN(d.quantile(0.1)));
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, d.interval(0.9));
        assertEquals(5, d.expectedExecutions());
    }

    @Test
    void levelsOutsideTheirRangeAreRejected() {
        PredictiveDistribution d = PredictiveDistribution.of(50, 3, SPEC);
        assertThrows(IllegalArgumentException.class, () -> d.quantile(1.5));
        assertThrows(IllegalArgumentException.class, () -> d.interval(1.0));
        assertThrows(IllegalArgumentException.class, () -> d.interval(Double.NaN));
    }

    @Test
    void theScorersDistributionTakesItsMeanFromTheFeaturesAndItsCountFromTheState() {
        try (Scorer scorer = new Scorer(TestModels.small())) {
            int target = (int) LocalDate.of(2024, 3, 13).toEpochDay(); // a Wednesday
            SeriesState s = SeriesState.of("ds-1", 101);
            for (int d = target - 30; d < target; d++) {
                // Wednesdays have 9 executions, other days 3.
                int n = (d - target) % 7 == 0 ? 9 : 3;
                s.add(d, n, n - 1);
            }
            double[] f = scorer.extractor().extract(s, target);
            PredictiveDistribution d = scorer.distribution(s, target, f);
            assertEquals(scorer.predict(f), d.mean());
            assertEquals(9, d.expectedExecutions(), "the same weekday's recent count");
            assertTrue(d.interval(0.9)[0] < d.interval(0.9)[1]);
        }
    }
}
