package com.dataquality.dqs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelComparison;
import com.dataquality.dqs.record.PairedError;
import com.dataquality.dqs.stream.DayCloses;
import com.dataquality.dqs.stream.Tags;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The live comparison of a challenger with the champion: daily mean differences, the always-valid
 * decision after the minimum days, a promotion only with {@code --auto-promote}, a fresh start
 * against a new champion, and the same decisions through a snapshot and restore.
 */
class ChallengerComparisonFunctionTest {
    private static final int D = (int) LocalDate.parse("2024-03-01").toEpochDay();
    private static final PromotionSettings AUTO =
            new PromotionSettings(true, 14, 0.05, "abs", 0.02);

    private static KeyedOneInputStreamOperatorTestHarness<Integer, PairedError, ModelComparison>
            harness(PromotionSettings settings) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ChallengerComparisonFunction(settings)),
                        e -> 0,
                        Types.INT);
        h.setup();
        return h;
    }

    /**
     * One day of 20 series: the challenger's absolute error is the champion's plus {@code edge}
     * (negative: it is better) plus noise; then the day closes.
     */
    private static void day(
            KeyedOneInputStreamOperatorTestHarness<Integer, PairedError, ModelComparison> h,
            String challenger,
            String champion,
            int day,
            double edge,
            Random noise)
            throws Exception {
        for (int s = 0; s < 20; s++) {
            double a = 5 + 3 * noise.nextDouble();
            double b = Math.max(0, a + edge + 4 * (noise.nextDouble() - 0.5));
            h.processElement(
                    new StreamRecord<>(
                            new PairedError(challenger, champion, day, b, a, b * b, a * a)));
        }
        h.processWatermark(DayCloses.endOfDay(day));
    }

    private static List<ModelComparison> comparisons(
            KeyedOneInputStreamOperatorTestHarness<Integer, PairedError, ModelComparison> h) {
        List<ModelComparison> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof ModelComparison c) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<ModelCommand> promotions(
            KeyedOneInputStreamOperatorTestHarness<Integer, PairedError, ModelComparison> h) {
        List<ModelCommand> out = new ArrayList<>();
        var side = h.getSideOutput(Tags.PROMOTIONS);
        if (side != null) {
            side.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    @Test
    void aClearlyBetterChallengerIsPromotedOnceAfterTheMinimumDays() throws Exception {
        try (var h = harness(AUTO)) {
            h.open();
            Random noise = new Random(1);
            for (int d = 0; d < 40; d++) {
                day(h, "B", "A", D + d, -1.0, noise);
            }
            List<ModelComparison> cs = comparisons(h);
            assertEquals(40, cs.size(), "one comparison per closed day");
            for (int i = 0; i < 13; i++) {
                assertEquals("continue", cs.get(i).verdict(), "no verdict before 14 days");
            }
            ModelComparison promoted =
                    cs.stream()
                            .filter(c -> c.verdict().equals("promoted"))
                            .findFirst()
                            .orElseThrow();
            assertEquals(14, promoted.days(), "this edge is beyond doubt as soon as allowed");
            assertTrue(promoted.meanAbsDiff() < -0.8 && promoted.meanAbsDiff() > -1.2);
            assertTrue(promoted.ciHigh() < 0 && promoted.evidence() >= 20);
            assertEquals(1, promotions(h).size(), "promoted once, not every day after");
            ModelCommand p = promotions(h).get(0);
            assertEquals(ModelCommand.Action.PROMOTE, p.action());
            assertEquals("B", p.version());
        }
    }

    @Test
    void withoutAutoPromoteTheVerdictIsReportedAndNothingIsPromoted() throws Exception {
        try (var h = harness(new PromotionSettings(false, 14, 0.05, "abs", 0.02))) {
            h.open();
            Random noise = new Random(2);
            for (int d = 0; d < 30; d++) {
                day(h, "B", "A", D + d, -1.0, noise);
            }
            List<ModelComparison> cs = comparisons(h);
            assertEquals("challenger-better", cs.get(cs.size() - 1).verdict());
            assertEquals(List.of(), promotions(h));
        }
    }

    @Test
    void aWorseChallengerIsJudgedSoAndNeverPromoted() throws Exception {
        try (var h = harness(AUTO)) {
            h.open();
            Random noise = new Random(3);
            for (int d = 0; d < 60; d++) {
                day(h, "B", "A", D + d, +0.7, noise);
            }
            List<ModelComparison> cs = comparisons(h);
            assertEquals("champion-better", cs.get(cs.size() - 1).verdict());
            assertTrue(cs.get(cs.size() - 1).ciLow() > 0);
            assertEquals(List.of(), promotions(h));
        }
    }

    @Test
    void anEqualChallengerWatchedEveryDayForYearsIsNeverPromoted() throws Exception {
        // The decision is checked after every closed day: a plain t-test looked at that often
        // would declare a winner sooner or later; the always-valid evidence must not.
        int falsePromotions = 0;
        for (int seed = 0; seed < 20; seed++) {
            try (var h = harness(AUTO)) {
                h.open();
                Random noise = new Random(100 + seed);
                for (int d = 0; d < 365; d++) {
                    day(h, "B", "A", D + d, 0, noise);
                }
                falsePromotions += promotions(h).size();
            }
        }
        assertEquals(0, falsePromotions, "promotions of an equal challenger in 20 years");
    }

    @Test
    void aChallengerBetterByLessThanTheMinimumImprovementIsNotPromoted() throws Exception {
        // About 1.2% better than a champion whose errors average 6.5: real, but below the 2%
        // a challenger must win by. A year of days makes it significant, not a promotion.
        try (var h = harness(AUTO)) {
            h.open();
            Random noise = new Random(7);
            for (int d = 0; d < 365; d++) {
                day(h, "B", "A", D + d, -0.08, noise);
            }
            assertEquals(List.of(), promotions(h));
        }
        // With no minimum improvement, the same year promotes it.
        try (var h = harness(new PromotionSettings(true, 14, 0.05, "abs", 0))) {
            h.open();
            Random noise = new Random(7);
            for (int d = 0; d < 365; d++) {
                day(h, "B", "A", D + d, -0.08, noise);
            }
            assertEquals(1, promotions(h).size());
        }
    }

    @Test
    void aNewChampionStartsTheComparisonAfresh() throws Exception {
        try (var h = harness(AUTO)) {
            h.open();
            Random noise = new Random(4);
            for (int d = 0; d < 10; d++) {
                day(h, "C", "A", D + d, -1.0, noise);
            }
            // B took over as champion: C's ten days against A do not count against B.
            day(h, "C", "B", D + 10, -1.0, noise);
            List<ModelComparison> cs = comparisons(h);
            ModelComparison last = cs.get(cs.size() - 1);
            assertEquals("B", last.champion());
            assertEquals(1, last.days());
        }
    }

    @Test
    void lateErrorsOfACountedDayAreIgnored() throws Exception {
        try (var h = harness(AUTO)) {
            h.open();
            Random noise = new Random(5);
            day(h, "B", "A", D, -1.0, noise);
            day(h, "B", "A", D + 1, -1.0, noise);
            ModelComparison before = comparisons(h).get(1);
            h.processElement(new StreamRecord<>(new PairedError("B", "A", D, 100, 0, 1e4, 0)));
            h.processWatermark(DayCloses.endOfDay(D + 2));
            assertEquals(2, comparisons(h).size(), "nothing new: day D was counted already");
            assertEquals(before.days(), comparisons(h).get(1).days());
        }
    }

    @Test
    void theComparisonAndItsOpenDayContinueAfterARestore() throws Exception {
        List<ModelComparison> straight;
        try (var h = harness(AUTO)) {
            h.open();
            Random noise = new Random(6);
            for (int d = 0; d < 30; d++) {
                day(h, "B", "A", D + d, -0.6, noise);
            }
            straight = comparisons(h);
        }

        List<ModelComparison> resumed = new ArrayList<>();
        List<ModelCommand> resumedPromotions = new ArrayList<>();
        Random noise = new Random(6);
        OperatorSubtaskState snapshot;
        try (var h = harness(AUTO)) {
            h.open();
            for (int d = 0; d < 9; d++) {
                day(h, "B", "A", D + d, -0.6, noise);
            }
            // Day 9's errors arrive, the snapshot is taken before the day closes.
            for (int s = 0; s < 20; s++) {
                double a = 5 + 3 * noise.nextDouble();
                double b = Math.max(0, a - 0.6 + 4 * (noise.nextDouble() - 0.5));
                h.processElement(
                        new StreamRecord<>(new PairedError("B", "A", D + 9, b, a, b * b, a * a)));
            }
            snapshot = h.snapshot(1L, 1L);
            resumed.addAll(comparisons(h));
        }
        try (var h = harness(AUTO)) {
            h.initializeState(snapshot);
            h.open();
            h.processWatermark(DayCloses.endOfDay(D + 9));
            for (int d = 10; d < 30; d++) {
                day(h, "B", "A", D + d, -0.6, noise);
            }
            resumed.addAll(comparisons(h));
            resumedPromotions.addAll(promotions(h));
        }
        assertEquals(straight, resumed, "the same comparisons, none lost or repeated");
        assertEquals(
                straight.stream().filter(c -> c.verdict().equals("promoted")).count(),
                resumedPromotions.size());
    }
}
