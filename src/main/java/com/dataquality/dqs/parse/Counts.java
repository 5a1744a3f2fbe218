package com.dataquality.dqs.parse;

/**
 * {@code dataset_record_count} and {@code filtered_record_count}: empty, or a non-negative decimal
 * integer (an optional {@code +}, leading zeros allowed) that fits in a long. Anything else ({@code
 * 12.5}, {@code -3}, {@code 1,000}, {@code 1e3}) is an invalid count: guessing what a malformed
 * count meant would put a wrong number in the summaries.
 */
public final class Counts {
    /** {@link #parse} result for an empty value. */
    static final long EMPTY = -1;

    /** {@link #parse} result for an invalid value. */
    static final long INVALID = -2;

    static final String EXPECTED = "a non-negative integer or nothing";

    private Counts() {}

    /** The count, {@link #EMPTY} or {@link #INVALID}; the value is already trimmed. */
    static long parse(String s) {
        int n = s.length();
        if (n == 0) {
            return EMPTY;
        }
        int i = s.charAt(0) == '+' ? 1 : 0;
        if (i == n) {
            return INVALID;
        }
        long value = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return INVALID;
            }
            int digit = c - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return INVALID;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
