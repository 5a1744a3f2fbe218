package com.dataquality.dqs.model;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;

/** Batch prediction with a native booster, in bounded chunks. */
public final class Boosters {

    /**
     * Rows per native call. lightgbm4j copies the whole Java array it is given into native memory
     * on every call, so each call gets an array sized exactly to its chunk.
     */
    public static final int CHUNK_ROWS = 8192;

    /** One thread per booster: scorers run inside parallel Flink tasks and CLI loops. */
    public static final String PREDICT_PARAMETERS = "num_threads=1";

    private Boosters() {}

    /**
     * Raw predictions of {@code rows} rows of {@code width} features (row-major) into {@code out}.
     */
    public static void predict(
            LGBMBooster booster, double[] features, int rows, int width, double[] out)
            throws LGBMException {
        double[] chunk = null;
        for (int start = 0; start < rows; start += CHUNK_ROWS) {
            int n = Math.min(CHUNK_ROWS, rows - start);
            if (chunk == null || chunk.length != n * width) {
                chunk = new double[n * width];
            }
            System.arraycopy(features, start * width, chunk, 0, n * width);
            double[] p =
                    booster.predictForMat(
                            chunk,
                            n,
                            width,
                            true,
                            PredictionType.C_API_PREDICT_NORMAL,
                            PREDICT_PARAMETERS);
            System.arraycopy(p, 0, out, start, n);
        }
    }

    /** A pass percentage from a raw prediction: within [0, 100]. */
    public static double clip(double raw) {
        return raw < 0 ? 0 : raw > 100 ? 100 : raw;
    }
}
