package com.dataquality.dqs.model;

import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.model.DriftReference.DailyStatistic;
import com.dataquality.dqs.model.DriftReference.Distribution;
import com.dataquality.dqs.model.DriftReference.ErrorDistribution;
import com.dataquality.dqs.stats.BetaBinomial;
import java.util.List;
import java.util.Map;

/**
 * The rules for the JSON fields of a model document (everything but the LightGBM text, which {@link
 * LightGbmTextCheck} reads): present where the job needs them, numbers finite, strings printable
 * and short, collections bounded.
 *
 * <p>Why: a model arrives from a watched directory or a Kafka topic, so from anyone who can write
 * there, and it lives on in broadcast state and every checkpoint. A NaN or infinite metric poisons
 * every comparison with it ({@code dqs models add --promote}, the retraining loop's "is the
 * candidate better"); a control character in a version breaks the one-line messages and logs that
 * name it; a drift histogram whose shares do not match its bins fails the drift operator on the
 * first day it is used, in every restart of the job.
 */
final class ModelFieldsCheck {

    /** Longest string field (version, dates, names, parameter values), in UTF-16 units. */
    static final int MAX_STRING = 200;

    /**
     * Most dataset UUIDs or rule codes in a vocabulary: far above any data set we generate or
     * expect, while a bigger one could not fit the topic's 16 MiB message anyway.
     */
    static final int MAX_VOCABULARY = 1_000_000;

    /** Most entries of a map (holdout metrics, training parameters). */
    static final int MAX_ENTRIES = 1_000;

    /** Most bin edges of a drift histogram: our trainer writes at most 9 (deciles). */
    static final int MAX_BIN_EDGES = 1_000;

    private ModelFieldsCheck() {}

    /**
     * Checks every field but the LightGBM text's content.
     *
     * @throws InvalidModel naming the first field at fault
     */
    static void check(ForecastModel m) throws InvalidModel {
        if (!ModelFile.FORMAT.equals(m.format())) {
            throw new InvalidModel(
                    "format is "
                            + (m.format() == null ? "missing" : "\"" + cut(m.format()) + "\"")
                            + ", expected \""
                            + ModelFile.FORMAT
                            + "\"");
        }
        requiredText("version", m.version(), "no version");
        requiredText("createdAt", m.createdAt(), "no createdAt");
        checkFeatures(m.features());
        List<String> categorical =
                m.features().stream().filter(FeatureExtractor.CATEGORICAL_NAMES::contains).toList();
        if (!categorical.equals(m.categoricalFeatures())) {
            throw new InvalidModel(
                    "categorical features "
                            + bounded(m.categoricalFeatures())
                            + ", expected "
                            + categorical);
        }
        if (m.vocabularies() == null) {
            throw new InvalidModel("no vocabularies");
        }
        checkVocabularies(m);
        if (m.training() == null) {
            throw new InvalidModel("no training section");
        }
        checkTraining(m.training());
        if (m.holdoutMetrics() == null || !m.holdoutMetrics().containsKey("model")) {
            throw new InvalidModel("no holdout metrics of the model");
        }
        checkMetrics(m.holdoutMetrics());
        DriftReference drift = m.driftReference();
        if (drift == null || drift.features() == null || drift.holdoutAbsError() == null) {
            throw new InvalidModel("no drift reference");
        }
        checkDrift(drift, m.features().size());
        if (m.lightgbmModel() == null || m.lightgbmModel().isBlank()) {
            throw new InvalidModel("no LightGBM model text");
        }
        if (m.fitting() != null) {
            checkFitting(m.fitting());
        }
        if (m.distribution() != null) {
            checkForecastDistribution(m.distribution());
        }
        if (m.dataReport() != null) {
            checkDataReport(m.dataReport());
        }
        if (m.tuning() != null) {
            checkTuning(m.tuning());
        }
    }

    private static void checkTuning(Tuning t) throws InvalidModel {
        String where = "tuning.";
        nonNegative(where + "budgetSeconds", t.budgetSeconds());
        nonNegative(where + "seconds", t.seconds());
        if (t.folds() == null || t.trials() == null || t.trials().isEmpty()) {
            throw new InvalidModel(where + "folds or trials are missing");
        }
        checkSize(where + "folds", t.folds().size());
        checkSize(where + "trials", t.trials().size());
        for (int i = 0; i < t.folds().size(); i++) {
            Tuning.Fold f = t.folds().get(i);
            if (f == null) {
                throw new InvalidModel(where + "folds[" + i + "] is null");
            }
            optionalText(where + "folds[" + i + "].validationFrom", f.validationFrom());
            optionalText(where + "folds[" + i + "].validationTo", f.validationTo());
            atLeastZero(where + "folds[" + i + "].fitRows", f.fitRows());
            atLeastZero(where + "folds[" + i + "].validationRows", f.validationRows());
        }
        for (int i = 0; i < t.trials().size(); i++) {
            Tuning.Trial x = t.trials().get(i);
            String w = where + "trials[" + i + "].";
            if (x == null || x.parameters() == null || x.iterations() == null) {
                throw new InvalidModel(where + "trials[" + i + "] is incomplete");
            }
            checkSize(w + "parameters", x.parameters());
            for (Map.Entry<String, String> e : x.parameters().entrySet()) {
                requiredText(w + "parameters key", e.getKey(), null);
                optionalText(w + "parameters." + e.getKey(), e.getValue());
            }
            nonNegative(w + "validationRmse", x.validationRmse());
            nonNegative(w + "seconds", x.seconds());
            checkSize(w + "iterations", x.iterations().size());
            for (Integer it : x.iterations()) {
                if (it == null || it < 0) {
                    throw new InvalidModel(w + "iterations holds " + it);
                }
            }
        }
        if (t.winner() < 0 || t.winner() >= t.trials().size()) {
            throw new InvalidModel(
                    where
                            + "winner="
                            + t.winner()
                            + " is not one of the "
                            + t.trials().size()
                            + " trials");
        }
        for (Tuning.Holdout h : new Tuning.Holdout[] {t.defaultHoldout(), t.winnerHoldout()}) {
            if (h != null) {
                nonNegative(where + "holdout rmse", h.rmse());
                nonNegative(where + "holdout mae", h.mae());
            }
        }
        if (t.kept() != null && !t.kept().equals("winner") && !t.kept().equals("default")) {
            throw new InvalidModel(where + "kept is \"" + cut(t.kept()) + "\"");
        }
    }

    private static void checkDataReport(DataReport r) throws InvalidModel {
        String where = "dataReport.";
        atLeastZero(where + "seriesDays", r.seriesDays());
        atLeastZero(where + "series", r.series());
        atLeastZero(where + "datasets", r.datasets());
        atLeastZero(where + "rules", r.rules());
        atLeastZero(where + "dates", r.dates());
        optionalText(where + "firstDate", r.firstDate());
        optionalText(where + "lastDate", r.lastDate());
        atLeastZero(where + "executions", r.executions());
        nonNegative(where + "executionsPerSeriesDay", r.executionsPerSeriesDay());
        atLeastZero(where + "medianExecutionsPerSeriesDay", r.medianExecutionsPerSeriesDay());
        finite(where + "passPercentageMean", r.passPercentageMean());
        nonNegative(where + "passPercentageStd", r.passPercentageStd());
        share(where + "shareAtHundred", r.shareAtHundred());
        share(where + "shareAtZero", r.shareAtZero());
        atLeastZero(where + "minDaysPerSeries", r.minDaysPerSeries());
        atLeastZero(where + "medianDaysPerSeries", r.medianDaysPerSeries());
    }

    private static void checkFitting(ForecastModel.Fitting f) throws InvalidModel {
        String where = "fitting.";
        optionalText(where + "validationFrom", f.validationFrom());
        optionalText(where + "weighting", f.weighting());
        atLeastZero(where + "validationRows", f.validationRows());
        atLeastZero(where + "validationIterations", f.validationIterations());
        atLeastZero(where + "holdoutIterations", f.holdoutIterations());
        atLeastZero(where + "refitRows", f.refitRows());
        atLeastZero(where + "refitIterations", f.refitIterations());
    }

    /** Most ranges of the forecast mean, or calibrated levels, a distribution may have. */
    static final int MAX_DISTRIBUTION_ENTRIES = 100;

    /**
     * The forecast distribution is computed for every forecast in the job: arrays that do not match
     * or numbers out of range would fail (or silently poison) every one of them.
     */
    private static void checkForecastDistribution(DistributionSpec d) throws InvalidModel {
        String where = "distribution.";
        if (!DistributionSpec.BETA_BINOMIAL.equals(d.family())) {
            throw new InvalidModel(
                    where
                            + "family is "
                            + (d.family() == null ? "missing" : "\"" + cut(d.family()) + "\"")
                            + ", expected \""
                            + DistributionSpec.BETA_BINOMIAL
                            + "\"");
        }
        double[] edges = d.meanEdges();
        double[] kappa = d.concentrations();
        if (edges == null || kappa == null) {
            throw new InvalidModel("distribution has no meanEdges or concentrations");
        }
        if (edges.length > MAX_DISTRIBUTION_ENTRIES || kappa.length != edges.length + 1) {
            throw new InvalidModel(
                    where
                            + "concentrations has "
                            + kappa.length
                            + " entries for "
                            + edges.length
                            + " meanEdges (needs one more, at most "
                            + MAX_DISTRIBUTION_ENTRIES
                            + " edges)");
        }
        for (int k = 0; k < edges.length; k++) {
            finite(where + "meanEdges[" + k + "]", edges[k]);
            if (k > 0 && Double.compare(edges[k - 1], edges[k]) >= 0) {
                throw new InvalidModel(where + "meanEdges do not increase at index " + k);
            }
        }
        for (int k = 0; k < kappa.length; k++) {
            finite(where + "concentrations[" + k + "]", kappa[k]);
            if (kappa[k] < BetaBinomial.MIN_CONCENTRATION
                    || kappa[k] > BetaBinomial.MAX_CONCENTRATION) {
                throw new InvalidModel(
                        where
                                + "concentrations["
                                + k
                                + "]="
                                + kappa[k]
                                + " is outside ["
                                + BetaBinomial.MIN_CONCENTRATION
                                + ", "
                                + BetaBinomial.MAX_CONCENTRATION
                                + "]");
            }
        }
        level(where + "defaultLevel", d.defaultLevel());
        if (d.typicalExecutions() < 1 || d.typicalExecutions() > BetaBinomial.MAX_EXECUTIONS) {
            throw new InvalidModel(
                    where
                            + "typicalExecutions="
                            + d.typicalExecutions()
                            + " is outside [1, "
                            + BetaBinomial.MAX_EXECUTIONS
                            + "]");
        }
        atLeastZero(where + "calibrationRows", d.calibrationRows());
        double[] levels = d.levels();
        double[] internal = d.internalLevels();
        if ((levels == null) != (internal == null)
                || levels != null
                        && (levels.length != internal.length
                                || levels.length > MAX_DISTRIBUTION_ENTRIES)) {
            throw new InvalidModel(where + "levels and internalLevels do not match");
        }
        if (levels != null) {
            for (int k = 0; k < levels.length; k++) {
                level(where + "levels[" + k + "]", levels[k]);
                share(where + "internalLevels[" + k + "]", internal[k]);
                if (k > 0 && (levels[k] <= levels[k - 1] || internal[k] < internal[k - 1])) {
                    throw new InvalidModel(
                            where + "levels or internalLevels do not increase at index " + k);
                }
            }
        }
        if (d.holdoutCoverage() != null) {
            checkSize(where + "holdoutCoverage", d.holdoutCoverage());
            for (Map.Entry<String, Double> e : d.holdoutCoverage().entrySet()) {
                requiredText(where + "holdoutCoverage key", e.getKey(), null);
                if (e.getValue() == null) {
                    throw new InvalidModel(where + "holdoutCoverage." + e.getKey() + " is null");
                }
                share(where + "holdoutCoverage." + e.getKey(), e.getValue());
            }
        }
    }

    private static void level(String where, double v) throws InvalidModel {
        finite(where, v);
        if (!(v > 0 && v < 1)) {
            throw new InvalidModel(where + "=" + v + " is not within (0, 1)");
        }
    }

    /**
     * A model lists its features by name; the extractor computes any list of names it knows ({@link
     * FeatureExtractor#KNOWN}), in the model's order, so a model trained on an older or smaller
     * list scores as it did. A name this build does not know, or one listed twice, is a model this
     * build cannot score.
     */
    private static void checkFeatures(List<String> features) throws InvalidModel {
        if (features == null || features.isEmpty()) {
            throw new InvalidModel("no features");
        }
        if (features.size() > FeatureExtractor.KNOWN.size()) {
            throw new InvalidModel(
                    "it lists "
                            + features.size()
                            + " features, more than the "
                            + FeatureExtractor.KNOWN.size()
                            + " this build knows");
        }
        for (int i = 0; i < features.size(); i++) {
            String f = features.get(i);
            if (f == null || !FeatureExtractor.KNOWN.contains(f)) {
                throw new InvalidModel(
                        "its feature "
                                + (f == null ? "null" : "'" + cut(f) + "'")
                                + " is not one this build computes");
            }
            if (features.indexOf(f) != i) {
                throw new InvalidModel("its feature '" + f + "' is listed twice");
            }
        }
    }

    private static void checkVocabularies(ForecastModel m) throws InvalidModel {
        String[] datasets = m.vocabularies().datasetUuids();
        int[] rules = m.vocabularies().ruleCodes();
        if (datasets.length > MAX_VOCABULARY || rules.length > MAX_VOCABULARY) {
            throw new InvalidModel(
                    "vocabularies of "
                            + datasets.length
                            + " datasets and "
                            + rules.length
                            + " rules exceed "
                            + MAX_VOCABULARY);
        }
        for (int i = 0; i < datasets.length; i++) {
            requiredText("vocabularies.datasetUuids[" + i + "]", datasets[i], null);
        }
    }

    private static void checkTraining(ForecastModel.TrainingInfo t) throws InvalidModel {
        String where = "training.";
        atLeastZero(where + "records", t.records());
        atLeastZero(where + "series", t.series());
        atLeastZero(where + "trainRows", t.trainRows());
        atLeastZero(where + "holdoutRows", t.holdoutRows());
        atLeastZero(where + "bestIteration", t.bestIteration());
        nonNegative(where + "naiveScale", t.naiveScale());
        optionalText(where + "firstDay", t.firstDay());
        optionalText(where + "holdoutFrom", t.holdoutFrom());
        optionalText(where + "lastDay", t.lastDay());
        if (t.parameters() != null) {
            checkSize(where + "parameters", t.parameters());
            for (Map.Entry<String, String> p : t.parameters().entrySet()) {
                requiredText(where + "parameters key", p.getKey(), null);
                optionalText(where + "parameters." + p.getKey(), p.getValue());
            }
        }
    }

    private static void checkMetrics(Map<String, Metrics> metrics) throws InvalidModel {
        checkSize("holdoutMetrics", metrics);
        for (Map.Entry<String, Metrics> e : metrics.entrySet()) {
            requiredText("holdoutMetrics key", e.getKey(), null);
            String where = "holdoutMetrics." + e.getKey() + ".";
            Metrics x = e.getValue();
            if (x == null) {
                throw new InvalidModel("holdoutMetrics." + e.getKey() + " is null");
            }
            atLeastZero(where + "rows", x.rows());
            atLeastZero(where + "mapeRows", x.mapeRows());
            nonNegative(where + "mae", x.mae());
            nonNegative(where + "rmse", x.rmse());
            if (x.r2() != null) {
                finite(where + "r2", x.r2());
            }
            if (x.mape() != null) {
                nonNegative(where + "mape", x.mape());
            }
            if (x.mase() != null) {
                nonNegative(where + "mase", x.mase());
            }
        }
    }

    /**
     * The drift operator bins live values by {@code binEdges} (a binary search: they must increase)
     * and compares the counts with {@code proportions} bin by bin (one more than the edges).
     */
    private static void checkDrift(DriftReference drift, int featureCount) throws InvalidModel {
        if (drift.features().size() > featureCount) {
            throw new InvalidModel(
                    "driftReference has "
                            + drift.features().size()
                            + " feature distributions for "
                            + featureCount
                            + " features");
        }
        for (int i = 0; i < drift.features().size(); i++) {
            checkDistribution("driftReference.features[" + i + "]", drift.features().get(i));
        }
        if (drift.target() != null) {
            checkDistribution("driftReference.target", drift.target());
        }
        ErrorDistribution e = drift.holdoutAbsError();
        String where = "driftReference.holdoutAbsError.";
        atLeastZero(where + "rows", e.rows());
        nonNegative(where + "mean", e.mean());
        nonNegative(where + "std", e.std());
        nonNegative(where + "p50", e.p50());
        nonNegative(where + "p90", e.p90());
        nonNegative(where + "p95", e.p95());
        nonNegative(where + "p99", e.p99());
        if (e.days() != null) {
            atLeastZero(where + "days", e.days());
        }
        if (e.dailyMeanStd() != null) {
            nonNegative(where + "dailyMeanStd", e.dailyMeanStd());
        }
        DriftReference.PitReference pit = drift.holdoutPit();
        if (pit != null) {
            atLeastZero("driftReference.holdoutPit.days", pit.days());
            finite("driftReference.holdoutPit.mean", pit.mean());
            nonNegative("driftReference.holdoutPit.std", pit.std());
        }
    }

    private static void checkDistribution(String where, Distribution d) throws InvalidModel {
        if (d == null) {
            throw new InvalidModel(where + " is null");
        }
        requiredText(where + ".name", d.name(), null);
        double[] edges = d.binEdges();
        double[] shares = d.proportions();
        if (edges == null || shares == null) {
            throw new InvalidModel(where + " has no binEdges or proportions");
        }
        if (edges.length > MAX_BIN_EDGES) {
            throw new InvalidModel(
                    where + " has " + edges.length + " binEdges, more than " + MAX_BIN_EDGES);
        }
        if (shares.length != edges.length + 1) {
            throw new InvalidModel(
                    where
                            + " has "
                            + shares.length
                            + " proportions for "
                            + edges.length
                            + " binEdges (needs one more)");
        }
        for (int k = 0; k < edges.length; k++) {
            finite(where + ".binEdges[" + k + "]", edges[k]);
            if (k > 0 && Double.compare(edges[k - 1], edges[k]) >= 0) {
                throw new InvalidModel(where + ".binEdges do not increase at index " + k);
            }
        }
        for (int k = 0; k < shares.length; k++) {
            share(where + ".proportions[" + k + "]", shares[k]);
        }
        share(where + ".missingShare", d.missingShare());
        if (d.dailyMeanMean() != null) {
            finite(where + ".dailyMeanMean", d.dailyMeanMean());
        }
        if (d.dailyMeanStd() != null) {
            nonNegative(where + ".dailyMeanStd", d.dailyMeanStd());
        }
        DailyStatistic psi = d.dailyPsi();
        if (psi != null) {
            atLeastZero(where + ".dailyPsi.days", psi.days());
            finite(where + ".dailyPsi.p50", psi.p50());
            finite(where + ".dailyPsi.p90", psi.p90());
            finite(where + ".dailyPsi.p99", psi.p99());
            finite(where + ".dailyPsi.max", psi.max());
        }
    }

    private static void checkSize(String where, int size) throws InvalidModel {
        if (size > MAX_ENTRIES) {
            throw new InvalidModel(where + " has " + size + " entries, more than " + MAX_ENTRIES);
        }
    }

    private static void checkSize(String where, Map<?, ?> map) throws InvalidModel {
        if (map.size() > MAX_ENTRIES) {
            throw new InvalidModel(
                    where + " has " + map.size() + " entries, more than " + MAX_ENTRIES);
        }
    }

    private static void finite(String where, double v) throws InvalidModel {
        if (!Double.isFinite(v)) {
            throw new InvalidModel(where + "=" + v + " is not a finite number");
        }
    }

    private static void nonNegative(String where, double v) throws InvalidModel {
        finite(where, v);
        if (v < 0) {
            throw new InvalidModel(where + "=" + v + " is negative");
        }
    }

    private static void share(String where, double v) throws InvalidModel {
        nonNegative(where, v);
        if (v > 1) {
            throw new InvalidModel(where + "=" + v + " is not a share (above 1)");
        }
    }

    private static void atLeastZero(String where, long v) throws InvalidModel {
        if (v < 0) {
            throw new InvalidModel(where + "=" + v + " is negative");
        }
    }

    /**
     * A string that must be there and not blank.
     *
     * @param missing the message when it is absent or blank, or null for a generic one
     */
    private static void requiredText(String where, String s, String missing) throws InvalidModel {
        if (s == null || s.isBlank()) {
            throw new InvalidModel(missing != null ? missing : where + " is missing or blank");
        }
        optionalText(where, s);
    }

    /**
     * At most {@link #MAX_STRING} UTF-16 units of printable text: no control or format characters
     * (a newline splits a one-line message; a bidirectional override reorders what a terminal
     * shows) and no surrogate without its pair (not text, and not encodable as UTF-8).
     */
    private static void optionalText(String where, String s) throws InvalidModel {
        if (s == null) {
            return;
        }
        if (s.length() > MAX_STRING) {
            throw new InvalidModel(
                    where + " has " + s.length() + " characters, more than " + MAX_STRING);
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                throw new InvalidModel(
                        String.format(
                                "%s has a non-printable character U+%04X at index %d",
                                where, cp, i));
            }
            i += Character.charCount(cp);
        }
    }

    /** A list in a message, cut short: the list itself may be what is too long. */
    private static String bounded(List<String> list) {
        return cut(String.valueOf(list));
    }

    /** A value in a message, cut short (ModelFile replaces what is not printable). */
    private static String cut(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
