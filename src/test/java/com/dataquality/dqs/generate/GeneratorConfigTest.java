package com.dataquality.dqs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.InputException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GeneratorConfigTest {
    private static final GeneratorConfig OK = GeneratorConfig.defaults();

    private static GeneratorConfig with(long rows, int days, double bad, int files, double warn) {
        return new GeneratorConfig(
                rows, OK.startDate(), days, 3, 4, 1, bad, files, 0, null, 0.3, -0.2, warn);
    }

    private static void rejects(GeneratorConfig c, String option) {
        InputException e = assertThrows(InputException.class, c::validate);
        assertTrue(e.getMessage().startsWith(option + " "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void defaultsAreValidAndDocumented() {
        assertEquals(100_000, OK.validate().rows());
        assertEquals(LocalDate.of(2024, 12, 30), OK.endDate());
        assertEquals(0.01, OK.badFraction());
        assertEquals(null, OK.driftDate());
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheOption() {
        rejects(with(-1, 10, 0.01, 1, 0.03), "--rows");
        rejects(with(10, 0, 0.01, 1, 0.03), "--days");
        rejects(with(10, 10, 1.5, 1, 0.03), "--bad-fraction");
        rejects(with(10, 10, -0.1, 1, 0.03), "--bad-fraction");
        rejects(with(10, 10, Double.NaN, 1, 0.03), "--bad-fraction");
        rejects(with(10, 10, 0.01, 0, 0.03), "--files");
        rejects(with(10, 10, 0.01, 1, 2.0), "--warning-rate");
        rejects(OK.toBuilder().drift(LocalDate.of(2025, 6, 1), 0.3, -0.2).build(), "--drift-date");
        rejects(OK.toBuilder().drift(OK.startDate(), 1.2, -0.2).build(), "--drift-fraction");
        rejects(OK.toBuilder().drift(OK.startDate(), 0.3, -3).build(), "--drift-size");
    }

    @Test
    void rejectsDatesOutsideTheSupportedBusinessDates() {
        GeneratorConfig late = OK.toBuilder().startDate(LocalDate.of(9999, 12, 1)).days(31).build();
        rejects(late, "--start-date");
        InputException e = assertThrows(InputException.class, late::validate);
        assertTrue(e.getMessage().contains("to 9999-12-31, outside"), e.getMessage());
        assertTrue(e.getMessage().contains("1900-01-01 to 9999-12-30"), e.getMessage());
        rejects(
                OK.toBuilder().startDate(LocalDate.of(9999, 12, 2)).days(30).build(),
                "--start-date");
        rejects(
                OK.toBuilder().startDate(LocalDate.of(1899, 12, 31)).days(1).build(),
                "--start-date");
        // The edges of the range are supported.
        OK.toBuilder().startDate(LocalDate.of(9999, 12, 1)).days(30).build().validate();
        OK.toBuilder().startDate(LocalDate.of(1900, 1, 1)).days(1).build().validate();
    }

    @Test
    void acceptsTheEdgesOfEachRange() {
        with(0, 1, 0.0, 1, 0.0).validate();
        with(10, 1, 1.0, 1, 1.0).validate();
        OK.toBuilder().drift(OK.endDate(), 1.0, -1.0).build().validate();
    }

    @Test
    void allRowsBadStillGivesExactCounts() throws Exception {
        GenerationReport r =
                new Generator(with(70, 5, 1.0, 1, 0.0))
                        .writeRows(new java.io.StringWriter(), Generator.Progress.NONE);
        assertEquals(0, r.validRows());
        assertEquals(70, r.badRows());
        r.badRowsByReason().values().forEach(n -> assertEquals(10L, n));
    }
}
