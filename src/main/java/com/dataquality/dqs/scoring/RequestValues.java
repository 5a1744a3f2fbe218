package com.dataquality.dqs.scoring;

import com.dataquality.dqs.parse.RuleCodes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parsing and formatting of the values of forecast requests and their answers. */
public final class RequestValues {
    private RequestValues() {}

    /**
     * A business date as an epoch day: {@code YYYY-MM-DD}, or a date-time whose date is kept as
     * written ({@code 2024-03-01T10:00:00}, optionally with an offset), like CONTRACT.md §1.
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static int epochDay(String raw) {
        String s = raw == null ? "" : raw.trim();
        try {
            if (s.length() == 10) {
                return (int) LocalDate.parse(s).toEpochDay();
            }
            if (s.length() > 10 && (s.charAt(10) == 'T' || s.charAt(10) == ' ')) {
                String iso = s.substring(0, 10) + 'T' + s.substring(11);
                try {
                    return (int) LocalDateTime.parse(iso).toLocalDate().toEpochDay();
                } catch (DateTimeParseException e) {
                    return (int) OffsetDateTime.parse(iso).toLocalDate().toEpochDay();
                }
            }
        } catch (DateTimeParseException e) {
            // fall through to the one message below
        }
        throw new IllegalArgumentException(
                "\"" + (raw == null ? "" : raw) + "\" is not a date: expected YYYY-MM-DD");
    }

    /**
     * A rule code in any spelling of CONTRACT.md §1.
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static int ruleCode(String raw) {
        return RuleCodes.parse(raw);
    }

    /** A percentage as a plain decimal with four decimals ({@code 87.5} gives {@code 87.5000}). */
    public static String percentage(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}
