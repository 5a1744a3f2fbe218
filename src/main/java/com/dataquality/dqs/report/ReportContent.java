package com.dataquality.dqs.report;

import com.dataquality.dqs.record.Keys;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything read for one report, before it is written as the page's data. */
final class ReportContent {
    /** Series by {@link Keys#seriesKey}. */
    final Map<String, SeriesBuilder> series = new HashMap<>();

    final List<DirFacts> dirs = new ArrayList<>();

    /** Model versions in the order first met; forecasts refer to them by index. */
    final List<String> versions = new ArrayList<>();

    private final Map<String, Integer> versionIndex = new HashMap<>();

    /** Drift events and retraining triggers of every directory, each once (keyed by its text). */
    final Map<String, JsonNode> driftEvents = new LinkedHashMap<>();

    final Map<String, JsonNode> retrainTriggers = new LinkedHashMap<>();

    /** Interval levels met in forecasts and anomalies, with how many rows had each. */
    final Map<Double, Long> intervalLevels = new TreeMap<>();

    /** Forecasts with an interval (lower and upper bounds). */
    long forecastsWithInterval;

    /** Rows and lines read from every file. */
    long rowsRead;

    ModelFacts model;

    RegistryFacts registry;

    SeriesBuilder series(String datasetUuid, int ruleCode) {
        return series.computeIfAbsent(
                Keys.seriesKey(datasetUuid, ruleCode),
                k -> new SeriesBuilder(datasetUuid, ruleCode));
    }

    int versionIndex(String version) {
        return versionIndex.computeIfAbsent(
                version,
                v -> {
                    versions.add(v);
                    return versions.size() - 1;
                });
    }

    /** What one input directory held and what could not be read from it. */
    static final class DirFacts {
        final String path;

        /** {@code run}, {@code summarize}, or {@code unknown} (no known output in it). */
        String kind = "unknown";

        final List<String> present = new ArrayList<>();
        final List<String> absent = new ArrayList<>();

        /** {@code run_report.json} as written, or null. */
        JsonNode runReport;

        /** Dead letters per reason, counted in {@code dead_letters.csv}. */
        final Map<String, Long> deadLetters = new TreeMap<>();

        /** The first few dead letters of each reason: reason, detail, file, line, raw. */
        final List<String[]> deadLetterSamples = new ArrayList<>();

        /** One sentence per problem met while reading (unreadable rows, missing columns). */
        final List<String> problems = new ArrayList<>();

        long shadowForecasts;

        DirFacts(String path) {
            this.path = path;
        }
    }

    /** The model of {@code --model}. */
    record ModelFacts(String file, com.dataquality.dqs.model.ForecastModel model) {}

    /** The models of {@code --registry}: each version, or why it cannot be read. */
    record RegistryFacts(String dir, String active, List<RegistryEntry> entries) {}

    record RegistryEntry(
            String version,
            boolean active,
            com.dataquality.dqs.model.ForecastModel model,
            String problem) {}
}
