package com.dataquality.dqs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    private static PairedComparison of(double... days) {
        PairedComparison c = PairedComparison.empty();
        for (double d : days) {
            c = c.plus(d);
        }
        return c;
    }

    @Test
    void studentTMatchesTabulatedValues() {
        // Tabulated two-sided 5% critical values.
        assertEquals(12.706, StudentT.quantile(0.975, 1), 1e-3);
        assertEquals(2.228, StudentT.quantile(0.975, 10), 1e-3);
        assertEquals(2.042, StudentT.quantile(0.975, 30), 1e-3);
        assertEquals(0.05, 2 * StudentT.upperTail(2.228139, 10), 1e-6);
        assertEquals(0.5, StudentT.upperTail(0, 7), 1e-12);
        assertEquals(-StudentT.quantile(0.9, 5), StudentT.quantile(0.1, 5), 1e-9);
    }

    @Test
    void classicPairedStatisticsOfAHandWorkedSample() {
        // Differences 1, 2, 3, 4: mean 2.5, sd 1.2910, se 0.6455, t 3.873 on 3 df.
        PairedComparison c = of(1, 2, 3, 4);
        assertEquals(4, c.days);
        assertEquals(2.5, c.mean, 1e-12);
        assertEquals(Math.sqrt(5.0 / 3), c.sd(), 1e-12);
        assertEquals(3.8730, c.tStatistic(), 1e-4);
        assertEquals(0.0305, c.pValue(), 1e-3);
        assertEquals(2.5 / Math.sqrt(5.0 / 3), c.effectSize(), 1e-12);
        double[] ci = c.confidenceInterval(0.95);
        assertEquals(2.5 - 3.182 * 0.6455, ci[0], 1e-2);
        assertEquals(2.5 + 3.182 * 0.6455, ci[1], 1e-2);
    }

    @Test
    void aClearlyBetterChallengerWinsAfterTheMinimumDays() {
        Random r = new Random(1);
        PairedComparison c = PairedComparison.empty();
        int decidedOn = -1;
        for (int day = 1; day <= 60 && decidedOn < 0; day++) {
            c = c.plus(-1.0 + r.nextGaussian());
            if (c.challengerWins(0.05, 14)) {
                decidedOn = day;
            }
        }
        assertTrue(decidedOn >= 14 && decidedOn <= 40, "decided on day " + decidedOn);
        assertFalse(c.championWins(0.05, 14));
    }

    @Test
    void equalForecastersAreAlmostNeverSeparatedHoweverOftenTheTestIsChecked() {
        // 400 simulated years of daily checks with no difference: the always-valid test keeps
        // false declarations near or below alpha, where a daily t-test would declare most.
        Random r = new Random(7);
        int falseWins = 0;
        int naiveWins = 0;
        for (int year = 0; year < 400; year++) {
            PairedComparison c = PairedComparison.empty();
            boolean naive = false;
            for (int day = 0; day < 365; day++) {
                c = c.plus(r.nextGaussian());
                if (c.challengerWins(0.05, 14) || c.championWins(0.05, 14)) {
                    falseWins++;
                    break;
                }
                naive |= day >= 14 && c.pValue() < 0.05;
            }
            if (naive) {
                naiveWins++;
            }
        }
        assertTrue(falseWins <= 400 * 0.05, falseWins + " false decisions in 400 years");
        assertTrue(naiveWins > 100, "a daily t-test would have declared " + naiveWins);
    }

    @Test
    void flinkSerializesItAsAPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PairedComparison.class);
    }
}
