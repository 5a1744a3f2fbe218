package com.dataquality.dqs.features;

import java.util.Arrays;
import java.util.Collection;

/**
 * The categorical vocabularies of a model: the dataset UUIDs and rule codes seen in training, each
 * sorted so that the code of a value is its position and the same training data always gives the
 * same codes. A value not in the vocabulary has no code (the feature is missing).
 *
 * @param datasetUuids sorted, distinct
 * @param ruleCodes sorted, distinct
 */
public record Vocabularies(String[] datasetUuids, int[] ruleCodes) {

    public Vocabularies {
        datasetUuids = datasetUuids.clone();
        ruleCodes = ruleCodes.clone();
        for (int i = 1; i < datasetUuids.length; i++) {
            if (datasetUuids[i - 1].compareTo(datasetUuids[i]) >= 0) {
                throw new IllegalArgumentException("dataset vocabulary is not sorted and distinct");
            }
        }
        for (int i = 1; i < ruleCodes.length; i++) {
            if (ruleCodes[i - 1] >= ruleCodes[i]) {
                throw new IllegalArgumentException(
                        "rule-code vocabulary is not sorted and distinct");
            }
        }
    }

    /** Vocabularies of the given values, in any order and with repeats. */
    public static Vocabularies of(Collection<String> datasetUuids, Collection<Integer> ruleCodes) {
        return new Vocabularies(
                datasetUuids.stream().distinct().sorted().toArray(String[]::new),
                ruleCodes.stream().distinct().sorted().mapToInt(Integer::intValue).toArray());
    }

    /** The code of a dataset, or NaN when it was not seen in training. */
    public double datasetCode(String datasetUuid) {
        int i = Arrays.binarySearch(datasetUuids, datasetUuid);
        return i >= 0 ? i : Double.NaN;
    }

    /** The code of a rule, or NaN when it was not seen in training. */
    public double ruleCode(int ruleCode) {
        int i = Arrays.binarySearch(ruleCodes, ruleCode);
        return i >= 0 ? i : Double.NaN;
    }

    @Override
    public String[] datasetUuids() {
        return datasetUuids.clone();
    }

    @Override
    public int[] ruleCodes() {
        return ruleCodes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabularies v
                && Arrays.equals(datasetUuids, v.datasetUuids)
                && Arrays.equals(ruleCodes, v.ruleCodes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(datasetUuids) + Arrays.hashCode(ruleCodes);
    }

    @Override
    public String toString() {
        return "Vocabularies[" + datasetUuids.length + " datasets, " + ruleCodes.length + " rules]";
    }
}
