package com.dataquality.dqs.model;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeries;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks training data must pass before anything is trained, each failing with one line that
 * says what is wrong and what is needed, and the {@link DataReport} of data that passes.
 *
 * <ul>
 *   <li>enough series-days: fewer than {@link #MIN_SERIES_DAYS} rows cannot fill a training part, a
 *       validation slice and a holdout;
 *   <li>a date range long enough for the features: at least {@link #MIN_DATES} distinct dates (two
 *       of each weekday for the weekday levels, a week for the weekly lag, and room for the
 *       validation slice and the holdout);
 *   <li>a target that varies: when every series-day has the same pass percentage (all 100%, a
 *       common case for a new rule set) there is nothing to learn, and a model would only repeat
 *       it.
 * </ul>
 */
public final class TrainingGates {

    public static final int MIN_SERIES_DAYS = 100;
    public static final int MIN_DATES = 14;

    private TrainingGates() {}

    /**
     * Checks the data and reports on it.
     *
     * @throws InputException one line, starting "too little data to train" or "cannot train", for
     *     data that fails a gate
     */
    public static DataReport check(List<DailySeries> series) {
        long rows = 0;
        long executions = 0;
        Set<Integer> dates = new HashSet<>();
        Set<String> datasets = new HashSet<>();
        Set<Integer> rules = new HashSet<>();
        for (DailySeries s : series) {
            rows += s.size();
            datasets.add(s.datasetUuid());
            rules.add(s.ruleCode());
            for (int i = 0; i < s.size(); i++) {
                dates.add(s.days()[i]);
                executions += s.executions()[i];
            }
        }
        if (rows < MIN_SERIES_DAYS) {
            throw new InputException(
                    "too little data to train: "
                            + rows
                            + " series-days (observed days of a dataset and rule), at least "
                            + MIN_SERIES_DAYS
                            + " are needed");
        }
        if (dates.size() < MIN_DATES) {
            throw new InputException(
                    "too little data to train: "
                            + dates.size()
                            + " distinct business dates, at least "
                            + MIN_DATES
                            + " are needed (two weeks: the features compare weekdays and look"
                            + " back a week, and the latest dates are held out)");
        }
        double[] labels = new double[(int) rows];
        int[] perDay = new int[(int) rows];
        int[] daysPerSeries = new int[series.size()];
        int r = 0;
        for (int k = 0; k < series.size(); k++) {
            DailySeries s = series.get(k);
            daysPerSeries[k] = s.size();
            for (int i = 0; i < s.size(); i++) {
                labels[r] = s.passPercentage(i);
                perDay[r] = s.executions()[i];
                r++;
            }
        }
        double min = Arrays.stream(labels).min().orElse(0);
        double max = Arrays.stream(labels).max().orElse(0);
        if (min == max) {
            throw new InputException(
                    String.format(
                            java.util.Locale.ROOT,
                            "cannot train: the daily pass percentage is %s on every one of the %d"
                                    + " series-days, so there is nothing to learn (a forecast"
                                    + " would only repeat it)",
                            min == Math.rint(min) ? Long.toString((long) min) + "%" : min + "%",
                            rows));
        }
        double mean = Arrays.stream(labels).average().orElse(0);
        double ss = 0;
        long hundred = 0;
        long zero = 0;
        for (double v : labels) {
            ss += (v - mean) * (v - mean);
            hundred += v == 100 ? 1 : 0;
            zero += v == 0 ? 1 : 0;
        }
        Arrays.sort(perDay);
        Arrays.sort(daysPerSeries);
        int first = dates.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int last = dates.stream().mapToInt(Integer::intValue).max().orElseThrow();
        return new DataReport(
                rows,
                series.size(),
                datasets.size(),
                rules.size(),
                dates.size(),
                LocalDate.ofEpochDay(first).toString(),
                LocalDate.ofEpochDay(last).toString(),
                executions,
                executions / (double) rows,
                perDay[perDay.length / 2],
                mean,
                Math.sqrt(ss / rows),
                hundred / (double) rows,
                zero / (double) rows,
                daysPerSeries[0],
                daysPerSeries[daysPerSeries.length / 2]);
    }
}
