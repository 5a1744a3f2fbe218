package com.dataquality.dqs.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PsiTest {

    @Test
    void binsAreUpperInclusiveAndTheLastBinTakesEverythingAbove() {
        double[] edges = {1, 2};
        assertArrayEquals(
                new int[] {2, 2, 1}, Psi.counts(edges, new double[] {0, 1, 1.5, 2, 7, Double.NaN}));
    }

    @Test
    void matchesAHandComputedValueWithHalfCountSmoothing() {
        // counts [3, 1] of n = 4: shares (3.5/5, 1.5/5) = (0.7, 0.3) against (0.5, 0.5):
        // 0.2 ln(1.4) + (-0.2) ln(0.6) = 0.169459572...
        double psi = Psi.of(new double[] {10}, new double[] {0.5, 0.5}, new double[] {5, 5, 5, 20});
        assertEquals(0.16945957207744072, psi, 1e-12);
    }

    @Test
    void threeBinsByHand() {
        // counts [1, 2, 1], n = 4, denominator 5.5: shares (1.5, 2.5, 1.5)/5.5 vs (0.2, 0.3, 0.5)
        double psi =
                Psi.of(
                        new double[] {1, 2},
                        new double[] {0.2, 0.3, 0.5},
                        new double[] {1, 2, 2, 3});
        assertEquals(0.22453088239124475, psi, 1e-12);
    }

    @Test
    void anEmptyReferenceBinIsFlooredNotInfinite() {
        double psi = Psi.of(new int[] {1, 0}, new double[] {1, 0});
        assertEquals(2.0271496162259326, psi, 1e-12);
    }

    @Test
    void missingValuesDoNotCountAndAllMissingIsNaN() {
        double[] edges = {10};
        double[] ref = {0.5, 0.5};
        assertEquals(
                Psi.of(edges, ref, new double[] {5, 20}),
                Psi.of(edges, ref, new double[] {5, Double.NaN, 20}));
        assertTrue(Double.isNaN(Psi.of(edges, ref, new double[] {Double.NaN})));
        assertTrue(Double.isNaN(Psi.of(edges, ref, new double[0])));
    }

    @Test
    void aSampleLikeTheReferenceScoresNearZeroAndAShiftedOneHigh() {
        double[] edges = {1, 2, 3};
        double[] ref = {0.25, 0.25, 0.25, 0.25};
        double[] same = new double[400];
        double[] shifted = new double[400];
        for (int i = 0; i < 400; i++) {
            same[i] = (i % 4) + 0.5;
            shifted[i] = 3.5;
        }
        assertTrue(Psi.of(edges, ref, same) < 1e-3);
        assertTrue(Psi.of(edges, ref, shifted) > 1);
    }

    @Test
    void binCountMismatchIsRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> Psi.of(new int[] {1}, new double[] {1, 0}));
    }
}
