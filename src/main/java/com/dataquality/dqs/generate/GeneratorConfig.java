package com.dataquality.dqs.generate;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.parse.BusinessDates;
import java.time.LocalDate;

/**
 * What {@link Generator} produces: sizes, date range, seed, defect and drift settings. Every output
 * byte is a function of this record, so equal configs give identical files.
 *
 * @param rows exact number of data rows written (valid and bad), headers not counted
 * @param startDate first business date
 * @param days number of days in the range (the last date is {@code startDate + days - 1})
 * @param datasets number of datasets
 * @param rules number of rules written to {@code rules.json}
 * @param seed seed of every random choice
 * @param badFraction share of rows that are defective, spread evenly over the 7 reject reasons
 * @param files number of CSV files the rows are split across
 * @param unknownRules rule codes used in the data but absent from {@code rules.json}
 * @param driftDate first date of the drift, or null for no drift
 * @param driftFraction share of series that drift
 * @param driftSize shift of the pass probability of a drifted series (clamped to [0, 1])
 * @param warningRate probability that one execution ends with a warning
 * @param executionsPerDay mean executions of a series on a day it runs: the row budget is spread
 *     over about {@code rows / (days × 0.9 × executionsPerDay)} series, so a smaller value gives
 *     more, noisier series (3 gives daily pass percentages that are mostly binomial noise)
 * @param patternStrength scales every departure of a series' hidden pass probability from its base
 *     level (weekly pattern, trend, wander, incidents); 1 is the generator's usual data, below 1
 *     the series are flatter and a day's value is more noise than signal
 * @param truth also write {@code truth.csv}: every series-day's hidden pass probability, for
 *     benchmarks that compare a forecaster with an oracle
 */
public record GeneratorConfig(
        long rows,
        LocalDate startDate,
        int days,
        int datasets,
        int rules,
        long seed,
        double badFraction,
        int files,
        int unknownRules,
        LocalDate driftDate,
        double driftFraction,
        double driftSize,
        double warningRate,
        double executionsPerDay,
        double patternStrength,
        boolean truth) {

    public static final long DEFAULT_ROWS = 100_000;
    public static final LocalDate DEFAULT_START = LocalDate.of(2024, 1, 1);
    public static final int DEFAULT_DAYS = 365;
    public static final int DEFAULT_DATASETS = 50;
    public static final int DEFAULT_RULES = 20;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_BAD_FRACTION = 0.01;
    public static final int DEFAULT_FILES = 1;
    public static final int DEFAULT_UNKNOWN_RULES = 1;
    public static final double DEFAULT_DRIFT_FRACTION = 0.3;
    public static final double DEFAULT_DRIFT_SIZE = -0.2;
    public static final double DEFAULT_WARNING_RATE = 0.03;
    public static final double DEFAULT_EXECUTIONS_PER_DAY = 8.0;
    static final double MAX_EXECUTIONS_PER_DAY = 1_000_000;
    public static final double DEFAULT_PATTERN_STRENGTH = 1.0;

    /** The config without the options added later (executions per day, truth file). */
    public GeneratorConfig(
            long rows,
            LocalDate startDate,
            int days,
            int datasets,
            int rules,
            long seed,
            double badFraction,
            int files,
            int unknownRules,
            LocalDate driftDate,
            double driftFraction,
            double driftSize,
            double warningRate) {
        this(
                rows,
                startDate,
                days,
                datasets,
                rules,
                seed,
                badFraction,
                files,
                unknownRules,
                driftDate,
                driftFraction,
                driftSize,
                warningRate,
                DEFAULT_EXECUTIONS_PER_DAY,
                DEFAULT_PATTERN_STRENGTH,
                false);
    }

    /** Upper bounds that keep a typo from filling the disk or the heap. */
    static final int MAX_DAYS = 36_600;

    static final int MAX_DATASETS = 100_000;
    static final int MAX_RULES = 5_000;
    static final int MAX_FILES = 10_000;

    /** The defaults of {@code dqs generate}. */
    public static GeneratorConfig defaults() {
        return new GeneratorConfig(
                DEFAULT_ROWS,
                DEFAULT_START,
                DEFAULT_DAYS,
                DEFAULT_DATASETS,
                DEFAULT_RULES,
                DEFAULT_SEED,
                DEFAULT_BAD_FRACTION,
                DEFAULT_FILES,
                DEFAULT_UNKNOWN_RULES,
                null,
                DEFAULT_DRIFT_FRACTION,
                DEFAULT_DRIFT_SIZE,
                DEFAULT_WARNING_RATE,
                DEFAULT_EXECUTIONS_PER_DAY,
                DEFAULT_PATTERN_STRENGTH,
                false);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Last business date of the range. */
    public LocalDate endDate() {
        return startDate.plusDays(days - 1L);
    }

    /**
     * Checks every value and throws an {@link InputException} naming the first bad option, in the
     * CLI's option names so the message reads the same from the library and the command line.
     */
    public GeneratorConfig validate() {
        requireRange("--rows", rows, 0, Long.MAX_VALUE);
        if (startDate == null) {
            throw new InputException("--start-date is required");
        }
        requireRange("--days", days, 1, MAX_DAYS);
        if (!BusinessDates.isSupported(startDate.toEpochDay())
                || !BusinessDates.isSupported(endDate().toEpochDay())) {
            throw new InputException(
                    "--start-date "
                            + startDate
                            + " and --days "
                            + days
                            + " give dates "
                            + startDate
                            + " to "
                            + endDate()
                            + ", outside the supported business dates "
                            + BusinessDates.RANGE);
        }
        requireRange("--datasets", datasets, 1, MAX_DATASETS);
        requireRange("--rules", rules, 1, MAX_RULES);
        requireRange("--files", files, 1, MAX_FILES);
        requireRange("--unknown-rules", unknownRules, 0, MAX_RULES);
        requireFraction("--bad-fraction", badFraction);
        requireFraction("--drift-fraction", driftFraction);
        requireFraction("--warning-rate", warningRate);
        if (!(driftSize >= -1.0 && driftSize <= 1.0)) {
            throw new InputException("--drift-size must be within [-1, 1], got " + driftSize);
        }
        if (!(executionsPerDay >= 1.0 && executionsPerDay <= MAX_EXECUTIONS_PER_DAY)) {
            throw new InputException(
                    "--executions-per-day must be within [1, "
                            + (long) MAX_EXECUTIONS_PER_DAY
                            + "], got "
                            + executionsPerDay);
        }
        if (!(patternStrength >= 0.0 && patternStrength <= 2.0)) {
            throw new InputException(
                    "--pattern-strength must be within [0, 2], got " + patternStrength);
        }
        if (driftDate != null && (driftDate.isBefore(startDate) || driftDate.isAfter(endDate()))) {
            throw new InputException(
                    "--drift-date "
                            + driftDate
                            + " is outside the generated range "
                            + startDate
                            + ".."
                            + endDate());
        }
        return this;
    }

    private static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            String bound =
                    max == Long.MAX_VALUE ? ">= " + min : "within [" + min + ", " + max + "]";
            throw new InputException(option + " must be " + bound + ", got " + value);
        }
    }

    private static void requireFraction(String option, double value) {
        // The negated form also rejects NaN.
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new InputException(option + " must be within [0, 1], got " + value);
        }
    }

    /** Fluent construction, so callers name only what differs from the defaults. */
    public static final class Builder {
        private long rows;
        private LocalDate startDate;
        private int days;
        private int datasets;
        private int rules;
        private long seed;
        private double badFraction;
        private int files;
        private int unknownRules;
        private LocalDate driftDate;
        private double driftFraction;
        private double driftSize;
        private double warningRate;
        private double executionsPerDay;
        private double patternStrength;
        private boolean truth;

        private Builder(GeneratorConfig c) {
            rows = c.rows;
            startDate = c.startDate;
            days = c.days;
            datasets = c.datasets;
            rules = c.rules;
            seed = c.seed;
            badFraction = c.badFraction;
            files = c.files;
            unknownRules = c.unknownRules;
            driftDate = c.driftDate;
            driftFraction = c.driftFraction;
            driftSize = c.driftSize;
            warningRate = c.warningRate;
            executionsPerDay = c.executionsPerDay;
            patternStrength = c.patternStrength;
            truth = c.truth;
        }

        public Builder rows(long v) {
            rows = v;
            return this;
        }

        public Builder startDate(LocalDate v) {
            startDate = v;
            return this;
        }

        public Builder days(int v) {
            days = v;
            return this;
        }

        public Builder datasets(int v) {
            datasets = v;
            return this;
        }

        public Builder rules(int v) {
            rules = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder badFraction(double v) {
            badFraction = v;
            return this;
        }

        public Builder files(int v) {
            files = v;
            return this;
        }

        public Builder unknownRules(int v) {
            unknownRules = v;
            return this;
        }

        /**
         * Drift from {@code date} (null for none) of {@code fraction} of the series by {@code
         * size}.
         */
        public Builder drift(LocalDate date, double fraction, double size) {
            driftDate = date;
            driftFraction = fraction;
            driftSize = size;
            return this;
        }

        public Builder warningRate(double v) {
            warningRate = v;
            return this;
        }

        public Builder executionsPerDay(double v) {
            executionsPerDay = v;
            return this;
        }

        public Builder patternStrength(double v) {
            patternStrength = v;
            return this;
        }

        /** Also write {@code truth.csv} (the hidden pass probability of every series-day). */
        public Builder truth(boolean v) {
            truth = v;
            return this;
        }

        /** The config, not yet validated ({@link Generator} validates it). */
        public GeneratorConfig build() {
            return new GeneratorConfig(
                    rows,
                    startDate,
                    days,
                    datasets,
                    rules,
                    seed,
                    badFraction,
                    files,
                    unknownRules,
                    driftDate,
                    driftFraction,
                    driftSize,
                    warningRate,
                    executionsPerDay,
                    patternStrength,
                    truth);
        }
    }
}
