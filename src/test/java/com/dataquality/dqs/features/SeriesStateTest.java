package com.dataquality.dqs.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

class SeriesStateTest {

    @Test
    void addKeepsDaysSortedAndMergesASecondBatchOfTheSameDay() {
        SeriesState s = SeriesState.of("ds", 1);
        s.add(10, 4, 3);
        s.add(8, 2, 2);
        s.add(10, 1, 0);
        assertArrayEquals(new int[] {8, 10}, s.days);
        assertArrayEquals(new int[] {2, 5}, s.executions);
        assertArrayEquals(new int[] {2, 3}, s.passes);
        assertEquals(60.0, s.passPercentage(1));
        assertEquals(5, s.executionsOn(10));
        assertEquals(0, s.executionsOn(9));
    }

    @Test
    void addDropsDaysThatFallOutOfTheWindowAndIgnoresOlderOnes() {
        int w = SeriesState.WINDOW_DAYS;
        SeriesState s = SeriesState.of("ds", 1);
        s.add(100, 1, 1);
        s.add(101, 1, 0);
        s.add(100 + w, 2, 1);
        assertArrayEquals(new int[] {101, 100 + w}, s.days);
        s.add(100, 5, 5);
        assertArrayEquals(new int[] {101, 100 + w}, s.days, "a day before the window: nothing");
        assertEquals(w, s.days[1] - s.days[0] + 1);
    }

    @Test
    void addWithoutExecutionsChangesNothing() {
        SeriesState s = SeriesState.of("ds", 1);
        s.add(5, 3, 1);
        s.add(6, 0, 0);
        assertArrayEquals(new int[] {5}, s.days);
    }

    @Test
    void observedWithinLooksAtAnInclusiveRange() {
        SeriesState s =
                SeriesState.of("ds", 1, new int[] {10, 20}, new int[] {1, 1}, new int[] {0, 1});
        assertTrue(s.observedWithin(20, 25));
        assertTrue(s.observedWithin(5, 10));
        assertFalse(s.observedWithin(11, 19));
    }

    @Test
    void copyIsIndependent() {
        SeriesState s = SeriesState.of("ds", 1, new int[] {3}, new int[] {2}, new int[] {1});
        SeriesState c = s.copy();
        c.add(3, 1, 1);
        assertEquals(2, s.executionsOn(3));
        assertEquals(3, c.executionsOn(3));
        assertEquals(s, SeriesState.of("ds", 1, new int[] {3}, new int[] {2}, new int[] {1}));
    }

    @Test
    void arraysOfDifferentLengthsAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> SeriesState.of("ds", 1, new int[1], new int[2], new int[1]));
    }

    @Test
    void daysLeavingTheWindowAreFoldedInDateOrderAndOnlyThey() {
        int w = SeriesState.WINDOW_DAYS;
        SeriesState s = SeriesState.of("ds", 1);
        s.add(100, 4, 3);
        s.add(102, 2, 1);
        assertEquals(null, s.foldedHistory(), "nothing has left the window");
        s.add(101 + w, 5, 5); // 100 leaves, 102 stays
        double[] h = s.foldedHistory();
        assertEquals(1, h[HistoryFold.DAYS]);
        assertEquals(100, h[HistoryFold.FIRST]);
        assertEquals(4, h[HistoryFold.EXECUTIONS]);
        assertEquals(3, h[HistoryFold.PASSES]);
        assertArrayEquals(new int[] {102, 101 + w}, s.days);
        s.add(100 + 3 * w, 1, 0); // both leave, folded oldest first
        h = s.foldedHistory();
        assertEquals(3, h[HistoryFold.DAYS]);
        assertEquals(101 + w, HistoryFold.last(h));
        assertEquals(11, h[HistoryFold.EXECUTIONS]);
        assertArrayEquals(new int[] {100 + 3 * w}, s.days);
    }

    @Test
    void foldingDaysOneByOneIsTheSameWhereverTheSplitBetweenFoldAndWindow() {
        // The extractor continues the state's fold over the window: the same bits as folding all.
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        SeriesState s = SeriesState.of("ds", 1);
        double[] all = HistoryFold.empty();
        int day = 19_000;
        for (int i = 0; i < 300; i++) {
            day += 1 + rnd.nextInt(3);
            int e = 1 + rnd.nextInt(9);
            int p = rnd.nextInt(e + 1);
            s.add(day, e, p);
            HistoryFold.fold(all, day, e, p);
        }
        double[] continued = s.foldedHistory().clone();
        for (int k = 0; k < s.size(); k++) {
            HistoryFold.fold(continued, s.days[k], s.executions[k], s.passes[k]);
        }
        for (int i = 0; i < HistoryFold.SIZE; i++) {
            assertEquals(
                    Double.doubleToRawLongBits(all[i]), Double.doubleToRawLongBits(continued[i]));
        }
    }

    @Test
    void aStateOfAnOlderLayoutStartsItsFoldedHistoryAfresh() {
        SeriesState s = SeriesState.of("ds", 1);
        s.history = new double[] {1, 2, 3};
        s.historyLayout = 0;
        assertEquals(null, s.foldedHistory());
        s.add(10, 1, 1);
        s.add(10 + SeriesState.WINDOW_DAYS, 1, 1);
        assertEquals(1, s.foldedHistory()[HistoryFold.DAYS]);
        assertEquals(HistoryFold.LAYOUT, s.historyLayout);
    }

    @Test
    void copyAndEqualsCoverTheFoldedHistory() {
        SeriesState s = SeriesState.of("ds", 1);
        s.add(10, 3, 2);
        s.add(10 + SeriesState.WINDOW_DAYS, 1, 1);
        SeriesState c = s.copy();
        assertEquals(s, c);
        c.add(10 + 2 * SeriesState.WINDOW_DAYS, 1, 1);
        assertEquals(1, s.foldedHistory()[HistoryFold.DAYS], "the copy folds on its own");
        assertFalse(s.equals(c));
    }

    @Test
    void flinkSerializesItAsAPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SeriesState.class);
    }
}
