package com.dataquality.dqs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WassersteinTest {

    @Test
    void equalSizedSamplesMoveByTheMeanOfSortedDifferences() {
        assertEquals(
                1.0, Wasserstein.distance(new double[] {3, 1, 2}, new double[] {2, 4, 3}), 1e-12);
    }

    @Test
    void unequalSizesByHand() {
        // CDFs differ by 1/6 on [0,1), 1/6 on [1,2), 1/3 on [2,3): 1/6 + 1/6 + 1/3 = 2/3
        assertEquals(
                2.0 / 3, Wasserstein.distance(new double[] {0, 1, 3}, new double[] {0, 2}), 1e-12);
    }

    @Test
    void isSymmetricZeroForIdenticalSamplesAndIgnoresMissing() {
        double[] a = {0, 1, 3, Double.NaN};
        double[] b = {0, 2};
        assertEquals(Wasserstein.distance(a, b), Wasserstein.distance(b, a), 1e-12);
        assertEquals(0.0, Wasserstein.distance(new double[] {1, 2, 2}, new double[] {2, 1, 2}));
        assertTrue(Double.isNaN(Wasserstein.distance(new double[0], b)));
    }

    @Test
    void normalizedDividesByTheReferenceStandardDeviation() {
        // reference {0, 2}: std = sqrt(2); sample {2, 4}: W1 = 2
        assertEquals(
                2 / Math.sqrt(2),
                Wasserstein.normalized(new double[] {2, 4}, new double[] {0, 2}),
                1e-12);
        assertTrue(Double.isNaN(Wasserstein.normalized(new double[] {1}, new double[] {5, 5})));
    }
}
