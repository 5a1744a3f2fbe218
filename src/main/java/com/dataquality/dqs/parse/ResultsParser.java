package com.dataquality.dqs.parse;

import com.dataquality.dqs.UnicodeText;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.Status;

/**
 * The {@code results} field: a JSON object whose {@code "status"} (or, when status is absent or
 * null, {@code "result"}) holds {@code Pass}, {@code Fail}, {@code Warning} or {@code Warn},
 * trimmed and in any ASCII case. Key names are matched exactly, as JSON keys are case-sensitive;
 * when a key is repeated the last one counts, as in most JSON readers. Text that is not one JSON
 * object, or an object with neither key (or only nulls), is {@code INVALID_RESULTS}; a chosen value
 * that is not a string, or an unknown word, is {@code UNKNOWN_STATUS}.
 */
public final class ResultsParser {
    private ResultsParser() {}

    /** A rejected {@code results} value: the reason code and a sentence for the dead letter. */
    public record Problem(RejectReason reason, String detail) {}

    /** The outcome, or null when the value is not acceptable (then {@link #explain} says why). */
    public static Status parse(String json) {
        ResultsScanner p = new ResultsScanner(json);
        if (!p.scan()) {
            return null;
        }
        if (p.statusKind == ResultsScanner.STRING) {
            return word(p, p.statusFrom, p.statusTo, p.statusEscaped);
        }
        if (p.statusKind == ResultsScanner.ABSENT || p.statusKind == ResultsScanner.NULL) {
            if (p.resultKind == ResultsScanner.STRING) {
                return word(p, p.resultFrom, p.resultTo, p.resultEscaped);
            }
        }
        return null;
    }

    /** Why {@link #parse} returned null; null when it would not have. */
    public static Problem explain(String json) {
        ResultsScanner p = new ResultsScanner(json);
        if (!p.scan()) {
            return invalid(Text.sentence("results %s %s", Text.quote(json), p.error()));
        }
        String key;
        int kind;
        String type;
        int from;
        int to;
        boolean escaped;
        if (p.statusKind == ResultsScanner.STRING || p.statusKind == ResultsScanner.OTHER) {
            key = "status";
            kind = p.statusKind;
            type = p.statusType;
            from = p.statusFrom;
            to = p.statusTo;
            escaped = p.statusEscaped;
        } else if (p.resultKind == ResultsScanner.STRING || p.resultKind == ResultsScanner.OTHER) {
            key = "result";
            kind = p.resultKind;
            type = p.resultType;
            from = p.resultFrom;
            to = p.resultTo;
            escaped = p.resultEscaped;
        } else {
            return invalid(
                    Text.sentence(
                            "results %s has no \"status\" or \"result\" value (absent or null)",
                            Text.quote(json)));
        }
        if (kind == ResultsScanner.OTHER) {
            return new Problem(
                    RejectReason.UNKNOWN_STATUS,
                    Text.sentence(
                            "results \"%s\" is %s, expected a string: Pass, Fail, Warning or Warn",
                            key, type));
        }
        if (word(p, from, to, escaped) != null) {
            return null;
        }
        String exact =
                escaped
                        ? JsonStrings.unescapeExactly(p.text(), from, to)
                        : p.text().substring(from, to);
        int unpaired = UnicodeText.firstUnpaired(exact);
        if (unpaired >= 0) {
            return new Problem(
                    RejectReason.UNKNOWN_STATUS,
                    Text.sentence(
                            "results \"%s\" %s holds an unpaired UTF-16 surrogate (U+%04X), which"
                                    + " is not a character: expected Pass, Fail, Warning or Warn",
                            key, Text.quote(exact), (int) exact.charAt(unpaired)));
        }
        return new Problem(
                RejectReason.UNKNOWN_STATUS,
                Text.sentence(
                        "results \"%s\" %s is not Pass, Fail, Warning or Warn",
                        key, Text.quote(p.decode(from, to, escaped))));
    }

    private static Problem invalid(String detail) {
        return new Problem(RejectReason.INVALID_RESULTS, detail);
    }

    private static Status word(ResultsScanner p, int from, int to, boolean escaped) {
        if (escaped) {
            String d = p.decode(from, to, true);
            return match(d, 0, d.length());
        }
        return match(p.text(), from, to);
    }

    private static Status match(String v, int from, int to) {
        while (from < to && Text.isBlank(v.charAt(from))) {
            from++;
        }
        while (to > from && Text.isBlank(v.charAt(to - 1))) {
            to--;
        }
        int len = to - from;
        if (len == 4) {
            if (isWord(v, from, "pass")) {
                return Status.PASS;
            }
            if (isWord(v, from, "fail")) {
                return Status.FAIL;
            }
            if (isWord(v, from, "warn")) {
                return Status.WARNING;
            }
        }
        if (len == 7 && isWord(v, from, "warning")) {
            return Status.WARNING;
        }
        return null;
    }

    /**
     * The word {@code lower} (lower-case ASCII letters) at {@code from}, in any ASCII case. Setting
     * bit 0x20 lower-cases a letter and can make no other character equal to one. Not {@code
     * regionMatches(true, ...)}: Unicode case folding made it several times larger once compiled,
     * on a path every record takes, and would accept look-alikes such as the Kelvin sign for K.
     */
    private static boolean isWord(String v, int from, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            if ((v.charAt(from + i) | 0x20) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
