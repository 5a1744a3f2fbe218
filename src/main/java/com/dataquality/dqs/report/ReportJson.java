package com.dataquality.dqs.report;

import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.Metrics;
import com.dataquality.dqs.report.ReportContent.DirFacts;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The page's data: one JSON document, compact (days as epoch-day numbers, each series' values as
 * arrays from its first day, numbers rounded to what the page shows), with what the report could
 * not show said in sentences.
 */
final class ReportJson {
    /** Decimals of percentages on the page. */
    private static final int DECIMALS = 2;

    /**
     * Days charted at most, per series and overall (ten years): the page holds one value per day
     * from a series' first day, so a stray far-away date must not make it huge.
     */
    static final int MAX_DAYS = 3660;

    private final ReportContent c;
    private final List<SeriesBuilder> series;

    ReportJson(ReportContent content) {
        this.c = content;
        this.series = new ArrayList<>(content.series.values());
        // A stable order (the page sorts as the user asks): by dataset name, then id and rule.
        series.sort(
                Comparator.comparing((SeriesBuilder s) -> s.latest == null ? "" : name(s))
                        .thenComparing(s -> s.datasetUuid)
                        .thenComparingInt(s -> s.ruleCode));
    }

    int seriesCount() {
        return series.size();
    }

    private static String name(SeriesBuilder s) {
        String n = s.latest.datasetName();
        return n == null ? "" : n;
    }

    void write(Writer out, Instant generated) throws IOException {
        try (HtmlSafeJson j = new HtmlSafeJson(out)) {
            j.startObject();
            j.field("generated", generated.truncatedTo(ChronoUnit.SECONDS).toString());
            j.name("dirs").startArray();
            for (DirFacts d : c.dirs) {
                dir(j, d);
            }
            j.endArray();
            Flags f = flags();
            j.name("show").startObject();
            j.name("daily").bool(f.daily);
            j.name("forecasts").bool(f.forecasts);
            j.name("interval").bool(c.forecastsWithInterval > 0);
            j.name("anomalies").bool(f.anomalies > 0);
            j.name("windows").bool(f.summaries);
            j.endObject();
            j.name("notes").startArray();
            for (String n : notes(f)) {
                j.string(n);
            }
            j.endArray();
            versions(j);
            overall(j);
            j.name("drift").startArray();
            for (JsonNode e : c.driftEvents.values()) {
                j.node(e);
            }
            j.endArray();
            j.name("triggers").startArray();
            for (JsonNode e : c.retrainTriggers.values()) {
                j.node(e);
            }
            j.endArray();
            model(j);
            registry(j);
            j.name("series").startArray();
            for (SeriesBuilder s : series) {
                series(j, s);
            }
            j.endArray();
            j.endObject();
        }
    }

    // ---- what is shown, and why not

    private record Flags(
            boolean daily, boolean forecasts, long anomalies, boolean summaries, int clipped) {}

    private Flags flags() {
        boolean daily = false;
        boolean forecasts = false;
        boolean summaries = false;
        long anomalies = 0;
        int clipped = 0;
        for (SeriesBuilder s : series) {
            if (s.firstDay() != Integer.MAX_VALUE && s.lastDay() - s.firstDay() >= MAX_DAYS) {
                clipped++;
            }
            daily |= !s.actual.isEmpty();
            forecasts |= !s.predicted.isEmpty();
            summaries |= s.counts != null;
            anomalies += s.anomalies.size();
        }
        return new Flags(daily, forecasts, anomalies, summaries, clipped);
    }

    private List<String> notes(Flags f) {
        List<String> notes = new ArrayList<>();
        if (f.daily) {
            notes.add(
                    "Daily pass percentage: the actual values in realized.csv, one for each day"
                            + " that had a forecast (100 × passes / executions; a series' first"
                            + " days, before it had history, have none).");
        } else if (f.summaries) {
            notes.add(
                    "No daily values: no realized.csv (summarize writes totals only). Each series"
                            + " shows its pass share (passes / executions, warnings included) in"
                            + " total and over the last 12, 3 and 1 months, from full_summary.csv"
                            + " (or the latest update in summaries.jsonl).");
        }
        if (f.forecasts) {
            notes.add("Forecast: predicted_pass_percentage of predictions.csv.");
            if (c.forecastsWithInterval > 0) {
                notes.add(
                        String.format(
                                "Interval band: predicted_lower to predicted_upper, given for %,d"
                                        + " forecasts (level %s).",
                                c.forecastsWithInterval, levels()));
            } else {
                notes.add(
                        "No interval band: predicted_lower and predicted_upper are empty in"
                                + " predictions.csv.");
            }
            notes.add(
                    "Model versions: the model_version of each forecast; a dashed grey line marks"
                            + " where a series' version changes.");
        } else {
            notes.add(
                    "No forecasts: no predictions.csv or realized.csv (summarize, or a run without"
                            + " a model).");
        }
        boolean anomaliesFile =
                c.dirs.stream().anyMatch(d -> d.present.contains("anomalies.jsonl"));
        notes.add(
                anomaliesFile
                        ? String.format(
                                "Anomalies: %,d from anomalies.jsonl, marked with red dots.",
                                f.anomalies)
                        : "No anomalies marked: anomalies.jsonl is absent.");
        boolean driftFile = c.dirs.stream().anyMatch(d -> d.present.contains("drift_events.jsonl"));
        notes.add(
                driftFile
                        ? String.format(
                                "Drift events: %,d from drift_events.jsonl, vertical lines on the"
                                        + " charts (purple: feature drift, brown: error drift).",
                                c.driftEvents.size())
                        : "No drift events marked: drift_events.jsonl is absent.");
        if (f.clipped > 0) {
            notes.add(
                    String.format(
                            "%,d series span more than %,d days: only their last %,d days are"
                                    + " charted.",
                            f.clipped, MAX_DAYS, MAX_DAYS));
        }
        if (c.model == null && c.registry == null) {
            notes.add(
                    "No model facts: give --model FILE or --registry DIR to show holdout metrics.");
        }
        return notes;
    }

    private String levels() {
        List<String> out = new ArrayList<>();
        c.intervalLevels.keySet().forEach(l -> out.add(String.valueOf(l)));
        return out.isEmpty() ? "not given" : String.join(", ", out);
    }

    // ---- directories

    private static void dir(HtmlSafeJson j, DirFacts d) throws IOException {
        j.startObject();
        j.field("path", d.path);
        j.field("kind", d.kind);
        j.name("present").startArray();
        for (String p : d.present) {
            j.string(p);
        }
        j.endArray();
        j.name("absent").startArray();
        for (String p : d.absent) {
            j.string(p);
        }
        j.endArray();
        j.name("runReport").node(d.runReport);
        j.name("deadLetters").startObject();
        for (Map.Entry<String, Long> e : d.deadLetters.entrySet()) {
            j.field(e.getKey(), e.getValue());
        }
        j.endObject();
        j.name("deadLetterSamples").startArray();
        for (String[] s : d.deadLetterSamples) {
            j.startArray();
            for (String v : s) {
                j.string(v);
            }
            j.endArray();
        }
        j.endArray();
        j.name("problems").startArray();
        for (String p : d.problems) {
            j.string(p);
        }
        j.endArray();
        j.field("shadowForecasts", d.shadowForecasts);
        j.endObject();
    }

    // ---- model versions served, by the forecasts

    private void versions(HtmlSafeJson j) throws IOException {
        int n = c.versions.size();
        long[] forecasts = new long[n];
        long[] realized = new long[n];
        double[] errors = new double[n];
        int[] first = new int[n];
        int[] last = new int[n];
        int[] seriesCount = new int[n];
        java.util.Arrays.fill(first, Integer.MAX_VALUE);
        java.util.Arrays.fill(last, Integer.MIN_VALUE);
        for (SeriesBuilder s : series) {
            boolean[] seen = new boolean[n];
            DayValues v = s.version;
            for (int i = 0; i < v.size(); i++) {
                int k = (int) v.value(i);
                int day = v.day(i);
                forecasts[k]++;
                first[k] = Math.min(first[k], day);
                last[k] = Math.max(last[k], day);
                seen[k] = true;
                double err = error(s, day);
                if (!Double.isNaN(err)) {
                    realized[k]++;
                    errors[k] += err;
                }
            }
            for (int k = 0; k < n; k++) {
                seriesCount[k] += seen[k] ? 1 : 0;
            }
        }
        j.name("versions").startArray();
        for (int k = 0; k < n; k++) {
            j.startObject();
            j.field("version", c.versions.get(k));
            j.field("first", first[k]);
            j.field("last", last[k]);
            j.field("forecasts", forecasts[k]);
            j.field("realized", realized[k]);
            j.field("series", seriesCount[k]);
            j.name("mae").rounded(realized[k] == 0 ? Double.NaN : errors[k] / realized[k], 3);
            j.endObject();
        }
        j.endArray();
    }

    /** |forecast - actual| of a series' day, NaN when either is missing. */
    private static double error(SeriesBuilder s, int day) {
        double a = valueOn(s.actual, day);
        double p = valueOn(s.predicted, day);
        return Double.isNaN(a) || Double.isNaN(p) ? Double.NaN : Math.abs(a - p);
    }

    private static double valueOn(DayValues v, int day) {
        int lo = 0;
        int hi = v.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int d = v.day(mid);
            if (d < day) {
                lo = mid + 1;
            } else if (d > day) {
                hi = mid - 1;
            } else {
                return v.value(mid);
            }
        }
        return Double.NaN;
    }

    // ---- all series together, by day

    private void overall(HtmlSafeJson j) throws IOException {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (SeriesBuilder s : series) {
            for (DayValues v : List.of(s.actual, s.predicted)) {
                if (!v.isEmpty()) {
                    first = Math.min(first, v.firstDay());
                    last = Math.max(last, v.lastDay());
                }
            }
        }
        if (first > last) {
            j.name("overall").nul();
            return;
        }
        first = Math.max(first, last - MAX_DAYS + 1);
        int days = last - first + 1;
        double[] actualSum = new double[days];
        int[] actualN = new int[days];
        double[] predSum = new double[days];
        int[] predN = new int[days];
        double[] errSum = new double[days];
        int[] errN = new int[days];
        for (SeriesBuilder s : series) {
            for (int i = 0; i < s.actual.size(); i++) {
                int d = s.actual.day(i) - first;
                if (d < 0) {
                    continue;
                }
                actualSum[d] += s.actual.value(i);
                actualN[d]++;
                double p = valueOn(s.predicted, s.actual.day(i));
                if (!Double.isNaN(p)) {
                    errSum[d] += Math.abs(p - s.actual.value(i));
                    errN[d]++;
                }
            }
            for (int i = 0; i < s.predicted.size(); i++) {
                int d = s.predicted.day(i) - first;
                if (d < 0) {
                    continue;
                }
                predSum[d] += s.predicted.value(i);
                predN[d]++;
            }
        }
        j.name("overall").startObject();
        j.field("d0", first);
        meanArray(j, "actual", actualSum, actualN);
        meanArray(j, "predicted", predSum, predN);
        meanArray(j, "mae", errSum, errN);
        j.name("n").startArray();
        for (int n : actualN) {
            j.number(n);
        }
        j.endArray();
        j.endObject();
    }

    private static void meanArray(HtmlSafeJson j, String name, double[] sum, int[] n)
            throws IOException {
        j.name(name).startArray();
        for (int i = 0; i < sum.length; i++) {
            j.rounded(n[i] == 0 ? Double.NaN : sum[i] / n[i], DECIMALS);
        }
        j.endArray();
    }

    // ---- models

    private void model(HtmlSafeJson j) throws IOException {
        j.name("model");
        if (c.model == null) {
            j.nul();
            return;
        }
        j.startObject();
        j.field("file", c.model.file());
        modelFields(j, c.model.model(), true);
        j.endObject();
    }

    private static void modelFields(HtmlSafeJson j, ForecastModel m, boolean all)
            throws IOException {
        j.field("version", m.version());
        j.field("createdAt", m.createdAt());
        ForecastModel.TrainingInfo t = m.training();
        if (t != null) {
            j.name("training").startObject();
            j.field("records", t.records());
            j.field("series", (long) t.series());
            j.field("trainRows", (long) t.trainRows());
            j.field("holdoutRows", (long) t.holdoutRows());
            j.field("firstDay", t.firstDay());
            j.field("holdoutFrom", t.holdoutFrom());
            j.field("lastDay", t.lastDay());
            j.field("bestIteration", (long) t.bestIteration());
            j.endObject();
        }
        j.name("metrics").startObject();
        if (m.holdoutMetrics() != null) {
            for (Map.Entry<String, Metrics> e : m.holdoutMetrics().entrySet()) {
                if (!all && !"model".equals(e.getKey())) {
                    continue;
                }
                Metrics x = e.getValue();
                j.name(e.getKey()).startObject();
                j.field("rows", x.rows());
                j.name("mae").rounded(x.mae(), 3);
                j.name("rmse").rounded(x.rmse(), 3);
                j.name("r2").rounded(x.r2() == null ? Double.NaN : x.r2(), 3);
                j.name("mape").rounded(x.mape() == null ? Double.NaN : x.mape(), 2);
                j.name("mase").rounded(x.mase() == null ? Double.NaN : x.mase(), 3);
                j.endObject();
            }
        }
        j.endObject();
        if (all && m.features() != null) {
            j.name("features").startArray();
            for (String f : m.features()) {
                j.string(f);
            }
            j.endArray();
        }
    }

    private void registry(HtmlSafeJson j) throws IOException {
        j.name("registry");
        if (c.registry == null) {
            j.nul();
            return;
        }
        j.startObject();
        j.field("dir", c.registry.dir());
        j.field("active", c.registry.active());
        j.name("versions").startArray();
        for (ReportContent.RegistryEntry e : c.registry.entries()) {
            j.startObject();
            j.name("active").bool(e.active());
            if (e.model() != null) {
                modelFields(j, e.model(), false);
            } else {
                j.field("version", e.version());
                j.field("problem", e.problem());
            }
            j.endObject();
        }
        j.endArray();
        j.endObject();
    }

    // ---- one series

    private void series(HtmlSafeJson j, SeriesBuilder s) throws IOException {
        j.startObject();
        j.field("u", s.datasetUuid);
        j.field("r", s.ruleCode);
        SummaryLine l = s.latest;
        if (l != null) {
            j.field("n", l.datasetName());
            if (s.names.size() > 1) {
                j.name("aka").startArray();
                for (String n : s.names) {
                    j.string(n);
                }
                j.endArray();
            }
            j.field("rn", l.ruleName());
            j.field("rt", l.ruleType());
            j.field("dim", l.dimension());
            j.field("cat", l.category());
            j.field("src", l.source());
            j.field("t", l.tenantId());
            j.field("last", l.businessDateLatest());
            j.field("lvl", l.lastExecutionLevel());
            j.name("c").startArray();
            for (long v : s.counts) {
                j.number(v);
            }
            j.endArray();
            j.name("fr").startArray();
            for (int w = 0; w < 4; w++) {
                j.rounded(s.failRate(w), 5);
            }
            j.endArray();
            j.field("tr", s.trend());
        }
        int first = s.firstDay();
        if (first != Integer.MAX_VALUE) {
            first = Math.max(first, s.lastDay() - MAX_DAYS + 1);
            int days = s.lastDay() - first + 1;
            j.field("d0", first);
            dense(j, "a", s.actual, first, days);
            dense(j, "p", s.predicted, first, days);
            if (!s.lower.isEmpty()) {
                dense(j, "lo", s.lower, first, days);
                dense(j, "hi", s.upper, first, days);
            }
            j.name("mv").startArray();
            int previous = -1;
            for (int i = 0; i < s.version.size(); i++) {
                int v = (int) s.version.value(i);
                if (v != previous) {
                    j.startArray().number(s.version.day(i)).number(v).endArray();
                    previous = v;
                }
            }
            j.endArray();
            double err = 0;
            int n = 0;
            for (int i = 0; i < s.actual.size(); i++) {
                double p = valueOn(s.predicted, s.actual.day(i));
                if (!Double.isNaN(p)) {
                    err += Math.abs(p - s.actual.value(i));
                    n++;
                }
            }
            j.name("mae").rounded(n == 0 ? Double.NaN : err / n, DECIMALS);
            j.field("days", s.actual.size());
        }
        if (!s.anomalies.isEmpty()) {
            j.name("an").startArray();
            for (SeriesBuilder.Anomaly a : s.anomalies.values()) {
                j.startArray();
                j.number(a.day());
                j.number(a.actual()).number(a.median()).number(a.lower()).number(a.upper());
                j.number(a.level());
                if (a.executions() == null) {
                    j.nul();
                } else {
                    j.number(a.executions().longValue());
                }
                j.string(a.modelVersion()).string(a.severity()).string(a.direction());
                j.endArray();
            }
            j.endArray();
        }
        j.endObject();
    }

    /** Values from {@code first} for {@code days} days, null where a day has none. */
    private static void dense(HtmlSafeJson j, String name, DayValues v, int first, int days)
            throws IOException {
        j.name(name).startArray();
        int i = 0;
        for (int d = first; d < first + days; d++) {
            while (i < v.size() && v.day(i) < d) {
                i++;
            }
            if (i < v.size() && v.day(i) == d) {
                j.rounded(v.value(i), DECIMALS);
            } else {
                j.nul();
            }
        }
        j.endArray();
    }
}
