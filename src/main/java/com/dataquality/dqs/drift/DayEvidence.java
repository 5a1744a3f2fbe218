package com.dataquality.dqs.drift;

import com.dataquality.dqs.model.ForecastModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the drift operator gathers for one day until it closes: the feature vectors of the
 * champion's forecasts made as the day closed and its realized forecasts of that day, for one model
 * version. A Flink POJO: the operator's map state holds one per open day.
 *
 * <p>Each realized forecast is kept as its mean, executions and passes rather than as a finished
 * PIT: the PIT needs the model's forecast distribution, and a forecast of a new model can reach the
 * operator before the model itself does (they travel on different inputs). The day is judged once
 * its model is known, so the PIT is computed then ({@link #errorEvidence}).
 */
public final class DayEvidence {
    public String modelVersion;
    public int width;
    public int rows;

    /** Feature vectors, row-major, {@code width} values each. */
    public double[] features = new double[0];

    /** Sum of the absolute errors of all {@link #errors} realized forecasts. */
    public double errorSum;

    public int errors;

    /**
     * Realized forecasts as (mean, executions, passes) triples, {@link #realizedRows} of them. Null
     * or shorter than {@link #errors} in evidence restored from a version that kept only the
     * absolute errors: those rows count for the mean error, not for the PIT.
     */
    public double[] realized = new double[0];

    public int realizedRows;

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

    /** An error known only as its absolute value (evidence of versions before 0.2). */
    public void addError(double absError) {
        errorSum += absError;
        errors++;
    }

    /**
     * A realized forecast.
     *
     * @param mean the forecast's mean (percent)
     * @param executions the day's actual executions (at least 1)
     * @param passes the day's actual passes
     */
    public void addRealized(double mean, int executions, int passes) {
        addError(Math.abs(mean - 100.0 * passes / executions));
        if (realized == null) {
            realized = new double[0];
        }
        if (realized.length < 3 * (realizedRows + 1)) {
            realized =
                    Arrays.copyOf(realized, Math.max(2 * realized.length, 3 * (realizedRows + 1)));
        }
        realized[3 * realizedRows] = mean;
        realized[3 * realizedRows + 1] = executions;
        realized[3 * realizedRows + 2] = passes;
        realizedRows++;
    }

    public List<double[]> featureRows() {
        List<double[]> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            out.add(Arrays.copyOfRange(features, r * width, (r + 1) * width));
        }
        return out;
    }

    /**
     * The day's errors as the detector reads them, the PIT in {@code model}'s forecast distribution
     * (the model these forecasts came from): the mean error over every realized forecast, the PIT
     * over those whose executions and passes are known.
     */
    public ErrorEvidence errorEvidence(ForecastModel model) {
        ErrorEvidence pit = ErrorEvidence.NONE;
        for (int r = 0; realized != null && r < realizedRows; r++) {
            pit =
                    pit.plus(
                            model,
                            realized[3 * r],
                            (int) realized[3 * r + 1],
                            (int) realized[3 * r + 2]);
        }
        return new ErrorEvidence(errorSum, errors, pit.pitDeviation(), pit.pitVariance());
    }
}
