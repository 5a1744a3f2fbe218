package com.dataquality.dqs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RequestValuesTest {

    private static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }

    @Test
    void datesAndDateTimesKeepTheirDate() {
        assertEquals(day("2024-03-01"), RequestValues.epochDay("2024-03-01"));
        assertEquals(day("2024-03-01"), RequestValues.epochDay(" 2024-03-01 "));
        assertEquals(day("2024-03-01"), RequestValues.epochDay("2024-03-01T10:00:00"));
        assertEquals(day("2024-03-01"), RequestValues.epochDay("2024-03-01 23:59"));
        assertEquals(day("2024-03-01"), RequestValues.epochDay("2024-03-01T23:30:00+05:00"));
        assertEquals(day("2024-02-29"), RequestValues.epochDay("2024-02-29"));
    }

    @Test
    void datesOutsideTheSupportedRangeNameTheRange() {
        assertEquals(day("1900-01-01"), RequestValues.epochDay("1900-01-01"));
        assertEquals(day("9999-12-30"), RequestValues.epochDay("9999-12-30"));
        for (String outside : new String[] {"9999-12-31", "9999-12-31T10:00:00", "1899-12-31"}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class, () -> RequestValues.epochDay(outside));
            assertTrue(e.getMessage().contains("1900-01-01 to 9999-12-30"), e.getMessage());
            assertTrue(e.getMessage().contains(outside), e.getMessage());
        }
    }

    @Test
    void badDatesNameTheValue() {
        for (String bad :
                new String[] {
                    "2023-02-29",
                    "2024-13-01",
                    "2024-3-01",
                    "01/03/2024",
                    "2024-03-01Tnoon",
                    "2024_03_01",
                    "",
                    "tomorrow"
                }) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class, () -> RequestValues.epochDay(bad), bad);
            assertTrue(e.getMessage().contains("\"" + bad + "\" is not a date"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RequestValues.epochDay(null));
    }

    @Test
    void percentagesArePlainDecimalsWithFourDigits() {
        assertEquals("87.5000", RequestValues.percentage(87.5));
        assertEquals("0.0000", RequestValues.percentage(0));
        assertEquals("100.0000", RequestValues.percentage(100));
        assertEquals("0.0001", RequestValues.percentage(0.00012));
        assertEquals("12.3457", RequestValues.percentage(12.34567));
        assertEquals("99.9990", RequestValues.percentage(99.999));
    }
}
