package com.dataquality.dqs.model;

import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.features.Vocabularies;
import java.time.Instant;

/** A small trained model shared by tests of other packages (trained once per JVM). */
public final class TestModels {
    private static ForecastModel small;
    private static ForecastModel medium;

    private TestModels() {}

    /** Trained on {@code SyntheticData.table(3, 2, 60, 3)}: datasets ds-0..2, rules 100, 101. */
    public static synchronized ForecastModel small() {
        if (small == null) {
            DailySeriesTable table = SyntheticData.table(3, 2, 60, 3);
            small =
                    new Trainer(m -> {})
                            .train(
                                    table.series(),
                                    table.records(),
                                    Instant.parse("2026-01-01T00:00:00Z"));
        }
        return small;
    }

    /**
     * Trained on {@code SyntheticData.table(20, 5, 200, 7)} with the default features plus the
     * dataset and rule codes: trees of 15 leaves with categorical splits, the base the model-text
     * checks are tested and fuzzed on.
     */
    public static synchronized ForecastModel medium() {
        if (medium == null) {
            DailySeriesTable table = SyntheticData.table(20, 5, 200, 7);
            java.util.List<String> features =
                    new java.util.ArrayList<>(
                            com.dataquality.dqs.features.FeatureExtractor.DEFAULTS);
            features.add("dataset_uuid");
            features.add("rule_code");
            medium =
                    new Trainer(m -> {}, Trainer.Options.DEFAULTS.withFeatures(features))
                            .train(
                                    table.series(),
                                    table.records(),
                                    Instant.parse("2026-01-01T00:00:00Z"));
        }
        return medium;
    }

    /**
     * The same model with a vocabulary of {@code count} made-up dataset UUIDs: a valid model of any
     * size (about 40 bytes per dataset in the file), e.g. one above Kafka's default 1 MB.
     */
    public static ForecastModel withDatasets(ForecastModel m, int count) {
        String[] uuids = new String[count];
        for (int i = 0; i < count; i++) {
            uuids[i] = String.format("%08d-0000-4000-8000-000000000000", i);
        }
        return new ForecastModel(
                m.format(),
                m.version(),
                m.createdAt(),
                m.features(),
                m.categoricalFeatures(),
                new Vocabularies(uuids, m.vocabularies().ruleCodes()),
                m.training(),
                m.holdoutMetrics(),
                m.driftReference(),
                m.lightgbmModel());
    }

    /** The same model with another LightGBM text (for tests that edit the text). */
    public static ForecastModel withText(ForecastModel m, String lightgbmModel) {
        return new ForecastModel(
                m.format(),
                m.version(),
                m.createdAt(),
                m.features(),
                m.categoricalFeatures(),
                m.vocabularies(),
                m.training(),
                m.holdoutMetrics(),
                m.driftReference(),
                lightgbmModel);
    }

    /** The same model under another version: what a swap looks like to the job. */
    public static ForecastModel withVersion(ForecastModel m, String version) {
        return new ForecastModel(
                m.format(),
                version,
                m.createdAt(),
                m.features(),
                m.categoricalFeatures(),
                m.vocabularies(),
                m.training(),
                m.holdoutMetrics(),
                m.driftReference(),
                m.lightgbmModel());
    }
}
