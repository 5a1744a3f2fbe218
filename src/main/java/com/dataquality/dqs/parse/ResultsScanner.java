package com.dataquality.dqs.parse;

/**
 * Scans one {@code results} text for {@link ResultsParser}: a small hand-written JSON scanner
 * rather than a library, since it runs once per record. It checks that the whole text is JSON
 * (nested values, escapes, numbers, literals) but decodes nothing on the valid path: it only
 * remembers where the top-level {@code "status"} and {@code "result"} values are and what kind they
 * are.
 */
final class ResultsScanner {
    /** Deeper nesting is refused rather than risking the stack on hostile input. */
    static final int MAX_DEPTH = 256;

    static final int ABSENT = 0;
    static final int NULL = 1;
    static final int STRING = 2;
    static final int OTHER = 3;

    private final String s;
    private final int n;
    private int pos;
    private boolean[] openObjects; // container(): true for an open object, false for an array
    // Why scan() failed; the sentence is built by error(), for rejected records only.
    private JsonProblem problem;
    private int problemOffset;
    private char problemCharacter;
    int statusKind = ABSENT;
    int statusFrom;
    int statusTo;
    boolean statusEscaped;
    String statusType;
    int resultKind = ABSENT;
    int resultFrom;
    int resultTo;
    boolean resultEscaped;
    String resultType;
    // The last string scanned: its content range and whether it held escapes.
    private int strFrom;
    private int strTo;
    private boolean strEscaped;

    ResultsScanner(String s) {
        this.s = s;
        this.n = s.length();
    }

    String text() {
        return s;
    }

    /** Why {@link #scan} failed, as the end of a sentence starting with the value. */
    String error() {
        return problem == null ? null : problem.describe(problemOffset, problemCharacter);
    }

    // ---- scanning: each method returns false with `error` set on bad input ----

    /** False, with {@link #error()} set, when the text is not one JSON object. */
    boolean scan() {
        skipWs();
        if (pos == n) {
            return fail(JsonProblem.EMPTY, pos);
        }
        if (s.charAt(pos) != '{') {
            if (!value(0)) {
                return false;
            }
            return fail(JsonProblem.NOT_AN_OBJECT, pos);
        }
        if (!topObject()) {
            return false;
        }
        skipWs();
        return pos == n || fail(JsonProblem.TEXT_AFTER_OBJECT, pos);
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
                return fail(JsonProblem.EXPECTED_KEY, pos);
            }
            if (!string()) {
                return false;
            }
            int key = keyOf(strFrom, strTo, strEscaped);
            skipWs();
            if (pos >= n || s.charAt(pos) != ':') {
                return fail(JsonProblem.EXPECTED_COLON, pos);
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
                return fail(JsonProblem.EXPECTED_COMMA_OR_CLOSE, pos, '}');
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
            return fail(JsonProblem.ENDS_EARLY, pos);
        }
        char c = s.charAt(pos);
        return c == '{' || c == '[' ? container(depth) : scalar(c);
    }

    /** A value that is not an object or array, starting with {@code c} at {@code pos}. */
    private boolean scalar(char c) {
        switch (c) {
            case '"':
                return string();
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
                return fail(JsonProblem.UNEXPECTED_CHARACTER, pos, c);
        }
    }

    /**
     * The object or array at {@code pos}, nested values included, checked and skipped (nothing
     * inside it is kept). A loop over a stack of open containers rather than recursion: a recursive
     * scanner compiled into several large copies of itself, which cost more to compile than the
     * records it then scanned in a run of a million rows (measured).
     *
     * @param depth the nesting depth of this container (the top-level object is 0)
     */
    private boolean container(int depth) {
        if (openObjects == null) {
            openObjects = new boolean[MAX_DEPTH];
        }
        int level = 0; // containers open; openObjects[level - 1] is the innermost
        while (true) {
            // pos is at the '{' or '[' of a container to open.
            if (depth + level >= MAX_DEPTH) {
                return fail(JsonProblem.TOO_DEEP, pos);
            }
            boolean object = s.charAt(pos) == '{';
            openObjects[level++] = object;
            pos++;
            skipWs();
            boolean element = true;
            if (pos < n && s.charAt(pos) == (object ? '}' : ']')) {
                pos++;
                element = false; // empty: it closed at once
            }
            while (true) {
                if (element) {
                    if (openObjects[level - 1] && !key()) {
                        return false;
                    }
                    if (pos >= n) {
                        return fail(JsonProblem.ENDS_EARLY, pos);
                    }
                    char c = s.charAt(pos);
                    if (c == '{' || c == '[') {
                        break; // a nested container: open it
                    }
                    if (!scalar(c)) {
                        return false;
                    }
                } else if (--level == 0) {
                    return true; // the outermost container closed
                }
                // After an element (or a nested container that closed) of the innermost one.
                skipWs();
                char close = openObjects[level - 1] ? '}' : ']';
                if (pos < n && s.charAt(pos) == ',') {
                    pos++;
                    skipWs();
                    element = true;
                } else if (pos < n && s.charAt(pos) == close) {
                    pos++;
                    element = false;
                } else {
                    return fail(JsonProblem.EXPECTED_COMMA_OR_CLOSE, pos, close);
                }
            }
        }
    }

    /** A nested object's {@code "key":} at {@code pos}, blanks after it skipped. */
    private boolean key() {
        if (pos >= n || s.charAt(pos) != '"') {
            return fail(JsonProblem.EXPECTED_KEY, pos);
        }
        if (!string()) {
            return false;
        }
        skipWs();
        if (pos >= n || s.charAt(pos) != ':') {
            return fail(JsonProblem.EXPECTED_COLON, pos);
        }
        pos++;
        skipWs();
        return true;
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
                        return fail(JsonProblem.BAD_UNICODE_ESCAPE, i);
                    }
                    i += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n'
                        || e == 'r' || e == 't') {
                    i += 2;
                } else {
                    return fail(JsonProblem.BAD_ESCAPE, i);
                }
            } else if (c < ' ') {
                return fail(JsonProblem.CONTROL_CHARACTER, i);
            } else {
                i++;
            }
        }
        return fail(JsonProblem.UNTERMINATED_STRING, pos);
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
    String decode(int from, int to, boolean escaped) {
        return escaped ? JsonStrings.unescape(s, from, to) : s.substring(from, to);
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
                return fail(JsonProblem.BAD_NUMBER, pos);
            }
        }
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            i = skipDigits(i);
            if (i == start) {
                return fail(JsonProblem.BAD_NUMBER, pos);
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
                return fail(JsonProblem.BAD_NUMBER, pos);
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
            return fail(JsonProblem.UNEXPECTED_TEXT, pos);
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

    private boolean fail(JsonProblem kind, int offset) {
        return fail(kind, offset, ' ');
    }

    private boolean fail(JsonProblem kind, int offset, char character) {
        problem = kind;
        problemOffset = offset;
        problemCharacter = character;
        return false;
    }
}
