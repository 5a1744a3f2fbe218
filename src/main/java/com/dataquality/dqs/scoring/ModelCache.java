package com.dataquality.dqs.scoring;

import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.record.ModelUpdate;

/**
 * One task's native scorer, derived from the model bytes in broadcast state: built lazily, and
 * rebuilt (closing the old booster and its native memory) when the version in state changes. Only
 * this cache may live in a transient field; the model itself lives in state.
 */
final class ModelCache implements AutoCloseable {
    private Scorer scorer;

    /** The scorer of the active model, building it when the version changed; null for none. */
    Scorer scorerFor(ActiveModel active) {
        if (active == null) {
            return null;
        }
        if (scorer == null || !scorer.modelVersion().equals(active.version())) {
            replace(load(new ModelUpdate(active.origin(), active.modelJson())));
        }
        return scorer;
    }

    /**
     * Parses, validates and loads a model into LightGBM: throws {@code InputException} with a
     * one-line reason for anything unusable (garbage, a foreign document, LightGBM text that does
     * not load), so the caller can reject it and keep the previous model.
     */
    static Scorer load(ModelUpdate update) {
        ForecastModel model = ModelFile.parse(update.modelJson(), update.origin());
        return new Scorer(model);
    }

    /** Makes {@code next} this task's scorer, closing the previous one. */
    void replace(Scorer next) {
        if (scorer != null && scorer != next) {
            scorer.close();
        }
        scorer = next;
    }

    String version() {
        return scorer == null ? null : scorer.modelVersion();
    }

    @Override
    public void close() {
        replace(null);
    }
}
