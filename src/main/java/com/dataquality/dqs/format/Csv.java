package com.dataquality.dqs.format;

import com.dataquality.dqs.UnicodeText;

/**
 * RFC 4180 writing: one place that decides when and how a field is quoted. Every field is written
 * as well-formed text (an unpaired surrogate becomes U+FFFD, see {@link UnicodeText}), so a CSV
 * line can always be encoded.
 *
 * <p>Our CSV outputs are opened in spreadsheets, which run a cell starting with {@code =}, {@code
 * +}, {@code -} or {@code @} (or a tab or carriage return before one) as a formula: "CSV
 * injection". Writers pass each column of text from outside (names, ids, raw records) through
 * {@link #text}; numbers, dates and our own words are written as they are, so {@code -0.5} stays a
 * number.
 */
public final class Csv {
    /** First characters that make a spreadsheet read a cell as a formula (OWASP). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {}

    /**
     * A text cell made inert for spreadsheets, as OWASP recommends: a value that starts with {@code
     * =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading single quote,
     * which spreadsheets take as "this is text" and do not show. So that the original value can
     * always be recovered, a value that already starts with quotes followed by one of those
     * characters gets one more: a reader strips one leading {@code '} from a text cell that starts
     * with one or more {@code '} followed by one of those characters, and has the value back. Any
     * other value is returned as it is (the same instance). Null stays null.
     */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        if (c != '\'' && FORMULA_STARTS.indexOf(c) < 0) {
            return value;
        }
        int i = 0;
        while (i < value.length() && value.charAt(i) == '\'') {
            i++;
        }
        return i < value.length() && FORMULA_STARTS.indexOf(value.charAt(i)) >= 0
                ? "'" + value
                : value;
    }

    /**
     * The value a {@link #text} cell was made from: one leading {@code '} is removed from a cell
     * that starts with one or more {@code '} followed by a formula character, as the rule in {@link
     * #text} says. Any other cell is returned as it is. Null stays null.
     */
    public static String original(String cell) {
        if (cell == null || cell.isEmpty() || cell.charAt(0) != '\'') {
            return cell;
        }
        int i = 0;
        while (i < cell.length() && cell.charAt(i) == '\'') {
            i++;
        }
        return i < cell.length() && FORMULA_STARTS.indexOf(cell.charAt(i)) >= 0
                ? cell.substring(1)
                : cell;
    }

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
