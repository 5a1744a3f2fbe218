package com.dataquality.dqs.parse;

import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.Status;

/**
 * The {@code results} field: a JSON object whose {@code "status"} (or, when status is absent or
 * null, {@code "result"}) holds {@code Pass}, {@code Fail}, {@code Warning} or {@code Warn},
 * trimmed and case-insensitive. Key names are matched exactly, as JSON keys are case-sensitive;
 * when a key is repeated the last one counts, as in most JSON readers.
 *
 * <p>A small hand-written scanner rather than a JSON library: it runs once per record, allocates
 * nothing on the valid path and still checks the whole text is JSON (nested values, escapes,
 * numbers, literals) while it only decodes the two values it needs.
 */
public final class ResultsParser {
    /** Deeper nesting is refused rather than risking the stack on hostile input. */
    static final int MAX_DEPTH = 256;

    private static final int ABSENT = 0;
    private static final int NULL = 1;
    private static final int STRING = 2;
    private static final int OTHER = 3;

    private final String s;
    private final int n;
    private int pos;
    private String error;
    private int statusKind = ABSENT;
    private int statusFrom;
    private int statusTo;
    private boolean statusEscaped;
    private String statusType;
    private int resultKind = ABSENT;
    private int resultFrom;
    private int resultTo;
    private boolean resultEscaped;
    private String resultType;
    // The last string scanned: its content range and whether it held escapes.
    private int strFrom;
    private int strTo;
    private boolean strEscaped;

    private ResultsParser(String s) {
        this.s = s;
        this.n = s.length();
    }

    /** A rejected {@code results} value: the reason code and a sentence for the dead letter. */
    public record Problem(RejectReason reason, String detail) {}

    /** The outcome, or null when the value is not acceptable (then {@link #explain} says why). */
    public static Status parse(String json) {
        ResultsParser p = new ResultsParser(json);
        if (!p.scan()) {
            return null;
        }
        if (p.statusKind == STRING) {
            return p.word(p.statusFrom, p.statusTo, p.statusEscaped);
        }
        if (p.statusKind == ABSENT || p.statusKind == NULL) {
            if (p.resultKind == STRING) {
                return p.word(p.resultFrom, p.resultTo, p.resultEscaped);
            }
        }
        return null;
    }

    /** Why {@link #parse} returned null; null when it would not have. */
    public static Problem explain(String json) {
        ResultsParser p = new ResultsParser(json);
        if (!p.scan()) {
            return invalid("results " + Text.quote(json) + " " + p.error);
        }
        String key;
        int kind;
        String type;
        int from;
        int to;
        boolean escaped;
        if (p.statusKind == STRING || p.statusKind == OTHER) {
            key = "status";
            kind = p.statusKind;
            type = p.statusType;
            from = p.statusFrom;
            to = p.statusTo;
            escaped = p.statusEscaped;
        } else if (p.resultKind == STRING || p.resultKind == OTHER) {
            key = "result";
            kind = p.resultKind;
            type = p.resultType;
            from = p.resultFrom;
            to = p.resultTo;
            escaped = p.resultEscaped;
        } else {
            return invalid(
                    "results "
                            + Text.quote(json)
                            + " has no \"status\" or \"result\" value (absent or null)");
        }
        if (kind == OTHER) {
            return new Problem(
                    RejectReason.UNKNOWN_STATUS,
                    "results \""
                            + key
                            + "\" is "
                            + type
                            + ", expected a string: Pass, Fail, Warning or Warn");
        }
        if (p.word(from, to, escaped) != null) {
            return null;
        }
        return new Problem(
                RejectReason.UNKNOWN_STATUS,
                "results \""
                        + key
                        + "\" "
                        + Text.quote(p.decode(from, to, escaped))
                        + " is not Pass, Fail, Warning or Warn");
    }

    private static Problem invalid(String detail) {
        return new Problem(RejectReason.INVALID_RESULTS, detail);
    }

    private Status word(int from, int to, boolean escaped) {
        if (escaped) {
            String d = decode(from, to, escaped);
            return match(d, 0, d.length());
        }
        return match(s, from, to);
    }

    private static Status match(String v, int from, int to) {
        while (from < to && Text.isBlank(v.charAt(from))) {
            from++;
        }
        while (to > from && Text.isBlank(v.charAt(to - 1))) {
            to--;
        }
        int len = to - from;
        if (len == 4 && v.regionMatches(true, from, "pass", 0, 4)) {
            return Status.PASS;
        }
        if (len == 4 && v.regionMatches(true, from, "fail", 0, 4)) {
            return Status.FAIL;
        }
        if (len == 4 && v.regionMatches(true, from, "warn", 0, 4)) {
            return Status.WARNING;
        }
        if (len == 7 && v.regionMatches(true, from, "warning", 0, 7)) {
            return Status.WARNING;
        }
        return null;
    }

    // ---- scanning: each method returns false with `error` set on bad input ----

    private boolean scan() {
        skipWs();
        if (pos == n) {
            return fail("is empty, expected a JSON object");
        }
        if (s.charAt(pos) != '{') {
            if (!value(0)) {
                return false;
            }
            return fail("is not a JSON object");
        }
        if (!topObject()) {
            return false;
        }
        skipWs();
        return pos == n || fail("has text after the JSON object at offset " + pos);
    }

    private boolean topObject() {
        pos++; // '{'
        skipWs();
        if (pos < n && s.charAt(pos) == '}') {
            pos++;
            return true;
        }
        while (true) {
            skipWs();
            if (pos >= n || s.charAt(pos) != '"') {
                return fail("is not valid JSON: expected a key at offset " + pos);
            }
            if (!string()) {
                return false;
            }
            int key = keyOf(strFrom, strTo, strEscaped);
            skipWs();
            if (pos >= n || s.charAt(pos) != ':') {
                return fail("is not valid JSON: expected ':' at offset " + pos);
            }
            pos++;
            skipWs();
            int kind = pos < n ? kindAt(s.charAt(pos)) : ABSENT;
            String type = pos < n ? typeAt(s.charAt(pos)) : null;
            if (!value(1)) {
                return false;
            }
            if (key == 1) {
                statusKind = kind;
                statusType = type;
                statusFrom = strFrom;
                statusTo = strTo;
                statusEscaped = strEscaped;
            } else if (key == 2) {
                resultKind = kind;
                resultType = type;
                resultFrom = strFrom;
                resultTo = strTo;
                resultEscaped = strEscaped;
            }
            skipWs();
            if (pos < n && s.charAt(pos) == ',') {
                pos++;
            } else if (pos < n && s.charAt(pos) == '}') {
                pos++;
                return true;
            } else {
                return fail("is not valid JSON: expected ',' or '}' at offset " + pos);
            }
        }
    }

    /** 1 for "status", 2 for "result", 0 for any other key. */
    private int keyOf(int from, int to, boolean escaped) {
        if (escaped) {
            String k = decode(from, to, true);
            return k.equals("status") ? 1 : k.equals("result") ? 2 : 0;
        }
        if (to - from == 6) {
            if (s.startsWith("status", from)) {
                return 1;
            }
            if (s.startsWith("result", from)) {
                return 2;
            }
        }
        return 0;
    }

    private static int kindAt(char c) {
        return c == '"' ? STRING : c == 'n' ? NULL : OTHER;
    }

    private static String typeAt(char c) {
        return switch (c) {
            case '{' -> "an object";
            case '[' -> "an array";
            case 't', 'f' -> "a boolean";
            default -> "a number";
        };
    }

    private boolean value(int depth) {
        if (pos >= n) {
            return fail("is not valid JSON: it ends early");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '"':
                return string();
            case '{':
                return container(depth, '}');
            case '[':
                return container(depth, ']');
            case 't':
                return literal("true");
            case 'f':
                return literal("false");
            case 'n':
                return literal("null");
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                return fail("is not valid JSON: unexpected " + describe(c) + " at offset " + pos);
        }
    }

    private boolean container(int depth, char close) {
        if (depth >= MAX_DEPTH) {
            return fail("is nested deeper than " + MAX_DEPTH + " levels");
        }
        boolean object = close == '}';
        pos++;
        skipWs();
        if (pos < n && s.charAt(pos) == close) {
            pos++;
            return true;
        }
        while (true) {
            skipWs();
            if (object) {
                if (pos >= n || s.charAt(pos) != '"') {
                    return fail("is not valid JSON: expected a key at offset " + pos);
                }
                if (!string()) {
                    return false;
                }
                skipWs();
                if (pos >= n || s.charAt(pos) != ':') {
                    return fail("is not valid JSON: expected ':' at offset " + pos);
                }
                pos++;
                skipWs();
            }
            if (!value(depth + 1)) {
                return false;
            }
            skipWs();
            if (pos < n && s.charAt(pos) == ',') {
                pos++;
            } else if (pos < n && s.charAt(pos) == close) {
                pos++;
                return true;
            } else {
                return fail("is not valid JSON: expected ',' or '" + close + "' at offset " + pos);
            }
        }
    }

    /** A string starting at the quote at {@code pos}; sets strFrom/strTo/strEscaped. */
    private boolean string() {
        int i = pos + 1;
        strFrom = i;
        strEscaped = false;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                strTo = i;
                pos = i + 1;
                return true;
            }
            if (c == '\\') {
                strEscaped = true;
                if (i + 1 >= n) {
                    break;
                }
                char e = s.charAt(i + 1);
                if (e == 'u') {
                    if (i + 6 > n || !hex4(i + 2)) {
                        return fail("is not valid JSON: bad \\u escape at offset " + i);
                    }
                    i += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n'
                        || e == 'r' || e == 't') {
                    i += 2;
                } else {
                    return fail("is not valid JSON: bad escape at offset " + i);
                }
            } else if (c < ' ') {
                return fail("is not valid JSON: control character in a string at offset " + i);
            } else {
                i++;
            }
        }
        return fail("is not valid JSON: unterminated string");
    }

    private boolean hex4(int at) {
        for (int i = at; i < at + 4; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The decoded content of a string already checked by {@link #string}. */
    private String decode(int from, int to, boolean escaped) {
        if (!escaped) {
            return s.substring(from, to);
        }
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s, i + 1, i + 5, 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    private boolean number() {
        int i = pos;
        if (s.charAt(i) == '-') {
            i++;
        }
        if (i < n && s.charAt(i) == '0') {
            i++;
        } else {
            int start = i;
            i = skipDigits(i);
            if (i == start) {
                return fail("is not valid JSON: bad number at offset " + pos);
            }
        }
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            i = skipDigits(i);
            if (i == start) {
                return fail("is not valid JSON: bad number at offset " + pos);
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            i = skipDigits(i);
            if (i == start) {
                return fail("is not valid JSON: bad number at offset " + pos);
            }
        }
        pos = i;
        return true;
    }

    private int skipDigits(int i) {
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private boolean literal(String word) {
        if (!s.startsWith(word, pos)) {
            return fail("is not valid JSON: unexpected text at offset " + pos);
        }
        pos += word.length();
        return true;
    }

    private void skipWs() {
        while (pos < n) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static String describe(char c) {
        return c < ' ' ? String.format("character U+%04X", (int) c) : "'" + c + "'";
    }

    private boolean fail(String message) {
        error = message;
        return false;
    }
}
