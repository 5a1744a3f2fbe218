package com.dataquality.dqs.generate;

import java.time.DayOfWeek;
import java.util.SplittableRandom;

/**
 * The hidden pass probability of every series, day by day. It is built so that a forecaster of the
 * daily pass percentage has something real to learn, and so that naive baselines each miss part of
 * it:
 *
 * <ul>
 *   <li>a per-series base level (most rules pass almost always, some are mediocre);
 *   <li>a weekly pattern (weekend loads are partial, Monday loads carry the weekend's backlog);
 *   <li>a slow linear trend and a small persistent (AR(1)) wander;
 *   <li>incidents that start abruptly, hold for a few days and recover geometrically, so
 *       yesterday's value is informative but not the whole story;
 *   <li>an optional drift: from the drift date, a chosen share of series shift by a fixed size.
 * </ul>
 *
 * The pattern strength scales every departure from the base level (weekly pattern, trend, wander,
 * incidents) before the drift is added: below 1 the series are closer to flat, so less of a day's
 * value is predictable.
 *
 * <p>How many executions a series has on a day is a separate, stateless weight ({@link #weight}),
 * so the row allocation can read it twice.
 */
final class SeriesModel {
    private static final double AR_PHI = 0.8;
    private static final double AR_SIGMA = 0.015;

    private final long seed;
    private final int days;
    private final int startDow;
    private final double driftSize;
    private final int driftDay;
    private final double strength;

    // Per-series parameters, fixed for the whole run.
    private final double[] base;
    private final double[][] weekly;
    private final double[] slope;
    private final double[] incidentRate;
    private final double[] missRate;
    private final double[] rate;
    private final double[] weekendRate;
    private final boolean[] drifted;

    // Per-series state, advanced one day at a time.
    private final SplittableRandom[] rnd;
    private final double[] wander;
    private final double[] incident;
    private final int[] incidentHold;
    private final double[] probability;
    private int day = -1;

    SeriesModel(GeneratorConfig config, int seriesCount) {
        this.seed = config.seed();
        this.days = config.days();
        this.startDow = config.startDate().getDayOfWeek().getValue();
        this.driftSize = config.driftSize();
        this.strength = config.patternStrength();
        this.driftDay =
                config.driftDate() == null
                        ? Integer.MAX_VALUE
                        : (int) (config.driftDate().toEpochDay() - config.startDate().toEpochDay());
        int n = seriesCount;
        base = new double[n];
        weekly = new double[n][8];
        slope = new double[n];
        incidentRate = new double[n];
        missRate = new double[n];
        rate = new double[n];
        weekendRate = new double[n];
        rnd = new SplittableRandom[n];
        wander = new double[n];
        incident = new double[n];
        incidentHold = new int[n];
        probability = new double[n];
        for (int s = 0; s < n; s++) {
            rnd[s] = new SplittableRandom(Mix.hash(seed, s, 0, 11));
            initSeries(s, rnd[s]);
        }
        drifted = chooseDrifted(n, config.driftDate() == null ? 0.0 : config.driftFraction());
    }

    private void initSeries(int s, SplittableRandom r) {
        base[s] = r.nextDouble() < 0.8 ? between(r, 0.85, 0.995) : between(r, 0.5, 0.8);
        double kind = r.nextDouble();
        if (kind < 0.6) {
            weekly[s][DayOfWeek.SATURDAY.getValue()] = -between(r, 0.12, 0.4);
            weekly[s][DayOfWeek.SUNDAY.getValue()] = -between(r, 0.08, 0.35);
        } else if (kind < 0.85) {
            weekly[s][DayOfWeek.MONDAY.getValue()] = -between(r, 0.1, 0.3);
            weekly[s][DayOfWeek.FRIDAY.getValue()] = between(r, 0.0, 0.03);
        }
        slope[s] = between(r, -0.1, 0.06) / days;
        incidentRate[s] = between(r, 1.0 / 90, 1.0 / 25);
        missRate[s] = between(r, 0.02, 0.12);
        double[] rates = {1, 2, 3, 4, 4, 6, 8, 12};
        rate[s] = rates[r.nextInt(rates.length)];
        weekendRate[s] = between(r, 0.4, 1.0);
    }

    /** Exactly round(fraction × n) series drift, picked by a seeded partial shuffle. */
    private boolean[] chooseDrifted(int n, double fraction) {
        boolean[] out = new boolean[n];
        int count = (int) Math.round(fraction * n);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom r = new SplittableRandom(Mix.hash(seed, n, 0, 13));
        for (int i = 0; i < count; i++) {
            int j = i + r.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            out[idx[i]] = true;
        }
        return out;
    }

    /** Moves every series to {@code target}; days are visited in order, none skipped. */
    void advanceTo(int target) {
        while (day < target) {
            day++;
            int dow = dayOfWeek(day);
            for (int s = 0; s < base.length; s++) {
                probability[s] = step(s, dow);
            }
        }
    }

    private double step(int s, int dow) {
        SplittableRandom r = rnd[s];
        wander[s] = AR_PHI * wander[s] + AR_SIGMA * r.nextGaussian();
        if (incidentHold[s] > 0) {
            incidentHold[s]--;
        } else if (incident[s] > 0.005) {
            incident[s] *= between(r, 0.6, 0.8);
        } else if (r.nextDouble() < incidentRate[s]) {
            incident[s] = between(r, 0.3, 0.8);
            incidentHold[s] = 2 + r.nextInt(7);
        } else {
            incident[s] = 0.0;
        }
        double p =
                strength == 1.0
                        // The expression of the first versions, so their data stays byte-identical.
                        ? base[s] + weekly[s][dow] + slope[s] * day + wander[s] - incident[s]
                        : base[s]
                                + strength
                                        * (weekly[s][dow]
                                                + slope[s] * day
                                                + wander[s]
                                                - incident[s]);
        p = Math.min(0.999, Math.max(0.0, p));
        if (drifted[s] && day >= driftDay) {
            p = Math.min(1.0, Math.max(0.0, p + driftSize));
        }
        return p;
    }

    /**
     * How far an incident pulls series {@code s}'s pass probability down on the current day (0
     * outside incidents): the truth an anomaly detector is measured against.
     */
    double incidentDrop(int s) {
        return strength * incident[s];
    }

    /** Pass probability of series {@code s} on the current day. */
    double passProbability(int s) {
        return probability[s];
    }

    boolean drifted(int s) {
        return drifted[s];
    }

    /**
     * Relative number of executions of series {@code s} on {@code d}: 0 on a missing day, smaller
     * on weekends, jittered. A pure function of its arguments.
     */
    double weight(int s, int d) {
        if (Mix.uniform(seed, s, d, 1) < missRate[s]) {
            return 0.0;
        }
        int dow = dayOfWeek(d);
        double w = rate[s] * (dow >= 6 ? weekendRate[s] : 1.0);
        return w * (0.6 + 0.8 * Mix.uniform(seed, s, d, 2));
    }

    /** ISO day of week (Monday = 1) of day index {@code d}. */
    int dayOfWeek(int d) {
        return (startDow - 1 + d) % 7 + 1;
    }

    private static double between(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }
}
