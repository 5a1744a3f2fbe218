package com.dataquality.dqs.parse;

import java.time.LocalDate;

/**
 * {@code business_date} to an epoch day without {@code java.time} parsing on the per-record path.
 *
 * <p>Accepted: {@code YYYY-MM-DD}, optionally followed by a time part whose date is kept as written
 * (no time-zone shift: the business date is what the user wrote): a {@code T}, {@code t} or one
 * space, {@code HH:MM}, optional {@code :SS}, an optional fraction {@code .f} (1 to 9 digits), then
 * optionally {@code Z}, {@code ±HH:MM}, {@code ±HHMM} or {@code ±HH}. The time part must be well
 * formed even though it is dropped, since a garbled time usually means a garbled record. Impossible
 * days such as 2023-02-29 are rejected.
 *
 * <p>Supported dates are {@link #FIRST} to {@link #LAST}: 9999-12-31 is left out so that the day
 * after every business date exists and can be written as {@code YYYY-MM-DD} (the forecast of the
 * day after the last observed one, the end of a day's window). Every date a user gives (records,
 * {@code predict --date}, {@code batch-predict} rows, {@code generate --start-date/--days}) is
 * checked against this range.
 */
public final class BusinessDates {
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 9999;

    /** The first supported business date. */
    public static final LocalDate FIRST = LocalDate.of(MIN_YEAR, 1, 1);

    /** The last supported business date: the day after it still has four digits of year. */
    public static final LocalDate LAST = LocalDate.of(MAX_YEAR, 12, 30);

    /** The range as users read it in messages. */
    public static final String RANGE = FIRST + " to " + LAST;

    private static final int FIRST_DAY = (int) FIRST.toEpochDay();
    private static final int LAST_DAY = (int) LAST.toEpochDay();

    /** Result codes of {@link #parse}: all below any valid epoch day of years 1900..9999. */
    static final int BAD_FORMAT = Integer.MIN_VALUE;

    static final int NO_SUCH_DAY = Integer.MIN_VALUE + 1;
    static final int OUT_OF_RANGE = Integer.MIN_VALUE + 2;
    static final int BAD_TIME = Integer.MIN_VALUE + 3;

    private static final int LOWEST_CODE = Integer.MIN_VALUE + 3;

    private BusinessDates() {}

    static boolean isValid(int parsed) {
        return parsed > LOWEST_CODE;
    }

    /** Why {@link #parse} failed, as the end of a sentence. */
    static String problem(int code) {
        return switch (code) {
            case NO_SUCH_DAY -> "that day does not exist";
            case OUT_OF_RANGE -> "business dates must be " + RANGE;
            case BAD_TIME ->
                    "the time part is malformed (expected e.g. 2024-03-01T10:00:00, optional"
                            + " .fraction and Z or +HH:MM)";
            default -> "expected YYYY-MM-DD, optionally followed by a time";
        };
    }

    /** Epoch day of a trimmed value, or one of the negative result codes. */
    static int parse(String s) {
        int n = s.length();
        if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return BAD_FORMAT;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return BAD_FORMAT;
        }
        if (n > 10 && !validTime(s, 10)) {
            return BAD_TIME;
        }
        if (year < MIN_YEAR || year > MAX_YEAR) {
            return OUT_OF_RANGE;
        }
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return NO_SUCH_DAY;
        }
        int epochDay = epochDay(year, month, day);
        return epochDay <= LAST_DAY ? epochDay : OUT_OF_RANGE;
    }

    /** Whether an epoch day is a supported business date, {@link #FIRST} to {@link #LAST}. */
    public static boolean isSupported(long epochDay) {
        return epochDay >= FIRST_DAY && epochDay <= LAST_DAY;
    }

    /**
     * Days since 1970-01-01 of a valid proleptic Gregorian date (a days-from-civil algorithm),
     * without branches on the month, for the reason given at {@link #lengthOfMonth}.
     */
    static int epochDay(int year, int month, int day) {
        int janOrFeb = (14 - month) / 12; // 1 for January and February, else 0
        int y = year - janOrFeb; // the year starting in March
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int monthFromMarch = month + 12 * janOrFeb - 3;
        int dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** Days of each month, January at index 1: common years, then leap years. */
    private static final int[][] MONTH_LENGTHS = {
        {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
        {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
    };

    /** 1 for leap years, indexed by year - MIN_YEAR. */
    private static final byte[] LEAP = new byte[MAX_YEAR - MIN_YEAR + 1];

    static {
        for (int y = MIN_YEAR; y <= MAX_YEAR; y++) {
            LEAP[y - MIN_YEAR] = (byte) (isLeap(y) ? 1 : 0);
        }
    }

    /**
     * Tables, not a switch: input sorted by date meets a new month or year only every so many
     * thousand rows, and each first meeting of a branch made the JIT discard and recompile the
     * whole inlined parsing loop (measured). Years {@link #MIN_YEAR} to {@link #MAX_YEAR}.
     */
    static int lengthOfMonth(int year, int month) {
        return MONTH_LENGTHS[LEAP[year - MIN_YEAR]][month];
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** The time part starting at {@code i} (the separator) up to the end of {@code s}. */
    private static boolean validTime(String s, int i) {
        int n = s.length();
        char sep = s.charAt(i);
        if (sep != 'T' && sep != 't' && sep != ' ') {
            return false;
        }
        i++;
        if (!twoDigits(s, i, n, 23) || i + 2 >= n || s.charAt(i + 2) != ':') {
            return false;
        }
        i += 3;
        if (!twoDigits(s, i, n, 59)) {
            return false;
        }
        i += 2;
        if (i < n && s.charAt(i) == ':') {
            if (!twoDigits(s, i + 1, n, 59)) {
                return false;
            }
            i += 3;
            if (i < n && s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == start || i - start > 9) {
                    return false;
                }
            }
        }
        if (i == n) {
            return true;
        }
        char zone = s.charAt(i);
        if (zone == 'Z' || zone == 'z') {
            return i + 1 == n;
        }
        if (zone != '+' && zone != '-') {
            return false;
        }
        i++;
        if (!twoDigits(s, i, n, 18)) {
            return false;
        }
        i += 2;
        if (i == n) {
            return true;
        }
        if (s.charAt(i) == ':') {
            i++;
        }
        return twoDigits(s, i, n, 59) && i + 2 == n;
    }

    private static boolean twoDigits(String s, int i, int n, int max) {
        if (i + 2 > n) {
            return false;
        }
        int v = digits(s, i, 2);
        return v >= 0 && v <= max;
    }

    /** The value of {@code len} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
