package com.dataquality.dqs.scoring;

import com.dataquality.dqs.parse.BusinessDates;
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
     * written ({@code 2024-03-01T10:00:00}, optionally with an offset), like CONTRACT.md §1, within
     * the supported range {@link BusinessDates#RANGE}.
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static int epochDay(String raw) {
        int day = anyEpochDay(raw);
        if (!BusinessDates.isSupported(day)) {
            throw new IllegalArgumentException(
                    "\""
                            + raw.trim()
                            + "\" is outside the supported business dates, "
                            + BusinessDates.RANGE);
        }
        return day;
    }

    private static int anyEpochDay(String raw) {
        String s = raw == null ? "" : raw.trim();
        try {
            if (s.length() == 10) {
                return plainDate(s);
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

    /** YYYY-MM-DD without the formatter machinery: batch-predict parses one per row. */
    private static int plainDate(String s) {
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 0 || day < 0 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            throw new DateTimeParseException("not YYYY-MM-DD", s, 0);
        }
        try {
            return (int) LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            throw new DateTimeParseException(e.getMessage(), s, 0);
        }
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
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
        if (v >= 0 && v <= 1e9) {
            // Fast path for the [0, 100] forecasts: fixed point, no exponent ever.
            long scaled = Math.round(v * 10_000);
            long frac = scaled % 10_000;
            StringBuilder sb = new StringBuilder(12).append(scaled / 10_000).append('.');
            for (long p = 1000; p > 0; p /= 10) {
                sb.append((char) ('0' + (frac / p) % 10));
            }
            return sb.toString();
        }
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}
