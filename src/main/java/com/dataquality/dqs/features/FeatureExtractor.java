package com.dataquality.dqs.features;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;

/**
 * The one code path from a series' history to a feature vector, shared by training, {@code
 * predict}, {@code batch-predict} and the streaming job, so that they agree bit for bit.
 *
 * <p>A forecast of day D sees only history dated before D: days of the state dated D or later are
 * ignored here, whatever the caller passes (a late forecast in the streaming job reads a state that
 * already holds later days). Every value is computed from the observed days; a feature with nothing
 * to compute from is NaN (LightGBM's missing value), never 0.
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
                    // Added because they lowered MAE and RMSE on every generated data set tried
                    // (docs/forecasting.md): the series' level over 8 weeks, and how many
                    // executions lag_1_day averages (a 1-execution day is a coin flip).
                    "ma_56_day",
                    "executions_lag_1_day");

    // Candidates tried and left out because they did not lower the holdout error on generated
    // data: ma_28, std_7, min_7, same-weekday mean of 4 weeks, days since last observed, days
    // since the last day below 100, share of days observed in 28.

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

    /** The features of the series' forecast of {@code targetDay} (epoch day) as a new array. */
    public double[] extract(SeriesState series, int targetDay) {
        double[] out = new double[NUM_FEATURES];
        extract(series, targetDay, out, 0);
        return out;
    }

    /**
     * Writes the features into {@code out[offset .. offset + NUM_FEATURES)} (row-major batches).
     */
    public void extract(SeriesState series, int targetDay, double[] out, int offset) {
        LocalDate date = LocalDate.ofEpochDay(targetDay);
        int i = offset;
        out[i++] = date.getDayOfWeek().getValue();
        out[i++] = date.getDayOfMonth();
        out[i++] = date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        out[i++] = date.getMonthValue();

        double lag1 = Double.NaN;
        double lag2 = Double.NaN;
        double lag7 = Double.NaN;
        double executionsLag1 = Double.NaN;
        double sum3 = 0;
        int n3 = 0;
        double sum7 = 0;
        int n7 = 0;
        double sum56 = 0;
        int n56 = 0;
        int[] days = series.days;
        for (int k = 0; k < days.length; k++) {
            int age = targetDay - days[k];
            if (age < 1 || age > SeriesState.LOOKBACK_DAYS) {
                // Days on or after the target would leak the answer; older ones are not used.
                continue;
            }
            double v = series.passPercentage(k);
            if (age == 1) {
                lag1 = v;
                executionsLag1 = series.executions[k];
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
                n7++;
            }
            sum56 += v;
            n56++;
        }
        out[i++] = lag1;
        out[i++] = lag2;
        out[i++] = lag7;
        out[i++] = n3 == 0 ? Double.NaN : sum3 / n3;
        out[i++] = n7 == 0 ? Double.NaN : sum7 / n7;
        out[i++] = vocabularies.datasetCode(series.datasetUuid);
        out[i++] = vocabularies.ruleCode(series.ruleCode);
        out[i++] = n56 == 0 ? Double.NaN : sum56 / n56;
        out[i] = executionsLag1;
    }
}
