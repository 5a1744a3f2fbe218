package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeriesTable;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void sameInputGivesSameModelText() {
        DailySeriesTable table = SyntheticData.table(5, 4, 120, 7);
        ForecastModel a = new Trainer(m -> {}).train(table.series(), table.records(), NOW);
        ForecastModel b = new Trainer(m -> {}).train(table.series(), table.records(), NOW);
        assertEquals(a.lightgbmModel(), b.lightgbmModel());
        assertEquals(a.version(), b.version());
        assertTrue(a.version().startsWith("20260102T030405678Z-"), a.version());
    }

    @Test
    void tooFewDatesIsOneClearError() {
        DailySeriesTable table = SyntheticData.table(2, 2, 6, 1);
        InputException e =
                assertThrows(
                        InputException.class,
                        () -> new Trainer(m -> {}).train(table.series(), table.records(), NOW));
        assertTrue(e.getMessage().startsWith("too little data to train"), e.getMessage());
    }

    @Test
    void forecastsTheExpectedValueNotTheMostLikelyOne() {
        // One series passing 80% of its executions, every day: L2 forecasts ~80, not 100.
        DailySeriesTable table = new DailySeriesTable();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
        for (int d = 0; d < 300; d++) {
            for (int e = 0; e < 5; e++) {
                table.add("ds", 101, 19_000 + d, rnd.nextDouble() < 0.8);
            }
        }
        ForecastModel m = new Trainer(x -> {}).train(table.series(), table.records(), NOW);
        try (com.dataquality.dqs.scoring.Scorer s = new com.dataquality.dqs.scoring.Scorer(m)) {
            double p = s.forecast(table.find("ds", 101).stateBefore(19_300), 19_300);
            assertEquals(80, p, 5);
        }
    }

    @Test
    void modelBeatsBaselinesOnSeriesWithWeeklyPattern() {
        DailySeriesTable table = SyntheticData.table(8, 5, 200, 11);
        ForecastModel m =
                new Trainer(System.err::println).train(table.series(), table.records(), NOW);
        Map<String, Metrics> metrics = m.holdoutMetrics();
        metrics.forEach((k, v) -> System.err.println(k + " " + v));
        Metrics model = metrics.get("model");
        for (String b : Baselines.NAMES) {
            assertTrue(model.mae() < metrics.get(b).mae(), b);
            assertTrue(model.rmse() < metrics.get(b).rmse(), b);
            assertEquals(model.rows(), metrics.get(b).rows());
        }
        assertTrue(model.mase() < 1);
    }
}
