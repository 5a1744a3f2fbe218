package com.dataquality.dqs.model;

import com.dataquality.dqs.features.DailySeriesTable;
import java.time.Instant;

/** A small trained model shared by tests of other packages (trained once per JVM). */
public final class TestModels {
    private static ForecastModel small;

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
