package com.dataquality.dqs.scoring;

import com.dataquality.dqs.stream.MetricNames;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The forecast operator's metrics, under the {@code dqs} group. The serving model is exported three
 * ways: its version as text (the dashboard and REST API show it), its training time as a number,
 * and a {@code model_info} gauge per version under a {@code version} label, 1 while it is the
 * champion and 0 after (the Prometheus "info" pattern: a text gauge reaches Prometheus as 0.0).
 */
final class ForecastMetrics {
    final Counter forecasts;
    final Counter lateForecasts;
    final Counter shadowForecasts;
    final Counter swaps;
    final Counter rejections;
    final Counter anomalies;
    final DescriptiveStatisticsHistogram latency;

    private final LongCounter forecastTotal;
    private final VersionCounts versions;
    private final MetricGroup group;
    private final Set<String> labelled = new HashSet<>();
    private double errorSum;
    private long errorCount;
    private final Counter realized;
    private volatile String championVersion;
    private volatile long championTrainedAt;
    private volatile int served;

    ForecastMetrics(RuntimeContext context) {
        group = context.getMetricGroup().addGroup(MetricNames.GROUP);
        // Accumulators too: the result of a bounded run, for its run report.
        forecastTotal = context.getLongCounter(MetricNames.FORECASTS_EMITTED);
        versions = new VersionCounts();
        context.addAccumulator(MetricNames.MODEL_VERSIONS_SERVED, versions);
        forecasts = group.counter(MetricNames.FORECASTS_EMITTED);
        lateForecasts = group.counter(MetricNames.LATE_FORECASTS);
        shadowForecasts = group.counter(MetricNames.SHADOW_FORECASTS);
        realized = group.counter(MetricNames.REALIZED);
        swaps = group.counter(MetricNames.MODEL_SWAPS);
        rejections = group.counter(MetricNames.MODEL_REJECTIONS);
        anomalies = group.counter(MetricNames.ANOMALIES);
        latency =
                group.histogram(
                        MetricNames.FORECAST_LATENCY_MICROS,
                        new DescriptiveStatisticsHistogram(10_000));
        group.gauge(MetricNames.MODEL_VERSION, () -> championVersion);
        group.gauge(MetricNames.MODEL_TRAINED_AT, () -> championTrainedAt);
        group.gauge(MetricNames.MODELS_SERVED, () -> served);
        group.gauge(
                MetricNames.REALIZED_MAE,
                () -> errorCount == 0 ? Double.NaN : errorSum / errorCount);
    }

    /** A forecast made for the predictions output. */
    void forecast(String version) {
        forecasts.inc();
        forecastTotal.add(1L);
        versions.add(version);
    }

    void realized(double absError) {
        realized.inc();
        errorSum += absError;
        errorCount++;
    }

    /** Follows the roster: which version is champion, and one labelled gauge per version. */
    void serving(ModelRoster roster, ModelCache cache) {
        ServedModel champion = roster.champion();
        Scorer scorer = champion == null ? null : cache.scorer(champion.version());
        championVersion = scorer == null ? null : champion.version();
        championTrainedAt = scorer == null ? 0 : ForecastFunction.trainedAtSeconds(scorer);
        served = roster.models().length;
        if (championVersion != null && labelled.add(championVersion)) {
            String version = championVersion;
            group.addGroup("version", version)
                    .gauge(MetricNames.MODEL_INFO, () -> version.equals(championVersion) ? 1 : 0);
        }
    }
}
