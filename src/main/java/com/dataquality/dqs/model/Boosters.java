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
     * Raw predictions of {@code rows} rows of {@code width} features (row-major) into {@code out},
     * on one thread.
     */
    public static void predict(
            LGBMBooster booster, double[] features, int rows, int width, double[] out)
            throws LGBMException {
        predict(booster, features, rows, width, out, 1);
    }

    /**
     * The same on {@code threads} native threads (LightGBM splits a chunk's rows between them; each
     * row's prediction is the same whatever the count). For a command that owns the machine ({@code
     * batch-predict}); scorers inside parallel Flink tasks keep one.
     */
    public static void predict(
            LGBMBooster booster, double[] features, int rows, int width, double[] out, int threads)
            throws LGBMException {
        String parameters = threads <= 1 ? PREDICT_PARAMETERS : "num_threads=" + threads;
        double[] chunk = null;
        for (int start = 0; start < rows; start += CHUNK_ROWS) {
            int n = Math.min(CHUNK_ROWS, rows - start);
            if (chunk == null || chunk.length != n * width) {
                chunk = new double[n * width];
            }
            System.arraycopy(features, start * width, chunk, 0, n * width);
            double[] p =
                    booster.predictForMat(
                            chunk, n, width, true, PredictionType.C_API_PREDICT_NORMAL, parameters);
            System.arraycopy(p, 0, out, start, n);
        }
    }

    /** A pass percentage from a raw prediction: within [0, 100]. */
    public static double clip(double raw) {
        return raw < 0 ? 0 : raw > 100 ? 100 : raw;
    }
}
