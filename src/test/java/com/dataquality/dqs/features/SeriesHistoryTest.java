package com.dataquality.dqs.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

class SeriesHistoryTest {

    @Test
    void plusKeepsDaysSortedAndMergesASecondBatchOfTheSameDay() {
        SeriesHistory h = SeriesHistory.empty().plus(10, 4, 3).plus(8, 2, 2).plus(10, 1, 0);
        assertArrayEquals(new int[] {8, 10}, h.days());
        assertArrayEquals(new int[] {2, 5}, h.executions());
        assertArrayEquals(new int[] {2, 3}, h.passes());
        assertEquals(60.0, h.passPercentage(1));
    }

    @Test
    void plusDropsDaysThatFallOutOfTheWindowAndIgnoresOlderOnes() {
        int w = SeriesHistory.WINDOW_DAYS;
        SeriesHistory h = SeriesHistory.empty().plus(100, 1, 1).plus(101, 1, 0);
        SeriesHistory later = h.plus(100 + w, 2, 1);
        assertArrayEquals(new int[] {101, 100 + w}, later.days());
        assertSame(later, later.plus(100, 5, 5), "a day before the window changes nothing");
        assertEquals(w, later.days()[1] - later.days()[0] + 1);
    }

    @Test
    void plusWithoutExecutionsChangesNothing() {
        SeriesHistory h = SeriesHistory.empty().plus(5, 3, 1);
        assertSame(h, h.plus(6, 0, 0));
    }

    @Test
    void beforeKeepsOnlyTheWindowBeforeTheTargetDay() {
        // A bounded input's full series holds more days than the window.
        int n = SeriesHistory.WINDOW_DAYS + 30;
        int[] days = java.util.stream.IntStream.range(0, n).toArray();
        int[] ones = new int[n];
        java.util.Arrays.fill(ones, 1);
        SeriesHistory h = new SeriesHistory(days, ones, ones);
        SeriesHistory b = h.before(n - 5);
        assertEquals(n - 5 - SeriesHistory.WINDOW_DAYS, b.days()[0]);
        assertEquals(n - 6, b.days()[b.size() - 1]);
        assertEquals(SeriesHistory.WINDOW_DAYS, b.size());
    }

    @Test
    void arraysOfDifferentLengthsAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new SeriesHistory(new int[1], new int[2], new int[1]));
    }

    @Test
    void flinkSerializesItAsAPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SeriesHistory.class);
    }
}
