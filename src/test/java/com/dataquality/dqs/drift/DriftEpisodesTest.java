package com.dataquality.dqs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.model.DistributionSpec;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.TestModels;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.stats.BetaBinomial;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** {@link DriftDetector#judge}: drift in episodes, the error test on the forecast distribution. */
class DriftEpisodesTest {

    /** The small model, its holdout PIT statistic set to exactly N(0, 1). */
    private static final ForecastModel MODEL = calibrated(TestModels.small());

    private static ForecastModel calibrated(ForecastModel m) {
        var r = m.driftReference();
        return new ForecastModel(
                m.format(),
                m.version(),
                m.createdAt(),
                m.features(),
                m.categoricalFeatures(),
                m.vocabularies(),
                m.training(),
                m.holdoutMetrics(),
                new com.dataquality.dqs.model.DriftReference(
                        r.features(),
                        r.target(),
                        r.holdoutAbsError(),
                        new com.dataquality.dqs.model.DriftReference.PitReference(60, 0, 1)),
                m.lightgbmModel(),
                m.fitting(),
                m.distribution(),
                m.tuning(),
                m.dataReport());
    }

    private static final DriftSettings S = DriftSettings.DEFAULTS;
    private static final int D0 = 19_700;

    /**
     * A day of 80 realized forecasts of mean 80%, whose actual values are drawn from the model's
     * own distribution around {@code p} (percent): {@code p = 80} is a day as forecast.
     */
    private static ErrorEvidence day(SplittableRandom rnd, double p) {
        DistributionSpec spec = MODEL.distribution();
        ErrorEvidence e = ErrorEvidence.NONE;
        for (int i = 0; i < 80; i++) {
            int n = 2 + rnd.nextInt(6);
            int passes = BetaBinomial.quantileIndex(spec.cdf(p, n), rnd.nextDouble());
            e = e.plus(MODEL, 80, n, passes);
        }
        return e;
    }

    private record Run(List<String> events, int triggers, DriftDetector.Day last) {}

    /** Judges days D0.. with the given true pass probability per day (no feature rows). */
    private static Run run(double[] truth, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        DriftDetector.State state = DriftDetector.State.START;
        DriftEpisodes episodes = DriftEpisodes.start();
        List<String> events = new ArrayList<>();
        int triggers = 0;
        DriftDetector.Day day = null;
        for (int i = 0; i < truth.length; i++) {
            day =
                    DriftDetector.judge(
                            state, episodes, D0 + i, MODEL, List.of(), day(rnd, truth[i]), S);
            state = day.state();
            episodes = day.episodes();
            for (DriftEvent e : day.events()) {
                events.add(i + ":" + e.kind() + ":" + e.statistic());
            }
            triggers += day.trigger() == null ? 0 : 1;
        }
        return new Run(events, triggers, day);
    }

    private static double[] days(int n, double p) {
        double[] t = new double[n];
        java.util.Arrays.fill(t, p);
        return t;
    }

    @Test
    void theMidPitOfAnActualDrawnFromItsDistributionAveragesOneHalf() {
        DistributionSpec spec = MODEL.distribution();
        SplittableRandom rnd = new SplittableRandom(2);
        double deviation = 0;
        double variance = 0;
        for (int i = 0; i < 20_000; i++) {
            int n = 1 + rnd.nextInt(12);
            double mean = 5 + 90 * rnd.nextDouble();
            double[] cdf = spec.cdf(mean, n);
            int k = BetaBinomial.quantileIndex(cdf, rnd.nextDouble());
            double[] u = spec.midPit(mean, n, k);
            deviation += u[0] - 0.5;
            variance += u[1];
        }
        double z = deviation / Math.sqrt(variance);
        assertTrue(Math.abs(z) < 3.5, "standardized: " + z);
    }

    @Test
    void ordinaryDaysRaiseNothingForAYear() {
        for (long seed = 1; seed <= 3; seed++) {
            Run r = run(days(365, 80), seed);
            assertEquals(List.of(), r.events(), "seed " + seed);
            assertEquals(0, r.triggers());
        }
    }

    @Test
    void aSustainedDropIsOneEpisodeOneEventWhenItStartsAndOneWhenItEnds() {
        double[] truth = new double[200];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = i >= 60 && i < 120 ? 55 : 80;
        }
        Run r = run(truth, 7);
        assertEquals(2, r.events().size(), r.events().toString());
        String[] open = r.events().get(0).split(":");
        String[] close = r.events().get(1).split(":");
        assertEquals(DriftEvent.ERROR, open[1]);
        assertEquals("pit_page_hinkley", open[2]);
        int opened = Integer.parseInt(open[0]);
        assertTrue(opened >= 60 && opened <= 63, "caught within days: " + opened);
        assertEquals(DriftDetector.RECOVERED, close[2]);
        int closed = Integer.parseInt(close[0]);
        assertTrue(closed > 120 && closed < 150, "closed after it ended: " + closed);
        assertTrue(r.triggers() >= 1, "days inside the episode count for the trigger");
    }

    @Test
    void aRiseOfThePassRateIsDriftToo() {
        double[] truth = days(150, 80);
        for (int i = 60; i < 150; i++) {
            truth[i] = 97;
        }
        Run r = run(truth, 11);
        assertEquals(1, r.events().size(), r.events().toString());
        assertTrue(r.last().episodes().errorOpen());
    }

    @Test
    void aNewModelClosesTheOpenEpisodesAndStartsAfresh() {
        double[] truth = days(100, 80);
        for (int i = 40; i < 100; i++) {
            truth[i] = 50;
        }
        Run r = run(truth, 3);
        assertTrue(r.last().episodes().errorOpen());
        ForecastModel next = MODEL.withVersion("next");
        DriftDetector.Day day =
                DriftDetector.judge(
                        r.last().state(),
                        r.last().episodes(),
                        D0 + 100,
                        next,
                        List.of(),
                        day(new SplittableRandom(1), 80),
                        S);
        assertEquals(1, day.events().size());
        assertEquals(DriftDetector.RECOVERED, day.events().get(0).statistic());
        assertEquals(MODEL.version(), day.events().get(0).modelVersion());
        assertTrue(day.events().get(0).detail().contains("a new model serves"));
        assertFalse(day.episodes().errorOpen());
        assertEquals("next", day.episodes().modelVersion);
    }

    @Test
    void featureDriftOpensOnItsFirstDayAndClosesAfterAQuietWeek() {
        // The small model's reference; rows far outside the training histograms drift.
        List<String> names = MODEL.features();
        double[] odd = new double[names.size()];
        java.util.Arrays.fill(odd, -1000);
        DriftDetector.State state = DriftDetector.State.START;
        DriftEpisodes episodes = DriftEpisodes.start();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<double[]> rows = new ArrayList<>();
            boolean drifting = i >= 35 && i < 45;
            for (int r = 0; r < 40; r++) {
                rows.add(drifting ? odd : new double[names.size()]);
            }
            DriftDetector.Day d =
                    DriftDetector.judge(
                            state, episodes, D0 + i, MODEL, rows, ErrorEvidence.NONE, S);
            state = d.state();
            episodes = d.episodes();
            d.events()
                    .forEach(e -> events.add(D0 + "+" + (e.businessDate()) + ":" + e.statistic()));
        }
        // Rows of zeros drift too (they are not like training's), so only check the episode shape.
        assertTrue(events.size() <= 2 * 2, events.toString());
        assertNotNull(episodes);
    }

    @Test
    void theEpisodesAreAFlinkPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DriftEpisodes.class);
        DriftEpisodes e = DriftEpisodes.start();
        e.errorSince = 5;
        assertEquals(e, e.copy());
    }
}
