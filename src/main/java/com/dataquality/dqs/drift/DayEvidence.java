package com.dataquality.dqs.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the drift operator gathers for one day until it closes: the feature vectors of the
 * champion's forecasts made as the day closed and the sum of its realized errors on that day, for
 * one model version. A Flink POJO: the operator's map state holds one per open day.
 */
public final class DayEvidence {
    public String modelVersion;
    public int width;
    public int rows;

    /** Feature vectors, row-major, {@code width} values each. */
    public double[] features = new double[0];

    public double errorSum;
    public int errors;

    public DayEvidence() {}

    public static DayEvidence of(String modelVersion) {
        DayEvidence e = new DayEvidence();
        e.modelVersion = modelVersion;
        return e;
    }

    public void addFeatures(double[] row) {
        if (rows == 0) {
            width = row.length;
        }
        if (row.length != width) {
            return; // another feature list: not comparable with this day's rows
        }
        if (features.length < (rows + 1) * width) {
            features = Arrays.copyOf(features, Math.max(2 * features.length, (rows + 1) * width));
        }
        System.arraycopy(row, 0, features, rows * width, width);
        rows++;
    }

    public void addError(double absError) {
        errorSum += absError;
        errors++;
    }

    public List<double[]> featureRows() {
        List<double[]> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            out.add(Arrays.copyOfRange(features, r * width, (r + 1) * width));
        }
        return out;
    }
}
