package com.dataquality.dqs.format;

import com.dataquality.dqs.UnicodeText;

/**
 * RFC 4180 writing: one place that decides when and how a field is quoted. Every field is written
 * as well-formed text (an unpaired surrogate becomes U+FFFD, see {@link UnicodeText}), so a CSV
 * line can always be encoded.
 */
public final class Csv {
    private Csv() {}

    /** Appends {@code value} as one CSV field, quoted only when it has to be. Null is empty. */
    public static StringBuilder appendField(StringBuilder out, String value) {
        if (value == null || value.isEmpty()) {
            return out;
        }
        if (isPlain(value)) {
            return out.append(value);
        }
        value = UnicodeText.wellFormed(value);
        if (!needsQuotes(value)) {
            return out.append(value);
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        return out.append('"');
    }

    /** One CSV line (without the line break) from the given fields. */
    public static String line(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendField(sb, fields[i]);
        }
        return sb.toString();
    }

    /** Written as it is: nothing to quote and no surrogate (one scan for the usual field). */
    private static boolean isPlain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return !hasOuterBlanks(value);
    }

    static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return hasOuterBlanks(value);
    }

    private static boolean hasOuterBlanks(String value) {
        // Leading or trailing blanks survive a round trip only when quoted by some readers.
        return Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1));
    }
}
