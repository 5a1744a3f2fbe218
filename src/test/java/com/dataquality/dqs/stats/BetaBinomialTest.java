package com.dataquality.dqs.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BetaBinomialTest {

    @Test
    void probabilitiesSumToOneWithMeanNqAndExtraSpreadForSmallConcentrations() {
        for (int n : new int[] {1, 3, 12, 500, 2000}) {
            for (double q : new double[] {0.001, 0.3, 0.95, 0.999}) {
                for (double kappa : new double[] {0.5, 20, 1e6}) {
                    double[] p = BetaBinomial.pmf(n, q, kappa);
                    assertEquals(n + 1, p.length);
                    double sum = 0;
                    double mean = 0;
                    double square = 0;
                    for (int k = 0; k <= n; k++) {
                        assertTrue(p[k] >= 0 && Double.isFinite(p[k]));
                        sum += p[k];
                        mean += k * p[k];
                        square += (double) k * k * p[k];
                    }
                    assertEquals(1, sum, 1e-9, n + " " + q + " " + kappa);
                    assertEquals(n * q, mean, 1e-6 * Math.max(1, n), n + " " + q + " " + kappa);
                    // Var = n q (1 − q) (1 + (n − 1) / (κ + 1))
                    double variance = square - mean * mean;
                    double expected = n * q * (1 - q) * (1 + (n - 1) / (kappa + 1));
                    assertEquals(expected, variance, 1e-6 * Math.max(1, expected) + 1e-9);
                }
            }
        }
    }

    @Test
    void aHugeConcentrationIsTheBinomial() {
        double[] p = BetaBinomial.pmf(3, 0.9, BetaBinomial.MAX_CONCENTRATION);
        assertArrayEquals(new double[] {0.001, 0.027, 0.243, 0.729}, p, 1e-6);
    }

    @Test
    void quantilesAreTheSmallestValueReachingTheProbability() {
        double[] cdf = BetaBinomial.cdf(new double[] {0.1, 0.2, 0.3, 0.4});
        assertEquals(0, BetaBinomial.quantileIndex(cdf, 0.0));
        assertEquals(0, BetaBinomial.quantileIndex(cdf, 0.1));
        assertEquals(1, BetaBinomial.quantileIndex(cdf, 0.15));
        assertEquals(2, BetaBinomial.quantileIndex(cdf, 0.5));
        assertEquals(3, BetaBinomial.quantileIndex(cdf, 1.0));
    }

    @Test
    void anIntervalDropsAnEndValueWhenAtLeastHalfOfItFitsInTheTail() {
        // 0: 0.02, 1: 0.10, 2: 0.30, 3: 0.58; tail 0.05 each side at level 0.9.
        double[] cdf = BetaBinomial.cdf(new double[] {0.02, 0.10, 0.30, 0.58});
        // Value 0 goes (0.01 ≤ 0.05), value 1 stays (0.02 + 0.05 > 0.05); the top is one value.
        assertArrayEquals(new int[] {1, 3}, BetaBinomial.interval(cdf, 0.9));
        // At level 0.6 (tail 0.2): value 1 goes too (0.02 + 0.05 ≤ 0.2), value 2 stays.
        assertArrayEquals(new int[] {2, 3}, BetaBinomial.interval(cdf, 0.6));
        // A single value holding everything.
        assertArrayEquals(new int[] {0, 0}, BetaBinomial.interval(new double[] {1}, 0.9));
    }

    @Test
    void overManyDrawsIntervalsOfASpreadDistributionCoverAboutTheirLevel() {
        SplittableRandom rnd = new SplittableRandom(1);
        int n = 40;
        double[] pmf = BetaBinomial.pmf(n, 0.6, 8);
        double[] cdf = BetaBinomial.cdf(pmf);
        int[] iv = BetaBinomial.interval(cdf, 0.8);
        int inside = 0;
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            double u = rnd.nextDouble();
            int k = BetaBinomial.quantileIndex(cdf, u);
            if (k >= iv[0] && k <= iv[1]) {
                inside++;
            }
        }
        assertEquals(0.8, inside / (double) draws, 0.03);
    }
}
