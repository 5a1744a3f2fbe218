package com.dataquality.dqs.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 13 features of the first models (legacy list), position by position. */
class FeatureExtractorTest {

    private static final Vocabularies VOCAB =
            Vocabularies.of(List.of("ds-b", "ds-a", "ds-c"), List.of(205, 101));
    private static final FeatureExtractor EXTRACTOR =
            new FeatureExtractor(VOCAB, FeatureExtractor.LEGACY_FEATURES);
    private static final int WIDTH = FeatureExtractor.LEGACY_FEATURES.size();

    private static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }

    /**
     * Target Wednesday 2024-03-13. Observed: 01-17 (D-56) 0%, 03-05 (D-8) 100%, 03-06 (D-7) 50%,
     * 03-08 (D-5) 80%, 03-11 (D-2) 25%, 03-12 (D-1) 90% from 10 executions; 03-07, 03-09, 03-10 and
     * everything else are gaps.
     */
    private static SeriesState handMade(String uuid, int rule) {
        SeriesState s = SeriesState.of(uuid, rule);
        s.add(day("2024-01-17"), 1, 0);
        s.add(day("2024-03-05"), 2, 2);
        s.add(day("2024-03-06"), 4, 2);
        s.add(day("2024-03-08"), 5, 4);
        s.add(day("2024-03-11"), 4, 1);
        s.add(day("2024-03-12"), 10, 9);
        return s;
    }

    @Test
    void goldenFeaturesOfAHandMadeSeriesWithGaps() {
        double[] f = EXTRACTOR.extract(handMade("ds-b", 205), day("2024-03-13"));
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
            1, // 205 is second of 101, 205
            (0 + 100 + 50 + 80 + 25 + 90) / 6.0, // ma_56: 01-17..03-12
            10 // executions on D-1
        };
        assertEquals(FeatureExtractor.LEGACY_FEATURES.size(), f.length);
        assertArrayEquals(expected, f, 1e-12);
    }

    @Test
    void missingValuesStayMissingNeverZero() {
        // Only D-4 observed: no lag, no ma_3, but ma_7 exists.
        SeriesState h = SeriesState.of("ds-a", 101);
        h.add(day("2024-03-09"), 3, 0);
        double[] f = EXTRACTOR.extract(h, day("2024-03-13"));
        assertTrue(Double.isNaN(f[4]) && Double.isNaN(f[5]) && Double.isNaN(f[6]));
        assertTrue(Double.isNaN(f[7]), "ma_3 has no observed day");
        assertEquals(0.0, f[8], "a real 0% day is 0, not missing");
        assertEquals(0.0, f[11]);
        assertTrue(Double.isNaN(f[12]), "no executions_lag_1_day without D-1");
        double[] empty = EXTRACTOR.extract(SeriesState.of("ds-a", 101), day("2024-03-13"));
        for (int i : new int[] {4, 5, 6, 7, 8, 11, 12}) {
            assertTrue(Double.isNaN(empty[i]), FeatureExtractor.LEGACY_FEATURES.get(i));
        }
    }

    @Test
    void daysOlderThanTheWindowAreIgnoredEvenWhenPassed() {
        int target = day("2024-03-13");
        // Built directly: a bounded input's full series may hold older days than the window.
        SeriesState h =
                SeriesState.of(
                        "ds-a",
                        101,
                        new int[] {target - 57, target - 56},
                        new int[] {1, 4},
                        new int[] {1, 1});
        double[] f = EXTRACTOR.extract(h, target);
        assertEquals(25.0, f[11], "only D-56 counts");
    }

    @Test
    void unseenDatasetAndRuleAreMissing() {
        double[] f = EXTRACTOR.extract(handMade("ds-new", 999), day("2024-03-13"));
        assertTrue(Double.isNaN(f[9]));
        assertTrue(Double.isNaN(f[10]));
    }

    @Test
    void calendarFeaturesAreIso() {
        // 2021-01-03 is a Sunday in ISO week 53 of 2020.
        double[] f = EXTRACTOR.extract(SeriesState.of("ds-a", 101), day("2021-01-03"));
        assertArrayEquals(new double[] {7, 3, 53, 1}, new double[] {f[0], f[1], f[2], f[3]});
        // 2024-12-30 is a Monday in ISO week 1 of 2025.
        f = EXTRACTOR.extract(SeriesState.of("ds-a", 101), day("2024-12-30"));
        assertArrayEquals(new double[] {1, 30, 1, 12}, new double[] {f[0], f[1], f[2], f[3]});
    }

    @Test
    void daysOnOrAfterTheTargetDoNotChangeTheFeatures() {
        int target = day("2024-03-13");
        SeriesState h = handMade("ds-b", 205);
        double[] before = EXTRACTOR.extract(h, target);
        // A late forecast in the stream reads a state that holds the later days too.
        h.add(target, 7, 0);
        h.add(target + 1, 3, 3);
        h.add(target + 5, 1, 0);
        double[] after = EXTRACTOR.extract(h, target);
        assertArrayEquals(before, after);
    }

    @Test
    void extractIntoAnOffsetOfABatchGivesTheSameValues() {
        double[] batch = new double[3 * WIDTH];
        EXTRACTOR.extract(handMade("ds-b", 205), day("2024-03-13"), batch, WIDTH);
        double[] single = EXTRACTOR.extract(handMade("ds-b", 205), day("2024-03-13"));
        for (int i = 0; i < single.length; i++) {
            assertEquals(
                    Double.doubleToRawLongBits(single[i]),
                    Double.doubleToRawLongBits(batch[WIDTH + i]));
        }
    }
}
