package com.dataquality.dqs.record;

/**
 * Composite keys as plain strings. Flink hashes keys to pick key groups, and {@link
 * String#hashCode()} is specified, so a savepoint taken on one JVM restores on another; a record's
 * hash code is not specified.
 *
 * <p>The parts are joined with U+001F and escaped, so that two different keys never join into the
 * same string, whatever their text: a part's U+001E becomes U+001E '0' and its U+001F becomes
 * U+001E '1'. Text without those two control characters is joined as it is, so keys of ordinary
 * text are the same as in versions before the escaping, and their savepoints keep their key groups.
 */
public final class Keys {
    private static final char SEP = '\u001f';
    private static final char ESC = '\u001e';

    private Keys() {}

    public static String summaryKey(
            String source, String tenantId, String datasetUuid, String datasetName, int ruleCode) {
        StringBuilder b = new StringBuilder(64);
        escape(b, source).append(SEP);
        escape(b, tenantId).append(SEP);
        escape(b, datasetUuid).append(SEP);
        escape(b, datasetName).append(SEP);
        return b.append(ruleCode).toString();
    }

    public static String seriesKey(String datasetUuid, int ruleCode) {
        StringBuilder b = new StringBuilder(datasetUuid.length() + 8);
        return escape(b, datasetUuid).append(SEP).append(ruleCode).toString();
    }

    /** The dataset of a series key (only state of versions before 0.2 needs to read it back). */
    public static String seriesDatasetUuid(String seriesKey) {
        return unescape(seriesKey.substring(0, seriesKey.lastIndexOf(SEP)));
    }

    /** The rule code of a series key. */
    public static int seriesRuleCode(String seriesKey) {
        return Integer.parseInt(seriesKey.substring(seriesKey.lastIndexOf(SEP) + 1));
    }

    private static StringBuilder escape(StringBuilder b, String part) {
        if (part.indexOf(SEP) < 0 && part.indexOf(ESC) < 0) {
            return b.append(part);
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == ESC) {
                b.append(ESC).append('0');
            } else if (c == SEP) {
                b.append(ESC).append('1');
            } else {
                b.append(c);
            }
        }
        return b;
    }

    private static String unescape(String part) {
        if (part.indexOf(ESC) < 0) {
            return part;
        }
        StringBuilder b = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == ESC && i + 1 < part.length()) {
                b.append(part.charAt(++i) == '0' ? ESC : SEP);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
