package com.dataquality.dqs.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    private static final Vocabularies VOCAB =
            Vocabularies.of(List.of("ds-b", "ds-a", "ds-c"), List.of(205, 101));
    private static final FeatureExtractor EXTRACTOR = new FeatureExtractor(VOCAB);

    private static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }

    /**
     * Target Wednesday 2024-03-13. Observed: 03-05 (D-8) 100%, 03-06 (D-7) 50%, 03-08 (D-5) 80%,
     * 03-11 (D-2) 25%, 03-12 (D-1) 90%; 03-07, 03-09, 03-10 are gaps.
     */
    private static SeriesHistory handMade() {
        return SeriesHistory.empty()
                .plus(day("2024-03-05"), 2, 2)
                .plus(day("2024-03-06"), 4, 2)
                .plus(day("2024-03-08"), 5, 4)
                .plus(day("2024-03-11"), 4, 1)
                .plus(day("2024-03-12"), 10, 9);
    }

    @Test
    void goldenFeaturesOfAHandMadeSeriesWithGaps() {
        double[] f = EXTRACTOR.extract(handMade(), day("2024-03-13"), "ds-b", 205);
        double[] expected = {
            3, // Wednesday
            13,
            11, // ISO week of 2024-03-13
            3,
            90, // lag_1: 03-12
            25, // lag_2: 03-11
            50, // lag_7: 03-06
            (90 + 25) / 2.0, // ma_3: 03-10 missing, 03-11, 03-12
            (50 + 80 + 25 + 90) / 4.0, // ma_7: 03-06..03-12 observed; 03-05 is D-8
            1, // "ds-b" is second of ds-a, ds-b, ds-c
            1 // 205 is second of 101, 205
        };
        assertEquals(FeatureExtractor.FEATURE_NAMES.size(), f.length);
        assertArrayEquals(expected, f, 1e-12);
    }

    @Test
    void missingValuesStayMissingNeverZero() {
        // Only D-4 observed: no lag, no ma_3, but ma_7 exists.
        SeriesHistory h = SeriesHistory.empty().plus(day("2024-03-09"), 3, 0);
        double[] f = EXTRACTOR.extract(h, day("2024-03-13"), "ds-a", 101);
        assertTrue(Double.isNaN(f[4]) && Double.isNaN(f[5]) && Double.isNaN(f[6]));
        assertTrue(Double.isNaN(f[7]), "ma_3 has no observed day");
        assertEquals(0.0, f[8], "a real 0% day is 0, not missing");
        double[] empty = EXTRACTOR.extract(SeriesHistory.empty(), day("2024-03-13"), "ds-a", 101);
        for (int i = 4; i <= 8; i++) {
            assertTrue(Double.isNaN(empty[i]), FeatureExtractor.FEATURE_NAMES.get(i));
        }
    }

    @Test
    void unseenDatasetAndRuleAreMissing() {
        double[] f = EXTRACTOR.extract(handMade(), day("2024-03-13"), "ds-new", 999);
        assertTrue(Double.isNaN(f[FeatureExtractor.DATASET_UUID]));
        assertTrue(Double.isNaN(f[FeatureExtractor.RULE_CODE]));
    }

    @Test
    void calendarFeaturesAreIso() {
        // 2021-01-03 is a Sunday in ISO week 53 of 2020.
        double[] f = EXTRACTOR.extract(SeriesHistory.empty(), day("2021-01-03"), "ds-a", 101);
        assertArrayEquals(new double[] {7, 3, 53, 1}, new double[] {f[0], f[1], f[2], f[3]});
        // 2024-12-30 is a Monday in ISO week 1 of 2025.
        f = EXTRACTOR.extract(SeriesHistory.empty(), day("2024-12-30"), "ds-a", 101);
        assertArrayEquals(new double[] {1, 30, 1, 12}, new double[] {f[0], f[1], f[2], f[3]});
    }

    @Test
    void daysOnOrAfterTheTargetDoNotChangeTheFeatures() {
        int target = day("2024-03-13");
        double[] before = EXTRACTOR.extract(handMade(), target, "ds-b", 205);
        SeriesHistory withFuture =
                handMade().plus(target, 7, 0).plus(target + 1, 3, 3).plus(target + 5, 1, 0);
        double[] after = EXTRACTOR.extract(withFuture, target, "ds-b", 205);
        assertArrayEquals(before, after);
    }

    @Test
    void extractIntoAnOffsetOfABatchGivesTheSameValues() {
        double[] batch = new double[3 * FeatureExtractor.NUM_FEATURES];
        EXTRACTOR.extract(
                handMade(), day("2024-03-13"), "ds-b", 205, batch, FeatureExtractor.NUM_FEATURES);
        double[] single = EXTRACTOR.extract(handMade(), day("2024-03-13"), "ds-b", 205);
        for (int i = 0; i < single.length; i++) {
            assertEquals(
                    Double.doubleToRawLongBits(single[i]),
                    Double.doubleToRawLongBits(batch[FeatureExtractor.NUM_FEATURES + i]));
        }
    }
}
