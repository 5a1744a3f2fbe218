package com.dataquality.dqs.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.model.DistributionSpec;
import com.dataquality.dqs.model.DriftReference;
import com.dataquality.dqs.model.DriftReference.DailyStatistic;
import com.dataquality.dqs.model.DriftReference.Distribution;
import com.dataquality.dqs.model.DriftReference.ErrorDistribution;
import com.dataquality.dqs.model.DriftReference.PitReference;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.ReferenceDocument;
import com.dataquality.dqs.model.TestModels;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.Forecast;
import com.dataquality.dqs.record.ForecastFeatures;
import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelRole;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.record.RetrainTrigger;
import com.dataquality.dqs.scoring.ServingModels;
import com.dataquality.dqs.stats.BetaBinomial;
import com.dataquality.dqs.stream.DayCloses;
import com.dataquality.dqs.stream.GlobalKey;
import com.dataquality.dqs.stream.Tags;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The drift function with its two inputs (forecast features and realized forecasts, then the model
 * stream). The model's drift reference is replaced by a hand-made one, so every statistic below can
 * be worked out by hand: each checked feature has one edge at 50 (shares 0.5, 0.5) and a daily
 * threshold of 10 on {@code rows × PSI}; the holdout error is 10 with a daily spread of 2.
 */
class DriftFunctionTest {
    private static final int D = (int) LocalDate.of(2024, 6, 1).toEpochDay();
    private static final DriftSettings SETTINGS =
            new DriftSettings(2, 1.0, 0.5, 0.5, 0.05, 6.0, 4.0, 7, 3, 14);
    private static final List<String> CHECKED =
            List.of(
                    "lag_1_day",
                    "lag_2_day",
                    "lag_7_day",
                    "ma_3_day",
                    "ma_7_day",
                    "ma_56_day",
                    "executions_lag_1_day");

    private static final ForecastModel MODEL = withReference(TestModels.small(), "v1");

    /**
     * The same reference plus the small model's forecast distribution, whose holdout days had a PIT
     * statistic of exactly N(0, 1): the error test is the PIT test.
     */
    private static final ForecastModel PIT_MODEL =
            withReference(TestModels.small(), "v1", new PitReference(60, 0, 1))
                    .withDistribution(TestModels.small().distribution());

    private static ForecastModel withReference(ForecastModel m, String version) {
        return withReference(m, version, null);
    }

    private static ForecastModel withReference(ForecastModel m, String version, PitReference pit) {
        List<Distribution> features = new ArrayList<>();
        for (String name : m.features()) {
            if (FeatureExtractor.CATEGORICAL_NAMES.contains(name)) {
                continue;
            }
            features.add(
                    new Distribution(
                            name,
                            new double[] {50},
                            new double[] {0.5, 0.5},
                            0,
                            50.0,
                            1.0,
                            CHECKED.contains(name) ? new DailyStatistic(30, 4, 7, 9, 10) : null));
        }
        DriftReference ref =
                new DriftReference(
                        features,
                        m.driftReference().target(),
                        new ErrorDistribution(300, 10, 5, 9, 20, 25, 30, 30, 2.0),
                        pit);
        return new ForecastModel(
                m.format(),
                version,
                m.createdAt(),
                m.features(),
                m.categoricalFeatures(),
                m.vocabularies(),
                m.training(),
                m.holdoutMetrics(),
                ref,
                m.lightgbmModel());
    }

    private static KeyedBroadcastOperatorTestHarness<Integer, DriftSample, ModelCommand, DriftEvent>
            harness() throws Exception {
        DriftFunction f = new DriftFunction(SETTINGS, serving());
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(f, Arrays.asList(f.broadcastDescriptors())),
                x -> GlobalKey.VALUE,
                Types.INT,
                1,
                1,
                0);
    }

    private static KeyedBroadcastOperatorTestHarness<Integer, DriftSample, ModelCommand, DriftEvent>
            opened(ForecastModel model) throws Exception {
        var h = harness();
        h.open();
        h.processBroadcastWatermark(Long.MAX_VALUE - 1);
        h.processBroadcastElement(command(model));
        return h;
    }

    private static ServingModels serving() {
        return new ServingModels(
                "drift-model-roster", "drift-model", null, "run-1", ReferenceDocument::strip);
    }

    private static StreamRecord<ModelCommand> command(ForecastModel model) {
        return new StreamRecord<>(
                ModelCommand.champion(model.version(), "test", ModelFile.toBytes(model)));
    }

    /** The forecasts made as day {@code D + offset} closes: every checked feature = value. */
    private static void forecasts(
            KeyedBroadcastOperatorTestHarness<Integer, DriftSample, ModelCommand, DriftEvent> h,
            int offset,
            String version,
            double... values)
            throws Exception {
        for (int i = 0; i < values.length; i++) {
            List<String> names = MODEL.features();
            double[] f = new double[names.size()];
            Arrays.fill(f, Double.NaN);
            for (String name : CHECKED) {
                f[names.indexOf(name)] = values[i];
            }
            ForecastFeatures ff = new ForecastFeatures("ds-" + i, 100, D + offset + 1, f, version);
            h.processElement(new StreamRecord<>(DriftSample.of(ff), 0L));
        }
    }

    /** Realized forecasts of day {@code D + offset}, with these absolute errors. */
    private static void errors(
            KeyedBroadcastOperatorTestHarness<Integer, DriftSample, ModelCommand, DriftEvent> h,
            int offset,
            double... absErrors)
            throws Exception {
        for (int i = 0; i < absErrors.length; i++) {
            // 100 executions: an actual of 50 + error percent is a whole number of passes.
            Forecast f =
                    new Forecast(
                            "ds-" + i,
                            100,
                            D + offset,
                            50,
                            null,
                            null,
                            null,
                            null,
                            "v1",
                            ModelRole.CHAMPION,
                            false);
            PredictionRow r = new PredictionRow(f, 100, (int) Math.round(50 + absErrors[i]));
            h.processElement(new StreamRecord<>(DriftSample.of(r), 0L));
        }
    }

    private static void close(
            KeyedBroadcastOperatorTestHarness<Integer, DriftSample, ModelCommand, DriftEvent> h,
            int offset)
            throws Exception {
        h.processWatermark(DayCloses.endOfDay(D + offset));
    }

    private static double[] repeat(double v, int n) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static double[] balanced(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i % 2 == 0 ? 25 : 75;
        }
        return a;
    }

    /**
     * Realized forecasts of day {@code D + offset} by {@link #PIT_MODEL}: 60 series forecast at
     * 80%, each with 2 to 7 executions whose passes are drawn from the model's distribution around
     * {@code truth} percent (80: a day as forecast; lower: the pass rates dropped).
     */
    private static void realized(
            KeyedBroadcastOperatorTestHarness<Integer, DriftSample, ModelCommand, DriftEvent> h,
            int offset,
            double truth,
            SplittableRandom rnd)
            throws Exception {
        DistributionSpec spec = PIT_MODEL.distribution();
        for (int i = 0; i < 60; i++) {
            int n = 2 + rnd.nextInt(6);
            int passes = BetaBinomial.quantileIndex(spec.cdf(truth, n), rnd.nextDouble());
            Forecast f =
                    new Forecast(
                            "ds-" + i,
                            100,
                            D + offset,
                            80,
                            null,
                            null,
                            null,
                            null,
                            "v1",
                            ModelRole.CHAMPION,
                            false);
            h.processElement(
                    new StreamRecord<>(DriftSample.of(new PredictionRow(f, n, passes)), 0L));
        }
    }

    /** A new operator restored from the snapshot, the model back from broadcast state. */
    private static KeyedBroadcastOperatorTestHarness<Integer, DriftSample, ModelCommand, DriftEvent>
            restored(OperatorSubtaskState snapshot) throws Exception {
        var h = harness();
        h.setup();
        h.initializeState(snapshot);
        h.open();
        h.processBroadcastWatermark(Long.MAX_VALUE - 1);
        return h;
    }

    private static String date(int offset) {
        return LocalDate.ofEpochDay(D + offset).toString();
    }

    @Test
    void aDaysFeaturesAreJudgedOnlyWhenTheDayBeforeTheForecastCloses() throws Exception {
        try (var h = opened(MODEL)) {
            for (int d = 0; d < 2; d++) { // warm-up
                forecasts(h, d, "v1", repeat(80, 20));
                close(h, d);
            }
            assertTrue(h.extractOutputValues().isEmpty(), "warm-up days are not judged");

            forecasts(h, 2, "v1", repeat(80, 20));
            assertEquals(1, h.numEventTimeTimers(), "one timer: the end of day D+2");
            close(h, 1);
            assertTrue(h.extractOutputValues().isEmpty(), "the day is not closed yet");
            close(h, 2);
            List<DriftEvent> out = h.extractOutputValues();
            assertEquals(1, out.size(), out.toString());
            DriftEvent e = out.get(0);
            assertEquals(LocalDate.ofEpochDay(D + 2).toString(), e.businessDate());
            assertEquals(DriftEvent.FEATURE, e.kind());
            assertEquals(1.0, e.value(), "all 7 checked features drift");
            assertEquals(0.5, e.threshold());
            assertArrayEquals(CHECKED.toArray(String[]::new), e.features());
            assertEquals("v1", e.modelVersion());
            // 20 values in the upper bin: shares (0.5, 20.5)/21, PSI 1.4757..., × 20 rows
            double psi =
                    (0.5 / 21 - 0.5) * Math.log((0.5 / 21) / 0.5)
                            + (20.5 / 21 - 0.5) * Math.log((20.5 / 21) / 0.5);
            assertTrue(
                    e.detail().contains(String.format("lag_1_day=%.2f/10.00", 20 * psi)),
                    e.detail());
            assertEquals(0, h.numEventTimeTimers());
        }
    }

    @Test
    void aDayLikeTheReferenceDoesNotDriftWhateverItsSize() throws Exception {
        try (var h = opened(MODEL)) {
            for (int d = 0; d < 6; d++) {
                forecasts(h, d, "v1", balanced(d % 2 == 0 ? 4 : 4000));
                close(h, d);
            }
            assertTrue(h.extractOutputValues().isEmpty(), h.extractOutputValues().toString());
        }
    }

    @Test
    void featuresOfAnotherModelAreNotComparedWithThisReference() throws Exception {
        try (var h = opened(MODEL)) {
            for (int d = 0; d < 4; d++) {
                forecasts(h, d, "another", repeat(80, 20));
                close(h, d);
            }
            assertTrue(h.extractOutputValues().isEmpty());
        }
    }

    @Test
    void oneBadErrorDayIsNotDriftButASustainedRiseIs() throws Exception {
        try (var h = opened(MODEL)) {
            int d = 0;
            for (; d < 4; d++) {
                errors(h, d, repeat(10, 30)); // z = 0
                close(h, d);
            }
            errors(h, d, repeat(100, 30)); // z = 45, counts as 4: statistic 3.5
            close(h, d++);
            assertTrue(h.extractOutputValues().isEmpty(), "one bad day");
            errors(h, d, repeat(16, 30)); // z = 3: statistic 6.0, not above 6
            close(h, d++);
            assertTrue(h.extractOutputValues().isEmpty(), "6.0 is not above 6");
            errors(h, d, repeat(16, 30)); // 8.5
            close(h, d);
            List<DriftEvent> out = h.extractOutputValues();
            assertEquals(1, out.size(), out.toString());
            assertEquals(DriftEvent.ERROR, out.get(0).kind());
            assertEquals("page_hinkley", out.get(0).statistic());
            assertEquals(8.5, out.get(0).value(), 1e-9);
            assertEquals(6.0, out.get(0).threshold());
            assertEquals(LocalDate.ofEpochDay(D + d).toString(), out.get(0).businessDate());
        }
    }

    @Test
    void threeDaysOfAnEpisodeInAWeekTriggerARetrainingThenTheCoolDownHolds() throws Exception {
        try (var h = opened(MODEL)) {
            for (int d = 0; d < 2; d++) {
                forecasts(h, d, "v1", balanced(20));
                close(h, d);
            }
            for (int d = 2; d < 12; d++) {
                forecasts(h, d, "v1", repeat(80, 20));
                close(h, d);
            }
            List<DriftEvent> events = h.extractOutputValues();
            assertEquals(1, events.size(), "one episode, one event: " + events);
            assertEquals(LocalDate.ofEpochDay(D + 2).toString(), events.get(0).businessDate());
            var triggers = h.getSideOutput(Tags.RETRAIN_TRIGGERS);
            assertEquals(1, triggers.size(), "one trigger, then the cool-down: " + triggers);
            RetrainTrigger t = triggers.peek().getValue();
            assertEquals(LocalDate.ofEpochDay(D + 4).toString(), t.businessDate());
            assertEquals(3, t.signalDays());
            assertEquals("v1", t.modelVersion());
        }
    }

    @Test
    void theErrorTestAndTriggerEvidenceSurviveASnapshot() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = opened(MODEL)) {
            for (int d = 0; d < 2; d++) {
                errors(h, d, repeat(10, 30));
                close(h, d);
            }
            errors(h, 2, repeat(16, 30)); // statistic 2.5
            errors(h, 3, repeat(16, 30)); // still pending at the snapshot
            close(h, 2);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness()) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            h.processBroadcastWatermark(Long.MAX_VALUE - 1);
            assertEquals(
                    "v1",
                    h.getBroadcastState(serving().rosterDescriptor())
                            .get("roster")
                            .champion()
                            .version());
            close(h, 3); // 5.0
            errors(h, 4, repeat(16, 30)); // 7.5
            close(h, 4);
            List<DriftEvent> out = h.extractOutputValues();
            assertEquals(1, out.size(), out.toString());
            assertEquals(7.5, out.get(0).value(), 1e-9);
        }
    }

    @Test
    void aNewModelStartsTheErrorTestAfresh() throws Exception {
        try (var h = opened(MODEL)) {
            for (int d = 0; d < 2; d++) {
                errors(h, d, repeat(10, 30));
                close(h, d);
            }
            errors(h, 2, repeat(16, 30));
            errors(h, 3, repeat(16, 30));
            close(h, 3); // 5.0 under v1
            h.processBroadcastElement(command(withReference(MODEL, "v2")));
            errors(h, 4, repeat(16, 30)); // realized forecasts of v1: not v2's errors
            close(h, 4);
            assertTrue(h.extractOutputValues().isEmpty(), h.extractOutputValues().toString());
        }
    }

    @Test
    void ordinaryDaysJudgedOnTheForecastDistributionRaiseNothingButADropOpensOneEpisode()
            throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        try (var h = opened(PIT_MODEL)) {
            for (int d = 0; d < 150; d++) {
                forecasts(h, d, "v1", balanced(40));
                realized(h, d, 80, rnd);
                close(h, d);
            }
            assertEquals(List.of(), h.extractOutputValues(), "150 ordinary days");
            assertNull(h.getSideOutput(Tags.RETRAIN_TRIGGERS), "no retrain trigger");
            // The same operator is not deaf: pass rates falling to 40% are one episode.
            for (int d = 150; d < 160; d++) {
                forecasts(h, d, "v1", balanced(40));
                realized(h, d, 40, rnd);
                close(h, d);
            }
            List<DriftEvent> out = h.extractOutputValues();
            assertEquals(1, out.size(), out.toString());
            assertEquals(DriftEvent.ERROR, out.get(0).kind());
            assertEquals("pit_page_hinkley", out.get(0).statistic());
            assertTrue(
                    out.get(0).detail().startsWith("drift starts: pass rates below"),
                    out.get(0).detail());
            assertTrue(out.get(0).businessDate().compareTo(date(152)) <= 0, out.get(0).toString());
        }
    }

    @Test
    void anErrorEpisodeOpenAtASnapshotStaysOpenAfterTheRestoreAndClosesOnce() throws Exception {
        SplittableRandom rnd = new SplittableRandom(9);
        OperatorSubtaskState snapshot;
        String opened;
        try (var h = opened(PIT_MODEL)) {
            for (int d = 0; d < 6; d++) {
                realized(h, d, d < 2 ? 80 : 40, rnd); // warm-up, then the drop
                close(h, d);
            }
            List<DriftEvent> out = h.extractOutputValues();
            assertEquals(1, out.size(), out.toString());
            assertEquals(DriftEvent.ERROR, out.get(0).kind());
            assertEquals("pit_page_hinkley", out.get(0).statistic());
            opened = out.get(0).businessDate();
            realized(h, 6, 40, rnd); // still gathering at the snapshot
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = restored(snapshot)) {
            close(h, 6);
            for (int d = 7; d < 12; d++) {
                realized(h, d, 40, rnd);
                close(h, d);
            }
            assertEquals(List.of(), h.extractOutputValues(), "the episode is still open");
            for (int d = 12; d < 90; d++) {
                realized(h, d, 80, rnd);
                close(h, d);
            }
            List<DriftEvent> out = h.extractOutputValues();
            assertEquals(1, out.size(), out.toString());
            DriftEvent closing = out.get(0);
            assertEquals(DriftEvent.ERROR, closing.kind());
            assertEquals(DriftDetector.RECOVERED, closing.statistic());
            assertEquals("v1", closing.modelVersion());
            assertTrue(closing.detail().contains("since " + opened), closing.detail());
            assertTrue(closing.businessDate().compareTo(date(12)) > 0, closing.toString());
        }
    }

    @Test
    void aFeatureEpisodeOpenAtASnapshotStaysOpenAfterTheRestoreAndClosesAfterAQuietWeek()
            throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = opened(MODEL)) {
            for (int d = 0; d < 6; d++) {
                forecasts(h, d, "v1", d < 2 ? balanced(20) : repeat(80, 20));
                close(h, d);
            }
            List<DriftEvent> out = h.extractOutputValues();
            assertEquals(1, out.size(), out.toString());
            assertEquals(DriftEvent.FEATURE, out.get(0).kind());
            assertEquals("psi_share", out.get(0).statistic());
            assertEquals(date(2), out.get(0).businessDate());
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = restored(snapshot)) {
            for (int d = 6; d < 9; d++) {
                forecasts(h, d, "v1", repeat(80, 20));
                close(h, d);
            }
            assertEquals(List.of(), h.extractOutputValues(), "no second opening after the restore");
            // Seven judged days without feature drift close it (DriftSettings' default): D+9..D+15.
            for (int d = 9; d < 20; d++) {
                forecasts(h, d, "v1", balanced(20));
                close(h, d);
            }
            List<DriftEvent> out = h.extractOutputValues();
            assertEquals(1, out.size(), out.toString());
            assertEquals(DriftEvent.FEATURE, out.get(0).kind());
            assertEquals(DriftDetector.RECOVERED, out.get(0).statistic());
            assertEquals(date(15), out.get(0).businessDate());
            assertTrue(out.get(0).detail().contains("since " + date(2)), out.get(0).detail());
        }
    }

    @Test
    void aStateKeptWithoutEpisodesRestartsOnlyItsErrorTest() {
        // As a savepoint of a version that judged day by day restores it: a mean-error test
        // at 8 (above that version's alarm level), the trigger's evidence, no episodes.
        TriggerPolicy trigger = TriggerPolicy.START.record(D, true).record(D + 1, true);
        DriftDetector.State old =
                new DriftDetector.State("v1", D - 40, new PageHinkley(30, 22, 40), trigger);
        assertEquals(
                new DriftDetector.State("v1", D - 40, PageHinkley.START, trigger),
                DriftFunction.restored(old, null));
        assertSame(old, DriftFunction.restored(old, DriftEpisodes.start()), "kept by this version");
        assertEquals(DriftDetector.State.START, DriftFunction.restored(null, null));
    }
}
