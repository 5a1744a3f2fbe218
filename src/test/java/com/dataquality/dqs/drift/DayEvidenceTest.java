package com.dataquality.dqs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.TestModels;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/**
 * A day's realized forecasts as the drift operator keeps them, and the errors it reads off them.
 */
class DayEvidenceTest {
    private static final ForecastModel MODEL = TestModels.small();

    @Test
    void realizedForecastsGiveTheSameEvidenceAsSummingThemDirectly() {
        DayEvidence day = DayEvidence.of("v1");
        ErrorEvidence direct = ErrorEvidence.NONE;
        int[][] days = {{3, 3}, {4, 1}, {7, 5}, {1, 0}, {120, 90}};
        for (int[] d : days) {
            day.addRealized(80, d[0], d[1]);
            direct = direct.plus(MODEL, 80, d[0], d[1]);
        }
        ErrorEvidence e = day.errorEvidence(MODEL);
        assertEquals(days.length, e.rows());
        assertEquals(direct.absErrorSum(), e.absErrorSum(), 1e-9);
        assertEquals(direct.pitDeviation(), e.pitDeviation(), 1e-12);
        assertEquals(direct.pitVariance(), e.pitVariance(), 1e-12);
        assertEquals(direct.pitZ(), e.pitZ(), 1e-12);
        assertTrue(direct.pitVariance() > 0);
    }

    @Test
    void errorsKeptByEarlierVersionsCountForTheMeanErrorNotForThePit() {
        // As restored from a savepoint of a version that kept absolute errors only: the new
        // field is missing (null), the old sums are there.
        DayEvidence old = DayEvidence.of("v1");
        old.addError(10);
        old.addError(20);
        old.realized = null;
        ErrorEvidence e = old.errorEvidence(MODEL);
        assertEquals(2, e.rows());
        assertEquals(15, e.mae(), 1e-12);
        assertTrue(Double.isNaN(e.pitZ()), "no PIT: the detector falls back to the MAE test");

        // Realized forecasts arriving after the restore join the same day.
        old.addRealized(50, 10, 5);
        ErrorEvidence mixed = old.errorEvidence(MODEL);
        assertEquals(3, mixed.rows());
        assertEquals(10, mixed.mae(), 1e-12);
        assertEquals(ErrorEvidence.NONE.plus(MODEL, 50, 10, 5).pitZ(), mixed.pitZ(), 1e-12);
    }

    @Test
    void aModelWithoutADistributionHasNoPit() {
        DayEvidence day = DayEvidence.of("v1");
        day.addRealized(80, 4, 2);
        ErrorEvidence e = day.errorEvidence(MODEL.withDistribution(null));
        assertEquals(30, e.mae(), 1e-12);
        assertTrue(Double.isNaN(e.pitZ()));
    }

    @Test
    void dayEvidenceIsAFlinkPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DayEvidence.class);
    }
}
