package com.dataquality.dqs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.model.DriftReference;
import com.dataquality.dqs.model.DriftReference.DailyStatistic;
import com.dataquality.dqs.model.DriftReference.Distribution;
import com.dataquality.dqs.model.DriftReference.ErrorDistribution;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The day verdicts of feature and error drift, on hand-made references. */
class FeatureDriftTest {
    private static final List<String> NAMES = List.of("a", "b", "c", "cal");

    private static Distribution checked(String name) {
        return new Distribution(
                name,
                new double[] {50},
                new double[] {0.5, 0.5},
                0,
                50.0,
                1.0,
                new DailyStatistic(30, 1, 2, 3, 4));
    }

    private static final DriftReference REF =
            new DriftReference(
                    List.of(
                            checked("a"),
                            checked("b"),
                            checked("c"),
                            new Distribution(
                                    "cal",
                                    new double[] {50},
                                    new double[] {0.5, 0.5},
                                    0,
                                    1.0,
                                    1.0,
                                    null)),
                    checked("pass_percentage"),
                    new ErrorDistribution(100, 10, 6, 9, 20, 25, 30, 20, 2.0));

    /** n rows where the features flagged shifted sit in the upper bin, the rest split evenly. */
    private static List<double[]> rows(int n, boolean a, boolean b, boolean c) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double even = i % 2 == 0 ? 25 : 75;
            out[i] = new double[] {a ? 80 : even, b ? 80 : even, c ? 80 : even, 80};
        }
        return List.of(out);
    }

    @Test
    void aDayDriftsWhenMoreThanHalfTheCheckedFeaturesDrift() {
        FeatureDrift.Day one =
                FeatureDrift.evaluate(
                        REF, NAMES, rows(20, true, false, false), DriftSettings.DEFAULTS);
        assertEquals(3, one.checked().size(), "the uncalibrated feature is not checked");
        assertEquals(List.of("a"), one.drifting());
        assertFalse(one.drifts());
        FeatureDrift.Day two =
                FeatureDrift.evaluate(
                        REF, NAMES, rows(20, true, true, false), DriftSettings.DEFAULTS);
        assertEquals(List.of("a", "b"), two.drifting());
        assertTrue(two.drifts());
        assertEquals(2.0 / 3, two.share(), 1e-12);
    }

    @Test
    void theThresholdScalesWithTheDaysSize() {
        // 2 rows in the upper bin: shares (0.5, 2.5)/3, PSI 0.3662..., × 2 = 0.73 < 4: too few to
        // tell.
        FeatureDrift.Day small =
                FeatureDrift.evaluate(
                        REF, NAMES, rows(2, true, true, true), DriftSettings.DEFAULTS);
        assertTrue(small.drifting().isEmpty(), small.toString());
        double psi =
                (0.5 / 3 - 0.5) * Math.log(0.5 / 3 / 0.5)
                        + (2.5 / 3 - 0.5) * Math.log(2.5 / 3 / 0.5);
        assertEquals(2 * psi, small.checked().get(0).scaled(), 1e-12);
        assertEquals(4.0, small.checked().get(0).threshold());
        FeatureDrift.Day big =
                FeatureDrift.evaluate(
                        REF, NAMES, rows(200, true, true, true), DriftSettings.DEFAULTS);
        assertTrue(big.drifts());
    }

    @Test
    void missingValuesAreNotCountedAndAnAllMissingFeatureIsNotChecked() {
        double nan = Double.NaN;
        List<double[]> rows = List.of(new double[] {nan, 80, 80, 1}, new double[] {nan, 80, 80, 1});
        FeatureDrift.Day day = FeatureDrift.evaluate(REF, NAMES, rows, DriftSettings.DEFAULTS);
        assertEquals(2, day.checked().size());
        assertEquals(2, day.checked().get(0).rows());
    }

    @Test
    void errorsAreStandardizedByTheDailySpreadOrTheSamplingSpreadOfASmallDay() {
        ErrorDistribution e = REF.holdoutAbsError(); // mean 10, row std 6, daily spread 2
        assertEquals(3.0, ErrorDrift.standardized(e, 16, 100), 1e-12, "6 / max(2, 0.6)");
        assertEquals(1.0, ErrorDrift.standardized(e, 16, 1), 1e-12, "6 / max(2, 6)");
        ErrorDistribution old = new ErrorDistribution(100, 10, 6, 9, 20, 25, 30, null, null);
        assertEquals(6.0, ErrorDrift.standardized(old, 16, 36), 1e-12, "older file: 6 / (6 / 6)");
        assertTrue(Double.isNaN(ErrorDrift.standardized(e, 16, 0)));
        // delta: 0.5 daily spreads, or 5% of the holdout error when that is more
        assertEquals(0.5, ErrorDrift.delta(e, 100, DriftSettings.DEFAULTS), 1e-12);
        ErrorDistribution tight = new ErrorDistribution(100, 40, 6, 9, 20, 25, 30, 20, 1.0);
        assertEquals(2.0, ErrorDrift.delta(tight, 100, DriftSettings.DEFAULTS), 1e-12);
    }
}
