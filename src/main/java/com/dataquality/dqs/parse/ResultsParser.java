package com.dataquality.dqs.parse;

import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.Status;

/**
 * The {@code results} field: a JSON object whose {@code "status"} (or, when status is absent or
 * null, {@code "result"}) holds {@code Pass}, {@code Fail}, {@code Warning} or {@code Warn},
 * trimmed and case-insensitive. Key names are matched exactly, as JSON keys are case-sensitive;
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
            return invalid("results " + Text.quote(json) + " " + p.error());
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
                    "results "
                            + Text.quote(json)
                            + " has no \"status\" or \"result\" value (absent or null)");
        }
        if (kind == ResultsScanner.OTHER) {
            return new Problem(
                    RejectReason.UNKNOWN_STATUS,
                    "results \""
                            + key
                            + "\" is "
                            + type
                            + ", expected a string: Pass, Fail, Warning or Warn");
        }
        if (word(p, from, to, escaped) != null) {
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
}
