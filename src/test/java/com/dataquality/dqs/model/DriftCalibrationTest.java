package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.drift.DriftSettings;
import com.dataquality.dqs.drift.FeatureDrift;
import com.dataquality.dqs.model.DriftReference.DailyStatistic;
import com.dataquality.dqs.model.DriftReference.Distribution;
import com.dataquality.dqs.stats.Psi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drift detector's calibration, computed at training time and stored in the model file. */
class DriftCalibrationTest {

    /** 40 days of 4 values; the last day is all high. */
    private static double[][] data() {
        int n = 40 * 4;
        double[] values = new double[n];
        double[] days = new double[n];
        for (int i = 0; i < n; i++) {
            int day = i / 4;
            days[i] = day;
            values[i] = day == 39 ? 40 : 10 * (i % 4 + 1);
        }
        return new double[][] {values, days};
    }

    private static int[] ints(double[] d) {
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    @Test
    void dailyPsiIsMeasuredOnTheTrainingDaysAfterTheWarmUp() {
        double[][] data = data();
        int[] days = ints(data[1]);
        Distribution d = DriftReferences.distribution("x", data[0], days);
        assertNull(d.dailyPsi(), "the plain histogram has no calibration");
        DailyStatistic s = DriftReferences.withDailyPsi(d, data[0], days).dailyPsi();
        assertEquals(12, s.days(), "days 28..39: the first 28 are warm-up");
        double lastDay = 4 * Psi.of(d.binEdges(), d.proportions(), new double[] {40, 40, 40, 40});
        double ordinary = 4 * Psi.of(d.binEdges(), d.proportions(), new double[] {10, 20, 30, 40});
        assertEquals(lastDay, s.max(), 1e-12, "the odd day is the maximum");
        assertEquals(ordinary, s.p50(), 1e-12, "an ordinary day is the median");
        assertTrue(s.p50() <= s.p90() && s.p90() <= s.p99() && s.p99() <= s.max());
    }

    @Test
    void shortDataIsCalibratedOnAllItsDays() {
        double[][] data = data();
        int[] days = ints(data[1]);
        for (int i = 0; i < days.length; i++) {
            days[i] = days[i] / 4; // 10 distinct days
        }
        Distribution d = DriftReferences.distribution("x", data[0], days);
        assertEquals(10, DriftReferences.withDailyPsi(d, data[0], days).dailyPsi().days());
    }

    @Test
    void trainingStoresCalibrationForDailyVaryingFeaturesOnlyAndTheDailyErrorSpread() {
        DriftReference ref = TestModels.small().driftReference();
        for (Distribution d : ref.features()) {
            if (DriftReferences.CONSTANT_WITHIN_DAY.contains(d.name())) {
                assertNull(d.dailyPsi(), d.name());
            } else if (d.binEdges().length > 0) {
                assertNotNull(d.dailyPsi(), d.name());
                assertTrue(d.dailyPsi().max() > 0, d.name());
            }
        }
        assertTrue(ref.holdoutAbsError().days() > 1);
        assertTrue(ref.holdoutAbsError().dailyMeanStd() > 0);
    }

    @Test
    void aModelFileWrittenBeforeTheCalibrationStillReadsAndIsNotJudgedOnFeatures()
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode doc = json.readTree(ModelFile.toBytes(TestModels.small()));
        for (JsonNode f : doc.get("driftReference").get("features")) {
            ((ObjectNode) f).remove("dailyPsi");
        }
        ObjectNode errors = (ObjectNode) doc.get("driftReference").get("holdoutAbsError");
        errors.remove("days");
        errors.remove("dailyMeanStd");
        ForecastModel old = ModelFile.parse(json.writeValueAsBytes(doc), "old.model.json");
        assertNull(old.driftReference().holdoutAbsError().dailyMeanStd());
        double[] row = new double[old.features().size()];
        java.util.Arrays.fill(row, 100);
        FeatureDrift.Day day =
                FeatureDrift.evaluate(
                        old.driftReference(),
                        old.features(),
                        List.of(row, row, row),
                        DriftSettings.DEFAULTS);
        assertTrue(day.checked().isEmpty());
        assertTrue(!day.drifts());
    }
}
