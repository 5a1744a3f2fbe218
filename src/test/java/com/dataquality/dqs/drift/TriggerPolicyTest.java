package com.dataquality.dqs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TriggerPolicyTest {
    private static final DriftSettings S =
            DriftSettings.DEFAULTS; // 3 signal days in 7, cool-down 14

    @Test
    void oneDayOfDriftIsNotEnough() {
        TriggerPolicy p = TriggerPolicy.START.record(100, true);
        for (int d = 101; d < 120; d++) {
            p = p.record(d, false);
            assertFalse(p.shouldTrigger(S), "day " + d);
        }
    }

    @Test
    void threeSignalDaysInAWeekTrigger() {
        TriggerPolicy p =
                TriggerPolicy.START.record(100, true).record(101, false).record(103, true);
        assertFalse(p.shouldTrigger(S));
        assertEquals(2, p.signalDays(7));
        p = p.record(106, true);
        assertEquals(3, p.signalDays(7));
        assertTrue(p.shouldTrigger(S));
    }

    @Test
    void signalsOlderThanTheWindowFallOut() {
        TriggerPolicy p = TriggerPolicy.START.record(100, true).record(101, true).record(107, true);
        assertEquals(2, p.signalDays(7), "day 100 is 7 days before 107: outside");
        assertFalse(p.shouldTrigger(S));
        assertEquals(0, TriggerPolicy.START.record(1, true).record(200, false).signalDays(62));
    }

    @Test
    void coolDownSuppressesAndThenAllowsTheNextTrigger() {
        TriggerPolicy p = TriggerPolicy.START;
        int triggers = 0;
        int first = -1;
        int second = -1;
        for (int d = 100; d <= 130; d++) {
            p = p.record(d, true);
            if (p.shouldTrigger(S)) {
                triggers++;
                if (first < 0) {
                    first = d;
                } else if (second < 0) {
                    second = d;
                }
                p = p.triggered();
            }
        }
        assertEquals(102, first, "third signal day");
        assertEquals(116, second, "14 days later");
        assertEquals(3, triggers, "and once more 14 days after that, on day 130");
    }

    @Test
    void aNewModelDropsTheEvidenceButKeepsTheCoolDown() {
        TriggerPolicy p =
                TriggerPolicy.START
                        .record(100, true)
                        .record(101, true)
                        .newModel()
                        .record(102, true);
        assertFalse(p.shouldTrigger(S));
        assertEquals(1, p.signalDays(7));
    }

    @Test
    void aRepeatedDayCanOnlyAddItsSignal() {
        TriggerPolicy p = TriggerPolicy.START.record(100, false).record(100, true);
        assertEquals(1, p.signalDays(7));
        assertEquals(p, p.record(99, true), "an older day is ignored");
    }
}
