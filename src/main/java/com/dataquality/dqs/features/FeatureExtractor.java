package com.dataquality.dqs.features;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The one code path from a series' state to a feature vector, shared by training, {@code predict},
 * {@code batch-predict} and the streaming job, so that they agree bit for bit.
 *
 * <p>A model lists its features by name, and an extractor computes that list, in that order: any
 * subset of {@link #KNOWN} (a model trained before the whole-history features, with the 13 of
 * {@link #LEGACY_FEATURES}, still scores exactly as it did). New models train on {@link #DEFAULTS}.
 *
 * <p>A forecast of day D sees only history dated before D: days of the state dated D or later are
 * ignored here, whatever the caller passes (a late forecast in the streaming job reads a state that
 * already holds later days), and the whole-history features continue the state's folded history
 * over the window's days before D ({@link SeriesState} documents the exact semantics). Every value
 * is computed from the observed days; a feature with nothing to compute from is NaN (LightGBM's
 * missing value), never 0. The cost is one pass over the window, whatever the history's length.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FeatureExtractor {

    /** Every feature this build can compute, by name. Names are never reused for another value. */
    public static final List<String> KNOWN =
            List.of(
                    // The 13 of the first models (CONTRACT.md §4 and two more).
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
                    "ma_56_day",
                    "executions_lag_1_day",
                    // The whole history (the folded history plus the window's days before D).
                    "history_days",
                    "history_age_days",
                    "mean_all",
                    "rate_all",
                    "std_all",
                    "ewm_rate_3d",
                    "ewm_rate_7d",
                    "ewm_rate_21d",
                    "ewm_rate_60d",
                    "ewm_rate_180d",
                    "weekday_rate",
                    "weekday_effect",
                    "weekday_ewm_rate",
                    "weekday_ewm_effect",
                    "trend_slope_30d",
                    "trend_level",
                    // Recent days (the window).
                    "bad_run_days",
                    "bad_run_mean",
                    "days_since_bad",
                    "executions_ma_7_day",
                    "days_since_observed",
                    // Recent days against the series' usual rate for their weekdays.
                    "deficit_z_1d",
                    "deficit_z_3d",
                    "deficit_z_7d",
                    "adjusted_lag_1_day");

    /** The features of models trained before the whole-history features, in their order. */
    public static final List<String> LEGACY_FEATURES = KNOWN.subList(0, 13);

    /**
     * The features new models train on (docs/forecasting.md: each one earned its place on the
     * benchmark). Left out, measured: the calendar features other than the weekday, which on a year
     * of history only describe the past (a month seen once); the dataset and rule codes, which let
     * the trees memorize series instead of reading their history (and say nothing of a new series);
     * the history's length and spread, and the days since the last observation, which did not lower
     * the error.
     */
    public static final List<String> DEFAULTS =
            List.of(
                    "day_of_week",
                    "lag_1_day",
                    "lag_2_day",
                    "lag_7_day",
                    "ma_3_day",
                    "ma_7_day",
                    "ma_56_day",
                    "executions_lag_1_day",
                    "mean_all",
                    "rate_all",
                    "ewm_rate_3d",
                    "ewm_rate_7d",
                    "ewm_rate_21d",
                    "ewm_rate_60d",
                    "ewm_rate_180d",
                    "weekday_rate",
                    "weekday_effect",
                    "weekday_ewm_rate",
                    "weekday_ewm_effect",
                    "trend_slope_30d",
                    "trend_level",
                    "bad_run_days",
                    "bad_run_mean",
                    "days_since_bad",
                    "executions_ma_7_day",
                    "deficit_z_1d",
                    "deficit_z_3d",
                    "deficit_z_7d",
                    "adjusted_lag_1_day");

    /** The categorical features (codes in the model's vocabularies). */
    public static final List<String> CATEGORICAL_NAMES = List.of("dataset_uuid", "rule_code");

    /**
     * Features that are a function of the forecast day alone: within one day every series has the
     * same value.
     */
    public static final List<String> CALENDAR =
            List.of("day_of_week", "day_of_month", "week_of_year", "month");

    /**
     * Features that grow with the series' age whatever happens (how many days it has been
     * observed): their distribution moves away from training's as time passes, so the drift
     * detector does not compare them.
     */
    public static final List<String> GROWING = List.of("history_days", "history_age_days");

    private static final int DAY_OF_WEEK = 0;
    private static final int DAY_OF_MONTH = 1;
    private static final int WEEK_OF_YEAR = 2;
    private static final int MONTH = 3;
    private static final int LAG_1 = 4;
    private static final int LAG_2 = 5;
    private static final int LAG_7 = 6;
    private static final int MA_3 = 7;
    private static final int MA_7 = 8;
    private static final int DATASET = 9;
    private static final int RULE = 10;
    private static final int MA_56 = 11;
    private static final int EXECUTIONS_LAG_1 = 12;
    private static final int HISTORY_DAYS = 13;
    private static final int HISTORY_AGE = 14;
    private static final int MEAN_ALL = 15;
    private static final int RATE_ALL = 16;
    private static final int STD_ALL = 17;
    private static final int EWM = 18; // one per HistoryFold.HALF_LIVES
    private static final int WEEKDAY_RATE = EWM + HistoryFold.HALF_LIVES.length;
    private static final int WEEKDAY_EFFECT = WEEKDAY_RATE + 1;
    private static final int WEEKDAY_EWM_RATE = WEEKDAY_RATE + 2;
    private static final int WEEKDAY_EWM_EFFECT = WEEKDAY_RATE + 3;
    private static final int TREND_SLOPE = WEEKDAY_RATE + 4;
    private static final int TREND_LEVEL = WEEKDAY_RATE + 5;
    private static final int BAD_RUN_DAYS = WEEKDAY_RATE + 6;
    private static final int BAD_RUN_MEAN = WEEKDAY_RATE + 7;
    private static final int DAYS_SINCE_BAD = WEEKDAY_RATE + 8;
    private static final int EXECUTIONS_MA_7 = WEEKDAY_RATE + 9;
    private static final int DAYS_SINCE_OBSERVED = WEEKDAY_RATE + 10;
    private static final int DEFICIT_1 = WEEKDAY_RATE + 11;
    private static final int DEFICIT_3 = WEEKDAY_RATE + 12;
    private static final int DEFICIT_7 = WEEKDAY_RATE + 13;
    private static final int ADJUSTED_LAG_1 = WEEKDAY_RATE + 14;

    /** The EW half-life whose rate the weekday's EW effect is measured against. */
    private static final int WEEKDAY_EWM_REFERENCE = 3; // ewm_rate_60d

    /** A trend needs this many observed days. */
    static final int TREND_MIN_DAYS = 14;

    static {
        if (KNOWN.size() != ADJUSTED_LAG_1 + 1
                || !KNOWN.get(EWM + WEEKDAY_EWM_REFERENCE).equals("ewm_rate_60d")
                || HistoryFold.WEEKDAY_HALF_LIFE != 60) {
            throw new AssertionError("feature indices out of step with the names");
        }
    }

    private final Vocabularies vocabularies;
    private final List<String> names;
    private final int[] columns; // per output position, its index in KNOWN
    private final List<Integer> categorical;
    private final boolean dates; // day_of_month, week_of_year or month listed
    private final boolean codes; // dataset_uuid or rule_code listed

    /** An extractor of {@link #DEFAULTS}. */
    public FeatureExtractor(Vocabularies vocabularies) {
        this(vocabularies, DEFAULTS);
    }

    /**
     * An extractor of the given features, in that order.
     *
     * @throws IllegalArgumentException when a name is not in {@link #KNOWN} or appears twice
     */
    public FeatureExtractor(Vocabularies vocabularies, List<String> features) {
        this.vocabularies = vocabularies;
        this.names = List.copyOf(features);
        this.columns = new int[names.size()];
        List<Integer> cat = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            columns[i] = KNOWN.indexOf(name);
            if (columns[i] < 0) {
                throw new IllegalArgumentException("unknown feature '" + name + "'");
            }
            if (names.indexOf(name) != i) {
                throw new IllegalArgumentException("feature '" + name + "' listed twice");
            }
            if (CATEGORICAL_NAMES.contains(name)) {
                cat.add(i);
            }
        }
        this.categorical = List.copyOf(cat);
        this.dates =
                names.contains("day_of_month")
                        || names.contains("week_of_year")
                        || names.contains("month");
        this.codes = names.contains("dataset_uuid") || names.contains("rule_code");
    }

    /** The names this build knows: the first name of {@code features} it does not, or null. */
    public static String firstUnknown(List<String> features) {
        for (String f : features) {
            if (!KNOWN.contains(f)) {
                return f;
            }
        }
        return null;
    }

    public Vocabularies vocabularies() {
        return vocabularies;
    }

    /** The feature names in vector order. */
    public List<String> features() {
        return names;
    }

    /** Values per vector. */
    public int width() {
        return columns.length;
    }

    /** Positions of the categorical features in the vector. */
    public List<Integer> categorical() {
        return categorical;
    }

    /** The features of the series' forecast of {@code targetDay} (epoch day) as a new array. */
    public double[] extract(SeriesState series, int targetDay) {
        double[] out = new double[columns.length];
        extract(series, targetDay, out, 0);
        return out;
    }

    /** Writes the features into {@code out[offset .. offset + width())} (row-major batches). */
    public void extract(SeriesState series, int targetDay, double[] out, int offset) {
        double[] all = new double[KNOWN.size()];
        computeAll(series, targetDay, all);
        for (int i = 0; i < columns.length; i++) {
            out[offset + i] = all[columns[i]];
        }
    }

    /**
     * How many executions a forecast of {@code targetDay} expects, for its distribution (a day of n
     * executions takes one of n + 1 values): the mean executions of the observed days of the same
     * weekday within the look-back ({@link SeriesState#LOOKBACK_DAYS}: loads differ between
     * weekdays), or of every observed day within it when fewer than two share the weekday, rounded,
     * at least 1; 0 when no day is observed within the look-back (the caller then uses a typical
     * count). Days on or after the target are not looked at.
     */
    public static int expectedExecutions(SeriesState series, int targetDay) {
        int weekday = HistoryFold.dayOfWeek(targetDay);
        long sameSum = 0;
        int sameDays = 0;
        long allSum = 0;
        int allDays = 0;
        int before = series.indexAtOrAfter(targetDay);
        for (int k = before - 1; k >= 0; k--) {
            int age = targetDay - series.days[k];
            if (age > SeriesState.LOOKBACK_DAYS) {
                break;
            }
            allSum += series.executions[k];
            allDays++;
            if (HistoryFold.dayOfWeek(series.days[k]) == weekday) {
                sameSum += series.executions[k];
                sameDays++;
            }
        }
        if (sameDays >= 2) {
            return (int) Math.max(1, Math.round(sameSum / (double) sameDays));
        }
        return allDays == 0 ? 0 : (int) Math.max(1, Math.round(allSum / (double) allDays));
    }

    private void computeAll(SeriesState series, int targetDay, double[] f) {
        LocalDate date = LocalDate.ofEpochDay(targetDay);
        f[DAY_OF_WEEK] = date.getDayOfWeek().getValue();
        // Computed only when listed (the week of the year is costly, the codes are map lookups):
        // no other feature reads them.
        if (dates) {
            f[DAY_OF_MONTH] = date.getDayOfMonth();
            f[WEEK_OF_YEAR] = date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            f[MONTH] = date.getMonthValue();
        }
        if (codes) {
            f[DATASET] = vocabularies.datasetCode(series.datasetUuid);
            f[RULE] = vocabularies.ruleCode(series.ruleCode);
        }

        // The whole history: the folded days (all before the window), then the window's days
        // before the target, through the same fold. A folded history reaching the target would
        // leak: it is then left out (SeriesState explains when that happens).
        double[] folded = series.foldedHistory();
        double[] h =
                folded != null && HistoryFold.last(folded) < targetDay
                        ? folded.clone()
                        : HistoryFold.empty();
        double lag1 = Double.NaN;
        double lag2 = Double.NaN;
        double lag7 = Double.NaN;
        double executionsLag1 = Double.NaN;
        double sum3 = 0;
        int n3 = 0;
        double sum7 = 0;
        int n7 = 0;
        double executions7 = 0;
        double sum56 = 0;
        int n56 = 0;
        int[] days = series.days;
        int before = series.indexAtOrAfter(targetDay); // window days [0, before) are < target
        for (int k = 0; k < before; k++) {
            HistoryFold.fold(h, days[k], series.executions[k], series.passes[k]);
            int age = targetDay - days[k];
            if (age > SeriesState.LOOKBACK_DAYS) {
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
                executions7 += series.executions[k];
            }
            sum56 += v;
            n56++;
        }
        f[LAG_1] = lag1;
        f[LAG_2] = lag2;
        f[LAG_7] = lag7;
        f[MA_3] = n3 == 0 ? Double.NaN : sum3 / n3;
        f[MA_7] = n7 == 0 ? Double.NaN : sum7 / n7;
        f[MA_56] = n56 == 0 ? Double.NaN : sum56 / n56;
        f[EXECUTIONS_LAG_1] = executionsLag1;
        f[EXECUTIONS_MA_7] = n7 == 0 ? Double.NaN : executions7 / n7;
        wholeHistory(h, targetDay, f);
        badRun(series, before, targetDay, f[RATE_ALL], f);
        deficits(series, before, targetDay, h, f);
    }

    /**
     * How far the last 1, 3 and 7 days' passes fell short of what the series' usual rate for each
     * day's weekday (exponentially weighted, {@link HistoryFold#WEEKDAY_HALF_LIFE}) expected, in
     * binomial standard deviations; and the last value moved from its weekday's usual rate to the
     * target's. A weekend dip is then not mistaken for an incident, nor an incident for a weekend.
     */
    private static void deficits(
            SeriesState series, int before, int targetDay, double[] h, double[] f) {
        f[DEFICIT_1] = Double.NaN;
        f[DEFICIT_3] = Double.NaN;
        f[DEFICIT_7] = Double.NaN;
        f[ADJUSTED_LAG_1] = Double.NaN;
        double target = weekdayRate(h, HistoryFold.dayOfWeek(targetDay));
        double observed = 0;
        double expected = 0;
        double variance = 0;
        for (int k = before - 1; k >= 0; k--) {
            int age = targetDay - series.days[k];
            if (age > 7) {
                break;
            }
            double r = weekdayRate(h, HistoryFold.dayOfWeek(series.days[k])) / 100;
            if (Double.isNaN(r)) {
                continue;
            }
            int n = series.executions[k];
            observed += series.passes[k];
            expected += n * r;
            variance += n * Math.max(r * (1 - r), 0.0025);
            if (age == 1) {
                f[DEFICIT_1] = (observed - expected) / Math.sqrt(variance);
                f[ADJUSTED_LAG_1] = series.passPercentage(k) - 100 * r + target;
            }
            if (age <= 3) {
                f[DEFICIT_3] = (observed - expected) / Math.sqrt(variance);
            }
            f[DEFICIT_7] = (observed - expected) / Math.sqrt(variance);
        }
    }

    /** The weekday's exponentially weighted rate (percent), NaN without executions. */
    private static double weekdayRate(double[] h, int weekday) {
        int i = HistoryFold.WEEKDAY_EW + 2 * (weekday - 1);
        return HistoryFold.rate(h[i], h[i + 1]);
    }

    private static void wholeHistory(double[] h, int targetDay, double[] f) {
        double n = h[HistoryFold.DAYS];
        if (n == 0) {
            for (int i = HISTORY_DAYS; i <= TREND_LEVEL; i++) {
                f[i] = Double.NaN;
            }
            f[DAYS_SINCE_OBSERVED] = Double.NaN;
            f[HISTORY_DAYS] = 0;
            return;
        }
        f[HISTORY_DAYS] = n;
        f[HISTORY_AGE] = targetDay - h[HistoryFold.FIRST];
        f[DAYS_SINCE_OBSERVED] = targetDay - h[HistoryFold.LAST];
        double mean = h[HistoryFold.VALUE_SUM] / n;
        f[MEAN_ALL] = mean;
        f[RATE_ALL] = HistoryFold.rate(h[HistoryFold.PASSES], h[HistoryFold.EXECUTIONS]);
        f[STD_ALL] = Math.sqrt(Math.max(0, h[HistoryFold.VALUE_SQUARES] / n - mean * mean));
        for (int k = 0; k < HistoryFold.HALF_LIVES.length; k++) {
            int i = HistoryFold.EW + 2 * k;
            f[EWM + k] = HistoryFold.rate(h[i], h[i + 1]);
        }
        int w = HistoryFold.dayOfWeek(targetDay) - 1;
        f[WEEKDAY_RATE] =
                HistoryFold.rate(
                        h[HistoryFold.WEEKDAY + 2 * w], h[HistoryFold.WEEKDAY + 2 * w + 1]);
        f[WEEKDAY_EFFECT] = f[WEEKDAY_RATE] - f[RATE_ALL];
        f[WEEKDAY_EWM_RATE] =
                HistoryFold.rate(
                        h[HistoryFold.WEEKDAY_EW + 2 * w], h[HistoryFold.WEEKDAY_EW + 2 * w + 1]);
        f[WEEKDAY_EWM_EFFECT] = f[WEEKDAY_EWM_RATE] - f[EWM + WEEKDAY_EWM_REFERENCE];
        double st = h[HistoryFold.TREND_T];
        double denominator = n * h[HistoryFold.TREND_TT] - st * st;
        if (n >= TREND_MIN_DAYS && denominator > 0) {
            double slope =
                    (n * h[HistoryFold.TREND_TV] - st * h[HistoryFold.VALUE_SUM]) / denominator;
            double intercept = (h[HistoryFold.VALUE_SUM] - slope * st) / n;
            f[TREND_SLOPE] = 30 * slope;
            f[TREND_LEVEL] = intercept + slope * (targetDay - h[HistoryFold.FIRST]);
        } else {
            f[TREND_SLOPE] = Double.NaN;
            f[TREND_LEVEL] = Double.NaN;
        }
    }

    /**
     * The current bad run: the latest observed days before the target (within the look-back),
     * counted back while each is clearly below the series' long-run rate (more than two binomial
     * standard deviations of its executions, and at least 10 points). An incident holds a rule down
     * for days, and how long it has lasted says how soon it may end.
     */
    private static void badRun(
            SeriesState series, int before, int targetDay, double reference, double[] f) {
        f[BAD_RUN_DAYS] = Double.NaN;
        f[BAD_RUN_MEAN] = Double.NaN;
        f[DAYS_SINCE_BAD] = Double.NaN;
        if (Double.isNaN(reference)) {
            return;
        }
        int run = 0;
        double runSum = 0;
        boolean inRun = true;
        for (int k = before - 1; k >= 0; k--) {
            if (targetDay - series.days[k] > SeriesState.LOOKBACK_DAYS) {
                break; // window features look back as far as a late forecast can, no further
            }
            int n = series.executions[k];
            double v = series.passPercentage(k);
            double sd = Math.sqrt(reference * (100 - reference) / n);
            boolean bad = v < reference - Math.max(10, 2 * sd);
            if (bad && Double.isNaN(f[DAYS_SINCE_BAD])) {
                f[DAYS_SINCE_BAD] = targetDay - series.days[k];
            }
            if (inRun && bad) {
                run++;
                runSum += v;
            } else {
                inRun = false;
                if (!Double.isNaN(f[DAYS_SINCE_BAD])) {
                    break;
                }
            }
        }
        f[BAD_RUN_DAYS] = run;
        f[BAD_RUN_MEAN] = run == 0 ? Double.NaN : runSum / run;
    }
}
