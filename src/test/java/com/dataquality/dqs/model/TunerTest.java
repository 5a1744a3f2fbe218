package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.features.DailySeriesTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code train-model --tune}: a time-aware search that never reports worse than the default. */
class TunerTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static DailySeriesTable table;
    private static ForecastModel plain;
    private static ForecastModel tuned;

    @BeforeAll
    static void train() {
        table = SyntheticData.table(8, 5, 200, 11);
        plain = new Trainer(m -> {}).train(table.series(), table.records(), NOW);
        tuned =
                new Trainer(
                                System.err::println,
                                Trainer.Options.DEFAULTS.withTuning(Duration.ofSeconds(4)))
                        .train(table.series(), table.records(), NOW);
    }

    @Test
    void theDefaultParametersAreTheFirstCandidateAndTheWinnerHasTheLowestValidationError() {
        Tuning t = tuned.tuning();
        assertNull(plain.tuning());
        assertTrue(t.trials().size() >= 1, "the default always runs");
        for (String key : Tuner.tunedNames()) {
            assertEquals(
                    Trainer.defaultParameters().get(key),
                    t.trials().get(0).parameters().get(key),
                    key);
        }
        double best =
                t.trials().stream().mapToDouble(Tuning.Trial::validationRmse).min().orElseThrow();
        assertEquals(best, t.trials().get(t.winner()).validationRmse());
        assertTrue(t.seconds() < 4 + 30, "the budget bounds the search: " + t.seconds());
    }

    @Test
    void foldsAreRollingOriginsBeforeTheHoldoutNeverShuffledNeverTheHoldout() {
        Tuning t = tuned.tuning();
        LocalDate holdout = LocalDate.parse(tuned.training().holdoutFrom());
        assertEquals(Tuner.FOLDS, t.folds().size());
        LocalDate previous = LocalDate.MIN;
        int previousFit = 0;
        for (Tuning.Fold f : t.folds()) {
            LocalDate from = LocalDate.parse(f.validationFrom());
            assertTrue(from.isAfter(previous), "origins move forward");
            assertTrue(LocalDate.parse(f.validationTo()).isBefore(holdout), f.toString());
            assertTrue(f.fitRows() > previousFit, "each fold fits on everything before its origin");
            previous = from;
            previousFit = f.fitRows();
        }
    }

    @Test
    void aTunedModelNeverReportsWorseHoldoutFiguresThanTheDefault() {
        Tuning t = tuned.tuning();
        Metrics def = plain.holdoutMetrics().get("model");
        Metrics got = tuned.holdoutMetrics().get("model");
        assertEquals(def.rmse(), t.defaultHoldout().rmse(), 1e-12, "the same default recipe");
        assertTrue(got.rmse() <= def.rmse(), got + " vs " + def);
        assertTrue(got.mae() <= def.mae(), got + " vs " + def);
        if (t.kept().equals("winner")) {
            assertEquals(t.winnerHoldout().rmse(), got.rmse(), 1e-12);
            assertTrue(t.winnerHoldout().rmse() <= t.defaultHoldout().rmse());
        } else {
            assertEquals(plain.lightgbmModel(), tuned.lightgbmModel(), "the default model");
        }
        assertEquals(
                tuned.tuning(),
                ModelFile.parse(ModelFile.toBytes(tuned), "t").tuning(),
                "the trials and the winner are in the model file");
    }

    @Test
    void aWinnerWorseOnTheHoldoutInRmseOrMaeIsNotKept() {
        Metrics d = new Metrics(100, 10, 20, null, null, 0, null);
        assertTrue(Trainer.keepWinner(d, new Metrics(100, 9.9, 19.9, null, null, 0, null)));
        assertTrue(Trainer.keepWinner(d, new Metrics(100, 10, 20, null, null, 0, null)));
        assertTrue(!Trainer.keepWinner(d, new Metrics(100, 9, 20.1, null, null, 0, null)));
        assertTrue(!Trainer.keepWinner(d, new Metrics(100, 10.1, 19, null, null, 0, null)));
    }
}
