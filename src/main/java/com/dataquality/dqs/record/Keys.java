package com.dataquality.dqs.record;

/**
 * Composite keys as plain strings. Flink hashes keys to pick key groups, and {@link
 * String#hashCode()} is specified, so a savepoint taken on one JVM restores on another; a record's
 * hash code is not specified. The separator cannot occur in parsed CSV or JSON text that users
 * would write, and the parts are never split back out of the key.
 */
public final class Keys {
    private static final char SEP = '\u001f';

    private Keys() {}

    public static String summaryKey(
            String source, String tenantId, String datasetUuid, String datasetName, int ruleCode) {
        return source + SEP + tenantId + SEP + datasetUuid + SEP + datasetName + SEP + ruleCode;
    }

    public static String seriesKey(String datasetUuid, int ruleCode) {
        return datasetUuid + SEP + ruleCode;
    }

    public static String seriesDatasetUuid(String seriesKey) {
        return seriesKey.substring(0, seriesKey.lastIndexOf(SEP));
    }

    public static int seriesRuleCode(String seriesKey) {
        return Integer.parseInt(seriesKey.substring(seriesKey.lastIndexOf(SEP) + 1));
    }
}
