package com.dataquality.dqs.scoring;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.features.SeriesState;
import com.dataquality.dqs.model.Boosters;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.NativeLightGbm;
import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;

/**
 * Scores feature vectors with one model: a native LightGBM booster built from the model file's
 * text, plus the model's feature extractor. Predictions are pass percentages clipped to [0, 100].
 *
 * <p>Not thread-safe: a scorer owns native memory and is meant for one thread (one per Flink task,
 * one per CLI command). Never share one between threads; build one per thread from the same {@link
 * ForecastModel} instead. {@link #close()} frees the native booster.
 */
public final class Scorer implements AutoCloseable {

    private final ForecastModel model;
    private final FeatureExtractor extractor;
    private LGBMBooster booster;

    public Scorer(ForecastModel model) {
        this.model = model;
        this.extractor = new FeatureExtractor(model.vocabularies(), model.features());
        try {
            this.booster = NativeLightGbm.boosterFromText(model.lightgbmModel(), model.features());
        } catch (LGBMException e) {
            throw new InputException(
                    "model " + model.version() + ": LightGBM cannot load it: " + e.getMessage(), e);
        }
    }

    public String modelVersion() {
        return model.version();
    }

    public ForecastModel model() {
        return model;
    }

    /** The extractor of this model's features (its own list, by name) and vocabularies. */
    public FeatureExtractor extractor() {
        return extractor;
    }

    /**
     * The forecast of a series for {@code targetDay} (epoch day) from its history: the one call a
     * streaming operator needs per series-day.
     */
    public double forecast(SeriesState series, int targetDay) {
        return predict(extractor.extract(series, targetDay));
    }

    /**
     * The forecast (the expected pass percentage) of one feature vector of {@code
     * extractor().width()} values.
     */
    public double predict(double[] features) {
        checkWidth(features.length, 1);
        try {
            return Boosters.clip(
                    open().predictForMatSingleRow(features, PredictionType.C_API_PREDICT_NORMAL));
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM prediction failed: " + e.getMessage(), e);
        }
    }

    /**
     * The forecast distribution of a series-day: the mean ({@link #predict}), the median, any
     * quantile and central intervals, on the values a day of the expected executions can take.
     *
     * @param state the series' state the features were extracted from
     * @param targetDay the forecast day (epoch day)
     * @param features what {@code extractor().extract(state, targetDay)} returned: computed once,
     *     used here for the mean
     */
    public PredictiveDistribution distribution(
            SeriesState state, int targetDay, double[] features) {
        return PredictiveDistribution.of(
                predict(features),
                FeatureExtractor.expectedExecutions(state, targetDay),
                model.distribution());
    }

    /**
     * The distribution of a day of exactly {@code executions} executions around a forecast mean:
     * how a realized day is judged ({@link PredictiveDistribution#side}).
     */
    public PredictiveDistribution distributionFor(double mean, int executions) {
        return PredictiveDistribution.of(mean, Math.max(1, executions), model.distribution());
    }

    /**
     * Forecasts of {@code rows} feature vectors (row-major) into {@code out[0 .. rows)}, in chunks
     * of {@link Boosters#CHUNK_ROWS}.
     */
    public void predict(double[] features, int rows, double[] out) {
        predict(features, rows, out, 1);
    }

    /**
     * The same on {@code threads} native threads ({@link Boosters#predict(LGBMBooster, double[],
     * int, int, double[], int)}): the same values, for a caller that owns the machine.
     */
    public void predict(double[] features, int rows, double[] out, int threads) {
        checkWidth(features.length, rows);
        try {
            Boosters.predict(open(), features, rows, extractor.width(), out, threads);
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM prediction failed: " + e.getMessage(), e);
        }
        for (int i = 0; i < rows; i++) {
            out[i] = Boosters.clip(out[i]);
        }
    }

    private void checkWidth(int length, int rows) {
        int width = extractor.width();
        if (length < rows * width) {
            throw new IllegalArgumentException(
                    "expected " + rows * width + " values, got " + length);
        }
    }

    private LGBMBooster open() {
        if (booster == null) {
            throw new IllegalStateException("scorer of model " + model.version() + " is closed");
        }
        return booster;
    }

    @Override
    public void close() {
        if (booster != null) {
            try {
                booster.close();
            } catch (LGBMException e) {
                // Nothing to recover: the native memory is lost either way.
            } finally {
                booster = null;
            }
        }
    }
}
