package com.dataquality.dqs.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

class DailySeriesTest {
    private static final DailySeries EMPTY =
            new DailySeries("ds", 1, new int[0], new int[0], new int[0]);

    @Test
    void plusKeepsDaysInOrderMergesRepeatsAndDropsWhatLeavesTheWindow() {
        DailySeries s = EMPTY.plus(10, 4, 3, 5).plus(8, 2, 2, 5).plus(10, 1, 0, 5);
        assertArrayEquals(new int[] {8, 10}, s.days());
        assertArrayEquals(new int[] {2, 5}, s.executions());
        assertArrayEquals(new int[] {2, 3}, s.passes());
        DailySeries later = s.plus(13, 1, 1, 5); // window [9, 13]: day 8 leaves
        assertArrayEquals(new int[] {10, 13}, later.days());
        assertArrayEquals(new int[] {5, 1}, later.executions());
        assertArrayEquals(new int[] {8, 10}, s.days(), "the original is unchanged");
    }

    @Test
    void throughCutsTheDaysAfterADay() {
        DailySeries s = EMPTY.plus(1, 1, 1, 99).plus(5, 2, 1, 99).plus(9, 3, 0, 99);
        assertArrayEquals(new int[] {1, 5}, s.through(7).days());
        assertSame(s, s.through(9));
        assertEquals(0, s.through(0).size());
    }

    @Test
    void stateBeforeReplaysTheDaysBeforeTheTarget() {
        DailySeries s = EMPTY.plus(1, 1, 1, 99).plus(5, 2, 1, 99).plus(9, 3, 0, 99);
        SeriesState state = s.stateBefore(9);
        assertArrayEquals(new int[] {1, 5}, state.days);
        assertEquals("ds", state.datasetUuid);
    }

    @Test
    void flinkSerializesItAsAPojoWithoutKryo() {
        // The retrainer keeps one per series in map state.
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DailySeries.class);
    }
}
