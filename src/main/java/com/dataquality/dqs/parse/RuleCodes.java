package com.dataquality.dqs.parse;

/**
 * Rule codes as users write them (CONTRACT.md §1): optional surrounding blanks, an optional {@code
 * R}/{@code r}, then decimal digits (leading zeros allowed) that fit in an int.
 */
public final class RuleCodes {
    static final int INVALID = -1;

    /** What a rule code must look like, for error messages. */
    static final String EXPECTED = "digits with an optional leading R, e.g. 101 or R101";

    private RuleCodes() {}

    /**
     * {@code 101}, {@code "R101"}, {@code "r101"}, {@code "0101"}, {@code " 101 "} give 101.
     *
     * @throws IllegalArgumentException naming the value when it is not a rule code
     */
    public static int parse(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("rule code is missing");
        }
        int code = tryParse(raw);
        if (code == INVALID) {
            throw new IllegalArgumentException(
                    Text.quote(raw) + " is not a rule code: expected " + EXPECTED);
        }
        return code;
    }

    /** The code, or {@link #INVALID}; never throws, for the per-record path. */
    static int tryParse(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && Text.isBlank(s.charAt(from))) {
            from++;
        }
        while (to > from && Text.isBlank(s.charAt(to - 1))) {
            to--;
        }
        if (from < to && (s.charAt(from) == 'R' || s.charAt(from) == 'r')) {
            from++;
        }
        if (from == to) {
            return INVALID;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return INVALID;
            }
            value = value * 10 + (c - '0');
            if (value > Integer.MAX_VALUE) {
                return INVALID;
            }
        }
        return (int) value;
    }
}
