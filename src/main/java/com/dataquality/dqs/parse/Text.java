package com.dataquality.dqs.parse;

/**
 * Quoting user values inside dead-letter details, clipped so one bad cell cannot flood a report.
 */
final class Text {
    static final int MAX_SHOWN = 100;

    private Text() {}

    /** {@code 'value'}, cut to {@value #MAX_SHOWN} characters with an ellipsis. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= MAX_SHOWN) {
            return "'" + value + "'";
        }
        int end = MAX_SHOWN;
        // Do not cut a surrogate pair in half.
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return "'" + value.substring(0, end) + "…'";
    }

    /** String.trim semantics (every char up to U+0020), shared by the CSV and JSON paths. */
    static boolean isBlank(char c) {
        return c <= ' ';
    }
}
