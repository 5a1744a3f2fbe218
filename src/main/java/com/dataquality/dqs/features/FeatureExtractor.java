package com.dataquality.dqs.features;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;

/**
 * The one code path from a series' history to a feature vector, shared by training, {@code
 * predict}, {@code batch-predict} and the streaming job, so that they agree bit for bit.
 *
 * <p>A forecast of day D sees only history dated before D: entries of the history dated D or later
 * are ignored here, whatever the caller passes. Every value is computed from the observed days; a
 * feature with nothing to compute from is NaN (LightGBM's missing value), never 0.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FeatureExtractor {

    /** The feature names in vector order; the model file lists the same names. */
    public static final List<String> FEATURE_NAMES =
            List.of(
                    "day_of_week",
                    "day_of_month",
                    "week_of_year",
                    "month",
                    "lag_1_day",
                    "lag_2_day",
                    "lag_7_day",
                    "ma_3_day",
                    "ma_7_day",
                    "dataset_uuid",
                    "rule_code",
                    // Added because they lower the holdout error (docs/forecasting.md).
                    "ma_28_day",
                    "ma_56_day",
                    "std_7_day",
                    "min_7_day",
                    "same_weekday_mean_4w",
                    "days_since_observed",
                    "days_since_below_100",
                    "executions_lag_1_day",
                    "observed_share_28_day");

    public static final int NUM_FEATURES = FEATURE_NAMES.size();
    public static final int DATASET_UUID = FEATURE_NAMES.indexOf("dataset_uuid");
    public static final int RULE_CODE = FEATURE_NAMES.indexOf("rule_code");

    /** Indices of the categorical features, for LightGBM's {@code categorical_feature}. */
    public static final List<Integer> CATEGORICAL = List.of(DATASET_UUID, RULE_CODE);

    private final Vocabularies vocabularies;

    public FeatureExtractor(Vocabularies vocabularies) {
        this.vocabularies = vocabularies;
    }

    public Vocabularies vocabularies() {
        return vocabularies;
    }

    /** The features of a forecast of {@code targetDay} (epoch day) as a new array. */
    public double[] extract(
            SeriesHistory history, int targetDay, String datasetUuid, int ruleCode) {
        double[] out = new double[NUM_FEATURES];
        extract(history, targetDay, datasetUuid, ruleCode, out, 0);
        return out;
    }

    /**
     * Writes the features into {@code out[offset .. offset + NUM_FEATURES)} (row-major batches).
     */
    public void extract(
            SeriesHistory history,
            int targetDay,
            String datasetUuid,
            int ruleCode,
            double[] out,
            int offset) {
        LocalDate date = LocalDate.ofEpochDay(targetDay);
        int i = offset;
        out[i++] = date.getDayOfWeek().getValue();
        out[i++] = date.getDayOfMonth();
        out[i++] = date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        out[i++] = date.getMonthValue();

        double lag1 = Double.NaN;
        double lag2 = Double.NaN;
        double lag7 = Double.NaN;
        double execLag1 = Double.NaN;
        double sum3 = 0;
        int n3 = 0;
        double sum7 = 0;
        double sumSq7 = 0;
        double min7 = Double.POSITIVE_INFINITY;
        int n7 = 0;
        double sum28 = 0;
        int n28 = 0;
        double sum56 = 0;
        int n56 = 0;
        double sumWeekday = 0;
        int nWeekday = 0;
        int lastObserved = Integer.MIN_VALUE;
        int lastBelow100 = Integer.MIN_VALUE;

        int[] days = history.days();
        for (int k = 0; k < days.length; k++) {
            int age = targetDay - days[k];
            if (age < 1 || age > SeriesHistory.WINDOW_DAYS) {
                // Days on or after the target would leak the answer; older ones are out of window.
                continue;
            }
            double v = history.passPercentage(k);
            lastObserved = Math.max(lastObserved, days[k]);
            if (v < 100.0) {
                lastBelow100 = Math.max(lastBelow100, days[k]);
            }
            if (age == 1) {
                lag1 = v;
                execLag1 = history.executions()[k];
            } else if (age == 2) {
                lag2 = v;
            } else if (age == 7) {
                lag7 = v;
            }
            if (age <= 3) {
                sum3 += v;
                n3++;
            }
            if (age <= 7) {
                sum7 += v;
                sumSq7 += v * v;
                min7 = Math.min(min7, v);
                n7++;
            }
            if (age <= 28) {
                sum28 += v;
                n28++;
                if (age % 7 == 0) {
                    sumWeekday += v;
                    nWeekday++;
                }
            }
            sum56 += v;
            n56++;
        }

        out[i++] = lag1;
        out[i++] = lag2;
        out[i++] = lag7;
        out[i++] = n3 == 0 ? Double.NaN : sum3 / n3;
        double ma7 = n7 == 0 ? Double.NaN : sum7 / n7;
        out[i++] = ma7;
        out[i++] = vocabularies.datasetCode(datasetUuid);
        out[i++] = vocabularies.ruleCode(ruleCode);
        out[i++] = n28 == 0 ? Double.NaN : sum28 / n28;
        out[i++] = n56 == 0 ? Double.NaN : sum56 / n56;
        out[i++] = n7 < 2 ? Double.NaN : Math.sqrt(Math.max(0, sumSq7 / n7 - ma7 * ma7));
        out[i++] = n7 == 0 ? Double.NaN : min7;
        out[i++] = nWeekday == 0 ? Double.NaN : sumWeekday / nWeekday;
        out[i++] = lastObserved == Integer.MIN_VALUE ? Double.NaN : targetDay - lastObserved;
        out[i++] = lastBelow100 == Integer.MIN_VALUE ? Double.NaN : targetDay - lastBelow100;
        out[i++] = execLag1;
        out[i++] = n28 / 28.0;
    }
}
