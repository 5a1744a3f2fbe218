package com.dataquality.dqs.model;

/**
 * Strict reading of the values in LightGBM's model text: space-separated lists, decimal integers
 * and finite decimal numbers, in exactly the forms LightGBM writes.
 *
 * <p>Stricter than LightGBM's own readers on purpose: those skip odd separators, read "nan" and
 * "inf", and some of them read a fixed count of values from a line without looking at its end. A
 * value accepted here reads the same in Java and in LightGBM, so what we checked is what it loads.
 */
final class TextTokens {

    /** Longest number we read: LightGBM writes at most 17 significant digits and an exponent. */
    static final int MAX_NUMBER_CHARS = 32;

    /** How much of an offending value a message shows. */
    static final int MAX_SHOWN = 40;

    private static final String[] NONE = new String[0];

    private TextTokens() {}

    /** The values of a space-separated list; an empty value is an empty list. */
    static String[] list(String value) {
        return value.isEmpty() ? NONE : value.split(" ", -1);
    }

    /**
     * An integer in {@code [min, max]}.
     *
     * @param key how a message names the value, e.g. {@code num_leaves}
     */
    static long integer(String token, long min, long max, String key) throws InvalidModel {
        return integer(token, min, max, key, -1);
    }

    /**
     * An element of an integer list, in {@code [min, max]}.
     *
     * @param index its position, named in a message as {@code key[index]}; -1 for a single value
     */
    static long integer(String token, long min, long max, String key, int index)
            throws InvalidModel {
        if (!isInteger(token)) {
            throw new InvalidModel(name(key, index) + "=" + shown(token) + " is not an integer");
        }
        boolean negative = token.charAt(0) == '-';
        int digits = token.length() - (negative ? 1 : 0);
        // Every bound here is below 10^18, so a longer number is out of range whatever it says.
        long v = digits <= 18 ? Long.parseLong(token) : negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        if (v > max) {
            throw new InvalidModel(name(key, index) + "=" + shown(token) + " exceeds " + max);
        }
        if (v < min) {
            throw new InvalidModel(name(key, index) + "=" + shown(token) + " is below " + min);
        }
        return v;
    }

    /** A finite number of at most {@code maxMagnitude} in absolute value. */
    static double finite(String token, double maxMagnitude, String key) throws InvalidModel {
        return number(token, maxMagnitude, false, key, -1);
    }

    /**
     * An element of a number list: finite and at most {@code maxMagnitude} in absolute value, or,
     * when {@code infinity} allows it, {@code inf} or {@code -inf} as LightGBM writes them (a split
     * threshold above every value, for instance).
     */
    static double number(String token, double maxMagnitude, boolean infinity, String key, int index)
            throws InvalidModel {
        if (infinity && (token.equals("inf") || token.equals("-inf"))) {
            return token.equals("inf") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        if (token.length() > MAX_NUMBER_CHARS || !isDecimal(token)) {
            throw new InvalidModel(
                    name(key, index) + "=" + shown(token) + " is not a finite decimal number");
        }
        double v = Double.parseDouble(token);
        if (Double.isInfinite(v)) {
            throw new InvalidModel(
                    name(key, index) + "=" + shown(token) + " is not a finite decimal number");
        }
        if (Math.abs(v) > maxMagnitude) {
            throw new InvalidModel(
                    name(key, index)
                            + "="
                            + shown(token)
                            + " exceeds "
                            + maxMagnitude
                            + " in magnitude");
        }
        return v;
    }

    /** Built only for a message: a check reads thousands of values and names none of them. */
    private static String name(String key, int index) {
        return index < 0 ? key : key + "[" + index + "]";
    }

    /** The value as a message shows it: quoted, cut to {@value #MAX_SHOWN} characters. */
    static String shown(String token) {
        if (token.length() <= MAX_SHOWN) {
            return token;
        }
        return token.substring(0, MAX_SHOWN) + "...(" + token.length() + " chars)";
    }

    private static boolean isInteger(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code -?D+(.D+)?([eE][+-]?D+)?}: what C's {@code %.17g} writes for finite values. */
    private static boolean isDecimal(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        int digits = skipDigits(s, i);
        if (digits == i) {
            return false;
        }
        i = digits;
        if (i < s.length() && s.charAt(i) == '.') {
            digits = skipDigits(s, i + 1);
            if (digits == i + 1) {
                return false;
            }
            i = digits;
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            digits = skipDigits(s, i);
            if (digits == i) {
                return false;
            }
            i = digits;
        }
        return i == s.length();
    }

    private static int skipDigits(String s, int from) {
        int i = from;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
