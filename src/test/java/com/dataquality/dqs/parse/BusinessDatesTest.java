package com.dataquality.dqs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessDatesTest {

    @Test
    void epochDayMatchesJavaTimeOnEveryDayOfEveryAcceptedYear() {
        for (LocalDate d = LocalDate.of(1900, 1, 1);
                !d.isAfter(LocalDate.of(9999, 12, 30));
                d = d.plusDays(1)) {
            int parsed = BusinessDates.parse(d.toString());
            if (parsed != d.toEpochDay()) {
                assertEquals(d.toEpochDay(), parsed, d.toString());
            }
        }
    }

    @Test
    void dayThirtyOneToTwentyEightExistExactlyWhenJavaTimeSaysSoInEveryAcceptedYear() {
        for (int year = BusinessDates.MIN_YEAR; year <= BusinessDates.MAX_YEAR; year++) {
            for (int month = 1; month <= 12; month++) {
                int length = java.time.YearMonth.of(year, month).lengthOfMonth();
                for (int day = 28; day <= 31; day++) {
                    String text = String.format("%04d-%02d-%02d", year, month, day);
                    int expected =
                            day > length
                                    ? BusinessDates.NO_SUCH_DAY
                                    : text.equals("9999-12-31")
                                            ? BusinessDates.OUT_OF_RANGE
                                            : (int) LocalDate.of(year, month, day).toEpochDay();
                    int parsed = BusinessDates.parse(text);
                    if (parsed != expected) {
                        assertEquals(expected, parsed, text);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-03-01",
                "2024-03-01T10:00:00",
                "2024-03-01t10:00:00",
                "2024-03-01 10:00:00",
                "2024-03-01T10:00",
                "2024-03-01T23:59:59",
                "2024-03-01T00:00:00.5",
                "2024-03-01T10:00:00.123456789",
                "2024-03-01T10:00:00Z",
                "2024-03-01T10:00:00z",
                "2024-03-01T23:30:00+05:30",
                "2024-03-01T00:30:00-08:00",
                "2024-03-01T10:00:00+0530",
                "2024-03-01T10:00:00+05",
                "2024-03-01T10:00Z",
                "2024-03-01 10:00:00.000+00:00"
            })
    void aTimePartKeepsTheDateAsWrittenWhateverTheOffset(String raw) {
        assertEquals(LocalDate.of(2024, 3, 1).toEpochDay(), BusinessDates.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-03-01T",
                "2024-03-01T10",
                "2024-03-01T10:",
                "2024-03-01T1:00",
                "2024-03-01T24:00:00",
                "2024-03-01T10:60:00",
                "2024-03-01T10:00:60",
                "2024-03-01T10:00:00.",
                "2024-03-01T10:00:00.1234567890",
                "2024-03-01T10:00:00ZZ",
                "2024-03-01T10:00:00+5",
                "2024-03-01T10:00:00+19:00",
                "2024-03-01T10:00:00+05:60",
                "2024-03-01T10:00:00 +05:00",
                "2024-03-01  10:00:00",
                "2024-03-01X10:00:00",
                "2024-03-01T10:00:00 UTC"
            })
    void aMalformedTimePartIsRejected(String raw) {
        assertEquals(BusinessDates.BAD_TIME, BusinessDates.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-02-30",
                "2023-02-29",
                "1900-02-29",
                "2024-04-31",
                "2024-13-01",
                "2024-00-10",
                "2024-01-00",
                "2024-01-32"
            })
    void impossibleDaysAreRejected(String raw) {
        assertEquals(BusinessDates.NO_SUCH_DAY, BusinessDates.parse(raw));
    }

    @Test
    void leapDaysThatExistAreAccepted() {
        assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), BusinessDates.parse("2024-02-29"));
        assertEquals(LocalDate.of(2000, 2, 29).toEpochDay(), BusinessDates.parse("2000-02-29"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1899-12-31",
                "0000-01-01",
                "0024-03-01",
                "9999-12-31",
                "9999-12-31T23:59:59",
                "9999-12-31 00:00+14:00"
            })
    void datesOutsideTheSupportedRangeAreRejected(String raw) {
        assertEquals(BusinessDates.OUT_OF_RANGE, BusinessDates.parse(raw));
    }

    @Test
    void theSupportedRangeLeavesRoomForTheNextDay() {
        assertEquals(BusinessDates.LAST.toEpochDay(), BusinessDates.parse("9999-12-30"));
        assertEquals(BusinessDates.FIRST.toEpochDay(), BusinessDates.parse("1900-01-01"));
        assertEquals("9999-12-31", BusinessDates.LAST.plusDays(1).toString());
        assertTrue(BusinessDates.isSupported(BusinessDates.LAST.toEpochDay()));
        assertTrue(!BusinessDates.isSupported(BusinessDates.LAST.toEpochDay() + 1));
        assertTrue(!BusinessDates.isSupported(BusinessDates.FIRST.toEpochDay() - 1));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2024",
                "2024-3-1",
                "2024-03-1",
                "2024/03/01",
                "03/01/2024",
                "01-03-2024",
                "20240301",
                "2024-O3-01",
                "+2024-03-01",
                "10000-01-01",
                "yesterday",
                "２０２４-03-01"
            })
    void otherShapesAreRejected(String raw) {
        assertEquals(BusinessDates.BAD_FORMAT, BusinessDates.parse(raw));
    }

    @Test
    void everyFailureHasItsOwnExplanation() {
        assertTrue(BusinessDates.problem(BusinessDates.BAD_FORMAT).contains("YYYY-MM-DD"));
        assertTrue(BusinessDates.problem(BusinessDates.NO_SUCH_DAY).contains("does not exist"));
        assertTrue(
                BusinessDates.problem(BusinessDates.OUT_OF_RANGE)
                        .contains("1900-01-01 to 9999-12-30"));
        assertTrue(BusinessDates.problem(BusinessDates.BAD_TIME).contains("time part"));
    }
}
