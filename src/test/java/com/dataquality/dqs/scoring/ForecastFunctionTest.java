package com.dataquality.dqs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.format.PredictionCsv;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.TestModels;
import com.dataquality.dqs.parse.BusinessDates;
import com.dataquality.dqs.record.Anomaly;
import com.dataquality.dqs.record.DailyCounts;
import com.dataquality.dqs.record.Forecast;
import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelRole;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.stream.DayCloses;
import com.dataquality.dqs.stream.Tags;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The forecast function with both of its inputs: series days and model commands. Days are closed by
 * pushing watermarks; assertions look at output, keyed state and broadcast state. Restores are
 * tested the way they happen: a snapshot, a fresh harness, the same run (a failover) or a new run
 * (a resubmission from a savepoint).
 */
class ForecastFunctionTest {

    private static final int START = (int) LocalDate.of(2024, 3, 1).toEpochDay();
    private static final String DATASET = "ds-1";
    private static final int RULE = 100;
    private static final String RUN = "run-1";

    private static KeyedBroadcastOperatorTestHarness<
                    String, DailyCounts, ModelCommand, PredictionRow>
            harness(ForecastModel initial, String run) throws Exception {
        return harness(initial, run, ForecastSettings.DEFAULTS);
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, DailyCounts, ModelCommand, PredictionRow>
            harness(ForecastModel initial, String run, ForecastSettings settings) throws Exception {
        ServingModels serving =
                new ServingModels(
                        "model-roster",
                        "model",
                        initial == null ? null : served(initial),
                        run,
                        json -> json);
        ForecastFunction f = new ForecastFunction(serving, settings);
        List<MapStateDescriptor<?, ?>> descriptors = Arrays.asList(f.broadcastDescriptors());
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(f, descriptors),
                DailyCounts::seriesKey,
                Types.STRING,
                128,
                1,
                0);
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, DailyCounts, ModelCommand, PredictionRow>
            harness() throws Exception {
        return harness(null, RUN);
    }

    private static ServedModel served(ForecastModel m) {
        return new ServedModel(
                m.version(), "test:" + m.version(), ModelRole.CHAMPION, 0, ModelFile.toBytes(m));
    }

    /** Opens the harness with the model input out of the way, as idle live sources are. */
    private static void open(
            KeyedBroadcastOperatorTestHarness<String, DailyCounts, ModelCommand, PredictionRow> h)
            throws Exception {
        h.open();
        h.processBroadcastWatermark(Long.MAX_VALUE);
    }

    private static StreamRecord<ModelCommand> swap(ForecastModel m) {
        return new StreamRecord<>(
                ModelCommand.champion(m.version(), "test:" + m.version(), ModelFile.toBytes(m)));
    }

    private static DailyCounts day(int offset, int passes, int fails) {
        return new DailyCounts(
                "src",
                "t",
                DATASET,
                "name",
                RULE,
                START + offset,
                passes,
                fails,
                0,
                offset,
                null,
                null,
                "");
    }

    private static void push(
            KeyedBroadcastOperatorTestHarness<String, DailyCounts, ModelCommand, PredictionRow> h,
            DailyCounts c)
            throws Exception {
        h.processElement(new StreamRecord<>(c, c.eventTimeMillis()));
    }

    private static void close(
            KeyedBroadcastOperatorTestHarness<String, DailyCounts, ModelCommand, PredictionRow> h,
            int offset)
            throws Exception {
        h.processWatermark(DayCloses.endOfDay(START + offset));
    }

    private static List<Forecast> forecasts(
            KeyedBroadcastOperatorTestHarness<String, DailyCounts, ModelCommand, PredictionRow> h) {
        return h.extractOutputValues().stream()
                .filter(r -> !r.realized())
                .map(PredictionRow::forecast)
                .toList();
    }

    private static List<PredictionRow> realized(
            KeyedBroadcastOperatorTestHarness<String, DailyCounts, ModelCommand, PredictionRow> h) {
        return h.extractOutputValues().stream().filter(PredictionRow::realized).toList();
    }

    private static List<Integer> days(List<Forecast> forecasts) {
        return forecasts.stream().map(f -> f.day() - START).toList();
    }

    @Test
    void withoutAModelItKeepsHistoryAndForecastsOnceOneArrives() throws Exception {
        try (var h = harness()) {
            open(h);
            push(h, day(0, 8, 2));
            push(h, day(1, 9, 1));
            close(h, 0);
            assertTrue(h.extractOutputValues().isEmpty(), "no model, no forecast");
            assertEquals(1, h.numEventTimeTimers(), "but the series waits for its next day");

            h.processBroadcastElement(swap(TestModels.small()));
            close(h, 1);
            List<Forecast> out = forecasts(h);
            assertEquals(List.of(2), days(out));
            assertEquals(TestModels.small().version(), out.get(0).modelVersion());
            assertEquals(ModelRole.CHAMPION, out.get(0).modelRole());
        }
    }

    @Test
    void theModelARunStartsWithServesFromTheFirstClose() throws Exception {
        ForecastModel initial = TestModels.small();
        try (var h = harness(initial, RUN)) {
            open(h);
            push(h, day(0, 8, 2));
            push(h, day(1, 8, 2));
            close(h, 1);
            List<Forecast> out = forecasts(h);
            assertEquals(List.of(1, 2), days(out));
            assertTrue(out.stream().allMatch(f -> f.modelVersion().equals(initial.version())));
        }
    }

    @Test
    void recordsReadOutOfDateOrderStillGetEveryDayForecast() throws Exception {
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            push(h, day(2, 8, 2)); // a later day's file was read first
            push(h, day(0, 8, 2));
            push(h, day(1, 8, 2));
            push(h, day(3, 8, 2));
            close(h, 2);
            assertEquals(List.of(1, 2, 3), days(forecasts(h)));
        }
    }

    @Test
    void forecastsTheNextDayThenReportsItsRealizedError() throws Exception {
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            push(h, day(0, 8, 2));
            close(h, 0);
            Forecast forecast = forecasts(h).get(0);
            assertEquals(1, forecast.day() - START);
            assertFalse(forecast.late());
            assertTrue(
                    forecast.predictedPassPercentage() >= 0
                            && forecast.predictedPassPercentage() <= 100);

            push(h, day(1, 3, 1));
            close(h, 1);
            List<PredictionRow> out = h.extractOutputValues();
            assertEquals(3, out.size(), out.toString());
            PredictionRow realized = out.get(1);
            assertEquals(forecast, realized.forecast());
            assertEquals(75.0, realized.actualPassPercentage());
            assertEquals(Math.abs(forecast.predictedPassPercentage() - 75.0), realized.absError());
            assertEquals(2, out.get(2).forecast().day() - START);
        }
    }

    @Test
    void theLastSupportedDayIsForecastForADayThatCanBeWritten() throws Exception {
        int last = (int) BusinessDates.LAST.toEpochDay();
        DailyCounts c =
                new DailyCounts(
                        "src", "t", DATASET, "name", RULE, last, 8, 2, 0, 0, null, null, "");
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            push(h, c);
            h.processWatermark(DayCloses.endOfDay(last));
            Forecast f = forecasts(h).get(0);
            assertEquals("9999-12-31", f.businessDate());
            assertTrue(PredictionCsv.line(f).startsWith("ds-1,100,9999-12-31,"));
        }
    }

    @Test
    void streamingForecastsEqualThePredictPathBitForBit() throws Exception {
        ForecastModel model = TestModels.small();
        DailySeriesTable table = new DailySeriesTable();
        int[][] counts = {{8, 2}, {9, 1}, {0, 0}, {5, 5}, {10, 0}, {7, 3}, {6, 4}, {9, 1}, {2, 8}};
        try (var h = harness(model, RUN);
                Scorer scorer = new Scorer(model)) {
            open(h);
            for (int i = 0; i < counts.length; i++) {
                if (counts[i][0] + counts[i][1] == 0) {
                    continue; // a missing day
                }
                push(h, day(i, counts[i][0], counts[i][1]));
                table.addDay(DATASET, RULE, START + i, counts[i][0] + counts[i][1], counts[i][0]);
            }
            close(h, counts.length - 1);
            DailySeries series = table.find(DATASET, RULE);
            List<Forecast> out = forecasts(h);
            assertEquals(counts.length, out.size(), out.toString());
            for (Forecast f : out) {
                double expected =
                        scorer.predict(
                                scorer.extractor().extract(series.stateBefore(f.day()), f.day()));
                assertEquals(expected, f.predictedPassPercentage(), 0.0, f.businessDate());
            }
        }
    }

    @Test
    void aSwappedModelServesLaterForecastsWithNoneLostOrDoubled() throws Exception {
        ForecastModel v2 = TestModels.withVersion(TestModels.small(), "test-v2");
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            push(h, day(0, 8, 2));
            close(h, 0);
            h.processBroadcastElement(swap(v2));
            assertEquals(
                    "test-v2",
                    h.getBroadcastState(rosterDescriptor()).get("roster").champion().version());
            push(h, day(1, 8, 2));
            push(h, day(2, 8, 2));
            close(h, 2);
            List<Forecast> out = forecasts(h);
            assertEquals(List.of(1, 2, 3), days(out));
            assertEquals(TestModels.small().version(), out.get(0).modelVersion());
            assertEquals("test-v2", out.get(1).modelVersion());
            assertEquals("test-v2", out.get(2).modelVersion());
        }
    }

    @Test
    void aModelThatDoesNotLoadIsSkippedAndTheOthersServe() throws Exception {
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            // Validation happens upstream; a command whose model LightGBM still refuses (or that
            // cannot be parsed) must not stop the task: it serves nothing, the rest serve.
            h.processBroadcastElement(
                    new StreamRecord<>(
                            new ModelCommand(
                                    ModelCommand.Action.SERVE,
                                    "garbage",
                                    "garbage",
                                    ModelRole.CHALLENGER,
                                    0,
                                    "{not a model".getBytes(StandardCharsets.UTF_8))));
            push(h, day(0, 8, 2));
            close(h, 0);
            List<PredictionRow> out = h.extractOutputValues();
            assertEquals(1, out.size(), out.toString());
            assertEquals(TestModels.small().version(), out.get(0).forecast().modelVersion());
        }
    }

    @Test
    void aFailoverKeepsTheLiveSwapAndAResubmissionWithAModelReplacesIt() throws Exception {
        ForecastModel v1 = TestModels.small();
        ForecastModel v2 = TestModels.withVersion(v1, "test-v2");
        ForecastModel v3 = TestModels.withVersion(v1, "test-v3");
        OperatorSubtaskState snapshot;
        try (var h = harness(v1, RUN)) {
            open(h);
            push(h, day(0, 8, 2));
            close(h, 0);
            h.processBroadcastElement(swap(v2));
            snapshot = h.snapshot(1L, 1L);
        }
        // The same run restarts (its job graph, --model v1 included, is the same): v2 stays.
        try (var h = harness(v1, RUN)) {
            h.setup();
            h.initializeState(snapshot);
            open(h);
            push(h, day(1, 8, 2));
            close(h, 1);
            assertEquals("test-v2", forecasts(h).get(0).modelVersion());
        }
        // A new run from the savepoint with --model v3: v3 replaces the restored champion.
        try (var h = harness(v3, "run-2")) {
            h.setup();
            h.initializeState(snapshot);
            open(h);
            push(h, day(1, 8, 2));
            close(h, 1);
            assertEquals("test-v3", forecasts(h).get(0).modelVersion());
        }
        // A new run without --model: the restored champion serves.
        try (var h = harness(null, "run-3")) {
            h.setup();
            h.initializeState(snapshot);
            open(h);
            push(h, day(1, 8, 2));
            close(h, 1);
            assertEquals("test-v2", forecasts(h).get(0).modelVersion());
        }
    }

    @Test
    void aRestoreNeverReopensAClosedDayNorForecastsADayTwice() throws Exception {
        OperatorSubtaskState snapshot;
        List<PredictionRow> before;
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            push(h, day(0, 8, 2));
            push(h, day(1, 8, 2));
            push(h, day(2, 8, 2));
            close(h, 2);
            before = new ArrayList<>(h.extractOutputValues());
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(TestModels.small(), RUN)) {
            h.setup();
            h.initializeState(snapshot);
            open(h);
            // A restored task sees the minimum watermark until the first new one arrives;
            // records of closed days that reach it now are late, not open again.
            push(h, day(1, 1, 1));
            push(h, day(2, 1, 1));
            push(h, day(3, 8, 2));
            close(h, 3);
            List<Forecast> all = new ArrayList<>();
            before.stream().filter(r -> !r.realized()).forEach(r -> all.add(r.forecast()));
            all.addAll(forecasts(h));
            assertEquals(List.of(1, 2, 3, 4), days(all), "each day forecast exactly once");
            List<PredictionRow> realizedDays = new ArrayList<>(realized(h));
            before.stream().filter(PredictionRow::realized).forEach(realizedDays::add);
            assertEquals(
                    List.of(1, 2, 3),
                    realizedDays.stream().map(r -> r.forecast().day() - START).sorted().toList(),
                    "each day realized at most once");
        }
    }

    @Test
    void aLateRecordThatWakesADormantSeriesGetsItsDaysForecastMarkedLate() throws Exception {
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            push(h, day(0, 8, 2));
            close(h, 20); // dormant after day 7: forecasts of days 1..7, then nothing
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), days(forecasts(h)));
            h.getOutput().clear();
            push(h, day(12, 5, 5)); // late: the series closed through day 20 for the job
            h.setProcessingTime(h.getProcessingTime() + 5_000);
            List<Forecast> late = forecasts(h);
            assertEquals(List.of(13, 14, 15, 16, 17, 18, 19), days(late));
            assertTrue(late.stream().allMatch(Forecast::late));
            push(h, day(15, 1, 0)); // realizes the late forecast of day 15 at once
            h.setProcessingTime(h.getProcessingTime() + 5_000);
            assertEquals(
                    List.of(15),
                    realized(h).stream().map(r -> r.forecast().day() - START).toList());
        }
    }

    @Test
    void aDayThatClosedWithoutExecutionsIsRealizedOnceByLateRecords() throws Exception {
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            push(h, day(0, 8, 2));
            close(h, 1); // day 1 closes empty: its forecast waits
            assertEquals(List.of(1, 2), days(forecasts(h)));
            assertTrue(realized(h).isEmpty());
            push(h, day(1, 1, 3)); // late
            push(h, day(1, 1, 0)); // more late records of the same day: no second realization
            List<PredictionRow> r = realized(h);
            assertEquals(1, r.size(), r.toString());
            assertEquals(25.0, r.get(0).actualPassPercentage());
        }
    }

    @Test
    void aDormantSeriesStopsBeingForecastAWeekAfterItsLastObservation() throws Exception {
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            push(h, day(0, 8, 2));
            close(h, 100);
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), days(forecasts(h)));
            assertEquals(0, h.numEventTimeTimers(), "no timer keeps a dormant series alive");
        }
    }

    @Test
    void atTheEndOfInputTheLastForecastIsForTheDayAfterTheLastObservation() throws Exception {
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            push(h, day(0, 8, 2));
            push(h, day(3, 8, 2));
            h.processWatermark(Long.MAX_VALUE);
            assertEquals(List.of(1, 2, 3, 4), days(forecasts(h)));
            assertEquals(0, h.numEventTimeTimers());
        }
    }

    private static List<Anomaly> anomalies(
            KeyedBroadcastOperatorTestHarness<String, DailyCounts, ModelCommand, PredictionRow> h) {
        var side = h.getSideOutput(Tags.ANOMALIES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    /** Days 0..9 pass 9 of 10 executions, each closed: a steady series with its forecasts. */
    private static void steadyDays(
            KeyedBroadcastOperatorTestHarness<String, DailyCounts, ModelCommand, PredictionRow> h)
            throws Exception {
        for (int d = 0; d < 10; d++) {
            push(h, day(d, 9, 1));
            close(h, d);
        }
    }

    @Test
    void aDayFarOutsideItsForecastIsOneAnomalyAndOrdinaryDaysNone() throws Exception {
        assertTrue(TestModels.small().distribution() != null, "the test model has a distribution");
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            steadyDays(h);
            assertEquals(List.of(), anomalies(h), "a steady series is not abnormal");
            Forecast f = forecasts(h).get(forecasts(h).size() - 1);
            assertEquals(10, f.day() - START);
            assertTrue(f.predictedLower() < f.predictedMedian(), f.toString());

            push(h, day(10, 0, 10));
            close(h, 10);
            List<Anomaly> got = anomalies(h);
            assertEquals(1, got.size(), got.toString());
            Anomaly a = got.get(0);
            assertEquals(START + 10, a.day());
            assertEquals(DATASET, a.datasetUuid());
            assertEquals(RULE, a.ruleCode());
            assertEquals("below", a.direction());
            // 0 of 10 is outside the 99% interval of this model's wide distribution, not the
            // 99.9% one: a warning (the model learned incidents: its days vary a lot).
            assertEquals("warning", a.severity(), a.toString());
            assertEquals(0.0, a.actualPassPercentage());
            assertEquals(10, a.executions());
            assertEquals(0, a.passes());
            assertEquals(0.99, a.intervalLevel());
            assertEquals(1, a.windowDays());
            assertTrue(a.predictedLower() > 0 && a.predictedUpper() <= 100, a.toString());
            assertTrue(a.tailProbability() < 0.005, a.toString());
            assertEquals(f.modelVersion(), a.modelVersion());

            // The next ordinary day is not one.
            push(h, day(11, 9, 1));
            close(h, 11);
            assertEquals(1, anomalies(h).size());
        }
    }

    @Test
    void twoLowDaysInARowAreOneAnomalyWhereNeitherIsAlone() throws Exception {
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            steadyDays(h);
            push(h, day(10, 0, 5));
            close(h, 10);
            assertEquals(
                    List.of(), anomalies(h), "0 of 5 alone is inside this model's wide interval");
            push(h, day(11, 0, 5));
            close(h, 11);
            List<Anomaly> got = anomalies(h);
            assertEquals(1, got.size(), got.toString());
            Anomaly a = got.get(0);
            assertEquals(START + 11, a.day());
            assertEquals(2, a.windowDays());
            assertEquals(10, a.executions());
            assertEquals(0, a.passes());
            assertEquals(0.0, a.actualPassPercentage());
            assertEquals("below", a.direction());
            assertTrue(a.actualPassPercentage() < a.predictedLower(), a.toString());
            // The third low day follows an anomaly: judged alone, and 0 of 5 alone is not one.
            push(h, day(12, 0, 5));
            close(h, 12);
            assertEquals(1, anomalies(h).size(), anomalies(h).toString());
        }
    }

    @Test
    void theDayBeforeIsRememberedThroughARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            steadyDays(h);
            push(h, day(10, 0, 5));
            close(h, 10);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(TestModels.small(), RUN)) {
            h.setup();
            h.initializeState(snapshot);
            open(h);
            push(h, day(11, 0, 5));
            close(h, 11);
            List<Anomaly> got = anomalies(h);
            assertEquals(1, got.size(), got.toString());
            assertEquals(2, got.get(0).windowDays());
        }
    }

    @Test
    void aDayOfManyExecutionsAllFailingIsCritical() throws Exception {
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            steadyDays(h);
            push(h, day(10, 0, 60));
            close(h, 10);
            List<Anomaly> got = anomalies(h);
            assertEquals(1, got.size(), got.toString());
            assertEquals("critical", got.get(0).severity(), got.toString());
            assertEquals(60, got.get(0).executions());
            assertTrue(got.get(0).tailProbability() < 0.0005, got.toString());
        }
    }

    @Test
    void theAnomalyLevelDecidesWhatIsAbnormalAndAMildDipIsAWarningAtMost() throws Exception {
        // One pass of ten after a steady 90%: below any reasonable interval; at 0.5 level a
        // day at 70% is outside too, at the default 0.99 it is not.
        List<Integer> flagged = new ArrayList<>();
        for (double level : new double[] {0.5, 0.99}) {
            try (var h = harness(TestModels.small(), RUN, new ForecastSettings(0.9, level))) {
                open(h);
                steadyDays(h);
                push(h, day(10, 7, 3));
                close(h, 10);
                flagged.add(anomalies(h).size());
            }
        }
        assertTrue(flagged.get(0) >= flagged.get(1), flagged.toString());
        assertEquals(0, flagged.get(1), "70% after a steady 90% of 10 executions is ordinary");
    }

    @Test
    void anAnomalyIsJudgedOnceThroughARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(TestModels.small(), RUN)) {
            open(h);
            steadyDays(h);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(TestModels.small(), RUN)) {
            h.setup();
            h.initializeState(snapshot);
            open(h);
            push(h, day(10, 0, 10));
            close(h, 10);
            // A late record of the same closed day, after the restore: realized once, judged once.
            push(h, day(10, 0, 1));
            close(h, 11);
            List<Anomaly> got = anomalies(h);
            assertEquals(1, got.size(), got.toString());
            assertEquals(START + 10, got.get(0).day());
        }
    }

    private static MapStateDescriptor<String, ModelRoster> rosterDescriptor() {
        return new ServingModels("model-roster", "model", null, RUN, json -> json)
                .rosterDescriptor();
    }
}
