package com.dataquality.dqs.retrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class KeptDaysTest {

    @Test
    void keepsDaysInOrderMergesRepeatsAndDropsWhatLeavesTheWindow() {
        KeptDays k = new KeptDays("ds", 1);
        k.add(10, 4, 3, 5);
        k.add(8, 2, 2, 5); // out of order
        k.add(10, 1, 0, 5); // the same day again
        assertArrayEquals(new int[] {8, 10}, k.days);
        assertArrayEquals(new int[] {2, 5}, k.executions);
        assertArrayEquals(new int[] {2, 3}, k.passes);
        k.add(13, 1, 1, 5); // window [9, 13]: day 8 leaves
        assertArrayEquals(new int[] {10, 13}, k.days);
        assertArrayEquals(new int[] {5, 1}, k.executions);
    }
}
