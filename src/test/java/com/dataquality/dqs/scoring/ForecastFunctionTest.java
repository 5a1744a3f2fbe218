package com.dataquality.dqs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.format.PredictionCsv;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.TestModels;
import com.dataquality.dqs.parse.BusinessDates;
import com.dataquality.dqs.record.DailyCounts;
import com.dataquality.dqs.record.ModelUpdate;
import com.dataquality.dqs.record.Prediction;
import com.dataquality.dqs.stream.DayCloses;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The forecast function with both of its inputs: series days and model updates. Days are closed by
 * pushing watermarks; assertions look at output, keyed state and broadcast state.
 */
class ForecastFunctionTest {

    private static final int START = (int) LocalDate.of(2024, 3, 1).toEpochDay();
    private static final String DATASET = "ds-1";
    private static final int RULE = 100;

    private static KeyedBroadcastOperatorTestHarness<String, DailyCounts, ModelUpdate, Prediction>
            harness() throws Exception {
        return harness(false);
    }

    private static KeyedBroadcastOperatorTestHarness<String, DailyCounts, ModelUpdate, Prediction>
            harness(boolean awaitInitialModel) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new ForecastFunction(awaitInitialModel),
                        List.of(ForecastFunction.MODEL_STATE)),
                DailyCounts::seriesKey,
                Types.STRING,
                128,
                1,
                0);
    }

    /** Opens the harness with the model input out of the way, as idle live sources are. */
    private static void open(
            KeyedBroadcastOperatorTestHarness<String, DailyCounts, ModelUpdate, Prediction> h)
            throws Exception {
        h.open();
        h.processBroadcastWatermark(Long.MAX_VALUE);
    }

    private static ModelUpdate update(ForecastModel m) {
        return new ModelUpdate("test:" + m.version(), ModelFile.toBytes(m));
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
            KeyedBroadcastOperatorTestHarness<String, DailyCounts, ModelUpdate, Prediction> h,
            DailyCounts c)
            throws Exception {
        h.processElement(new StreamRecord<>(c, c.eventTimeMillis()));
    }

    private static void close(
            KeyedBroadcastOperatorTestHarness<String, DailyCounts, ModelUpdate, Prediction> h,
            int offset)
            throws Exception {
        h.processWatermark(DayCloses.endOfDay(START + offset));
    }

    private static String date(int offset) {
        return LocalDate.ofEpochDay(START + offset).toString();
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

            h.processBroadcastElement(new StreamRecord<>(update(TestModels.small())));
            close(h, 1);
            List<Prediction> out = h.extractOutputValues();
            assertEquals(1, out.size(), out.toString());
            assertEquals(date(2), out.get(0).businessDate());
            assertEquals(TestModels.small().version(), out.get(0).modelVersion());
        }
    }

    @Test
    void daysWaitForTheInitialModelSoNoForecastIsLostOrMadeByAnother() throws Exception {
        try (var h = harness(true)) {
            open(h);
            h.processBroadcastElement(
                    new StreamRecord<>(
                            update(TestModels.withVersion(TestModels.small(), "restored"))));
            push(h, day(0, 8, 2));
            push(h, day(1, 8, 2));
            close(h, 1);
            assertTrue(h.extractOutputValues().isEmpty(), "the run's own model has not arrived");
            ForecastModel initial = TestModels.small();
            h.processBroadcastElement(
                    new StreamRecord<>(
                            new ModelUpdate("initial", ModelFile.toBytes(initial), true)));
            push(h, day(2, 8, 2));
            close(h, 2);
            // The deferred close is retried on processing time, not on the next watermark.
            h.setProcessingTime(h.getProcessingTime() + 1_000);
            List<Prediction> forecasts =
                    h.extractOutputValues().stream().filter(p -> !p.isRealized()).toList();
            assertEquals(
                    List.of(date(1), date(2), date(3)),
                    forecasts.stream().map(Prediction::businessDate).toList());
            assertTrue(
                    forecasts.stream().allMatch(p -> p.modelVersion().equals(initial.version())));
        }
    }

    @Test
    void recordsReadOutOfDateOrderStillGetEveryDayForecast() throws Exception {
        try (var h = harness()) {
            open(h);
            h.processBroadcastElement(new StreamRecord<>(update(TestModels.small())));
            push(h, day(2, 8, 2)); // a later day's file was read first
            push(h, day(0, 8, 2));
            push(h, day(1, 8, 2));
            push(h, day(3, 8, 2));
            close(h, 2);
            List<Prediction> forecasts =
                    h.extractOutputValues().stream().filter(p -> !p.isRealized()).toList();
            assertEquals(
                    List.of(date(1), date(2), date(3)),
                    forecasts.stream().map(Prediction::businessDate).toList());
        }
    }

    @Test
    void forecastsTheNextDayThenReportsItsRealizedError() throws Exception {
        try (var h = harness()) {
            open(h);
            h.processBroadcastElement(new StreamRecord<>(update(TestModels.small())));
            push(h, day(0, 8, 2));
            close(h, 0);
            Prediction forecast = h.extractOutputValues().get(0);
            assertEquals(date(1), forecast.businessDate());
            assertNull(forecast.actualPassPercentage());
            assertTrue(
                    forecast.predictedPassPercentage() >= 0
                            && forecast.predictedPassPercentage() <= 100);

            push(h, day(1, 3, 1));
            close(h, 1);
            List<Prediction> out = h.extractOutputValues();
            assertEquals(3, out.size(), out.toString());
            Prediction realized = out.get(1);
            assertEquals(date(1), realized.businessDate());
            assertEquals(75.0, realized.actualPassPercentage());
            assertEquals(Math.abs(forecast.predictedPassPercentage() - 75.0), realized.absError());
            assertEquals(forecast.predictedPassPercentage(), realized.predictedPassPercentage());
            assertEquals(date(2), out.get(2).businessDate());
        }
    }

    @Test
    void theLastSupportedDayIsForecastForADayThatCanBeWritten() throws Exception {
        int last = (int) BusinessDates.LAST.toEpochDay();
        DailyCounts c =
                new DailyCounts(
                        "src", "t", DATASET, "name", RULE, last, 8, 2, 0, 0, null, null, "");
        try (var h = harness()) {
            open(h);
            h.processBroadcastElement(new StreamRecord<>(update(TestModels.small())));
            push(h, c);
            h.processWatermark(DayCloses.endOfDay(last));
            Prediction p = h.extractOutputValues().get(0);
            assertEquals("9999-12-31", p.businessDate());
            assertTrue(PredictionCsv.line(p).startsWith("ds-1,100,9999-12-31,"));
        }
    }

    @Test
    void streamingForecastsEqualThePredictPathBitForBit() throws Exception {
        ForecastModel model = TestModels.small();
        DailySeriesTable table = new DailySeriesTable();
        int[][] counts = {{8, 2}, {9, 1}, {0, 0}, {5, 5}, {10, 0}, {7, 3}, {6, 4}, {9, 1}, {2, 8}};
        try (var h = harness();
                Scorer scorer = new Scorer(model)) {
            open(h);
            h.processBroadcastElement(new StreamRecord<>(update(model)));
            for (int i = 0; i < counts.length; i++) {
                if (counts[i][0] + counts[i][1] == 0) {
                    continue; // a missing day
                }
                push(h, day(i, counts[i][0], counts[i][1]));
                for (int k = 0; k < counts[i][0] + counts[i][1]; k++) {
                    table.add(DATASET, RULE, START + i, k < counts[i][0]);
                }
            }
            close(h, counts.length - 1);
            DailySeries series = table.find(DATASET, RULE);
            List<Prediction> forecasts =
                    h.extractOutputValues().stream().filter(p -> !p.isRealized()).toList();
            assertEquals(counts.length, forecasts.size(), forecasts.toString());
            for (Prediction p : forecasts) {
                int target = (int) LocalDate.parse(p.businessDate()).toEpochDay();
                double expected =
                        scorer.predict(
                                scorer.extractor()
                                        .extract(
                                                series.historyBefore(target),
                                                target,
                                                DATASET,
                                                RULE));
                assertEquals(expected, p.predictedPassPercentage(), 0.0, p.businessDate());
            }
        }
    }

    @Test
    void aSwappedModelServesLaterForecastsWithNoneLostOrDoubled() throws Exception {
        ForecastModel v2 = TestModels.withVersion(TestModels.small(), "test-v2");
        try (var h = harness()) {
            open(h);
            h.processBroadcastElement(new StreamRecord<>(update(TestModels.small())));
            push(h, day(0, 8, 2));
            close(h, 0);
            h.processBroadcastElement(new StreamRecord<>(update(v2)));
            assertEquals(
                    "test-v2",
                    h.getBroadcastState(ForecastFunction.MODEL_STATE).get("active").version());
            push(h, day(1, 8, 2));
            push(h, day(2, 8, 2));
            close(h, 2);
            List<Prediction> forecasts =
                    h.extractOutputValues().stream().filter(p -> !p.isRealized()).toList();
            assertEquals(
                    List.of(date(1), date(2), date(3)),
                    forecasts.stream().map(Prediction::businessDate).toList());
            assertEquals(TestModels.small().version(), forecasts.get(0).modelVersion());
            assertEquals("test-v2", forecasts.get(1).modelVersion());
            assertEquals("test-v2", forecasts.get(2).modelVersion());
        }
    }

    @Test
    void aCorruptModelIsRejectedAndThePreviousOneKeepsServing() throws Exception {
        try (var h = harness()) {
            open(h);
            h.processBroadcastElement(new StreamRecord<>(update(TestModels.small())));
            h.processBroadcastElement(
                    new StreamRecord<>(
                            new ModelUpdate(
                                    "garbage", "{not a model".getBytes(StandardCharsets.UTF_8))));
            ForecastModel badText = TestModels.withVersion(TestModels.small(), "bad-text");
            badText =
                    new ForecastModel(
                            badText.format(),
                            badText.version(),
                            badText.createdAt(),
                            badText.features(),
                            badText.categoricalFeatures(),
                            badText.vocabularies(),
                            badText.training(),
                            badText.holdoutMetrics(),
                            badText.driftReference(),
                            "tree\nnot lightgbm");
            h.processBroadcastElement(
                    new StreamRecord<>(new ModelUpdate("bad", ModelFile.toBytes(badText))));
            assertEquals(
                    TestModels.small().version(),
                    h.getBroadcastState(ForecastFunction.MODEL_STATE).get("active").version());
            push(h, day(0, 8, 2));
            close(h, 0);
            assertEquals(
                    TestModels.small().version(), h.extractOutputValues().get(0).modelVersion());
        }
    }

    @Test
    void keyedAndBroadcastStateSurviveASnapshot() throws Exception {
        OperatorSubtaskState snapshot;
        Prediction forecastOfDay1;
        try (var h = harness()) {
            open(h);
            h.processBroadcastElement(new StreamRecord<>(update(TestModels.small())));
            push(h, day(0, 8, 2));
            close(h, 0);
            forecastOfDay1 = h.extractOutputValues().get(0);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness()) {
            h.setup();
            h.initializeState(snapshot);
            open(h);
            assertEquals(
                    TestModels.small().version(),
                    h.getBroadcastState(ForecastFunction.MODEL_STATE).get("active").version());
            push(h, day(1, 1, 1));
            close(h, 1);
            List<Prediction> out = h.extractOutputValues();
            assertEquals(2, out.size(), out.toString());
            assertEquals(
                    forecastOfDay1.realized(50.0), out.get(0), "the pending forecast was restored");
            assertEquals(date(2), out.get(1).businessDate());
        }
    }

    @Test
    void aLateRecordNeverReforecastsAClosedDay() throws Exception {
        try (var h = harness()) {
            open(h);
            h.processBroadcastElement(new StreamRecord<>(update(TestModels.small())));
            push(h, day(0, 8, 2));
            push(h, day(1, 8, 2));
            close(h, 1);
            int before = h.extractOutputValues().size();
            push(h, day(0, 1, 1)); // late: day 0 closed
            close(h, 1);
            assertEquals(before, h.extractOutputValues().size());
            push(h, day(2, 8, 2));
            close(h, 2);
            List<Prediction> forecasts =
                    h.extractOutputValues().stream().filter(p -> !p.isRealized()).toList();
            assertEquals(
                    List.of(date(1), date(2), date(3)),
                    forecasts.stream().map(Prediction::businessDate).toList());
        }
    }

    @Test
    void atTheEndOfInputTheLastForecastIsForTheDayAfterTheLastObservation() throws Exception {
        try (var h = harness()) {
            open(h);
            h.processBroadcastElement(new StreamRecord<>(update(TestModels.small())));
            push(h, day(0, 8, 2));
            push(h, day(3, 8, 2));
            h.processWatermark(Long.MAX_VALUE);
            List<String> forecastDays =
                    h.extractOutputValues().stream()
                            .filter(p -> !p.isRealized())
                            .map(Prediction::businessDate)
                            .toList();
            assertEquals(List.of(date(1), date(2), date(3), date(4)), forecastDays);
            assertEquals(0, h.numEventTimeTimers());
        }
    }
}
