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
    void flinkSerializesItAsAPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SeriesState.class);
    }
}
