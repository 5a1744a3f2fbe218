package com.dataquality.dqs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PageHinkleyTest {
    private static final double DELTA = 0.5;
    private static final double CLIP = 4;
    private static final double LAMBDA = 6;

    private static PageHinkley run(double... z) {
        PageHinkley ph = PageHinkley.START;
        for (double v : z) {
            ph = ph.next(v, DELTA, CLIP);
        }
        return ph;
    }

    @Test
    void accumulatesTheExcessOverDeltaByHand() {
        // sums: -0.5 (min -0.5), 2.0, 4.5, 7.0: statistic 5.0 on day 3, 7.5 on day 4
        assertEquals(5.0, run(0, 3, 3).statistic(), 1e-12);
        assertEquals(7.5, run(0, 3, 3, 3).statistic(), 1e-12);
        assertEquals(-0.5, run(0, 3, 3, 3).minimum(), 1e-12);
        assertEquals(4, run(0, 3, 3, 3).days());
    }

    @Test
    void oneBadDayAloneNeverAlarmsHoweverBad() {
        PageHinkley ph = run(0, 0, 1000);
        assertEquals(CLIP - DELTA, ph.statistic(), 1e-12);
        assertFalse(ph.alarm(LAMBDA));
        assertFalse(run(1000, 0, 0).alarm(LAMBDA));
    }

    @Test
    void aSustainedRiseAlarmsWithinDays() {
        assertFalse(run(3).alarm(LAMBDA));
        assertFalse(run(3, 3).alarm(LAMBDA)); // 5.0
        assertTrue(run(3, 3, 3).alarm(LAMBDA)); // 7.5
        assertTrue(run(4, 4).alarm(LAMBDA)); // 7.0: a large rise takes two days
    }

    @Test
    void aFallResetsTheReferencePoint() {
        // sums -2.5, -5.0 (min), then rises by 2.5 per day: statistic measured from -5.0
        PageHinkley ph = run(-2, -2, 3, 3);
        assertEquals(-5.0, ph.minimum(), 1e-12);
        assertEquals(5.0, ph.statistic(), 1e-12);
        assertFalse(ph.alarm(LAMBDA));
    }

    @Test
    void noiseAroundZeroStaysQuietForAYear() {
        java.util.Random r = new java.util.Random(1);
        PageHinkley ph = PageHinkley.START;
        double max = 0;
        for (int d = 0; d < 365; d++) {
            ph = ph.next(r.nextGaussian(), DELTA, CLIP);
            max = Math.max(max, ph.statistic());
        }
        assertTrue(max < LAMBDA, "max statistic " + max);
    }
}
