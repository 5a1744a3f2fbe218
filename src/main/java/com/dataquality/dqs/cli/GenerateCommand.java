package com.dataquality.dqs.cli;

import com.dataquality.dqs.generate.GenerationReport;
import com.dataquality.dqs.generate.Generator;
import com.dataquality.dqs.generate.GeneratorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dqs generate}: seeded synthetic rule executions, rule metadata and a report. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes realistic synthetic rule-execution CSV files, rules.json and"
                    + " generation_report.json. The same options and seed give identical files."
        })
public final class GenerateCommand implements Callable<Integer> {

    private static final Pattern DATA_FILE = Pattern.compile("rule_executions(-\\d+)?\\.csv");

    /** Below this many rows the run is too short for progress lines to help. */
    private static final long PROGRESS_MIN_ROWS = 500_000;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--output-dir",
            required = true,
            paramLabel = "DIR",
            description = "Where to write.")
    Path outputDir;

    @Option(
            names = "--rows",
            paramLabel = "N",
            defaultValue = "" + GeneratorConfig.DEFAULT_ROWS,
            description =
                    "Exact number of data rows, bad rows included (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(
            names = "--start-date",
            paramLabel = "YYYY-MM-DD",
            defaultValue = "2024-01-01",
            converter = DateConverter.class,
            description = "First business date (default: ${DEFAULT-VALUE}).")
    LocalDate startDate;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "" + GeneratorConfig.DEFAULT_DAYS,
            description = "Days in the range (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--datasets",
            paramLabel = "N",
            defaultValue = "" + GeneratorConfig.DEFAULT_DATASETS,
            description = "Number of datasets (default: ${DEFAULT-VALUE}).")
    int datasets;

    @Option(
            names = "--rules",
            paramLabel = "N",
            defaultValue = "" + GeneratorConfig.DEFAULT_RULES,
            description = "Rules in rules.json (default: ${DEFAULT-VALUE}).")
    int rules;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "" + GeneratorConfig.DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--bad-fraction",
            paramLabel = "F",
            defaultValue = "" + GeneratorConfig.DEFAULT_BAD_FRACTION,
            description =
                    "Share of defective rows, spread evenly over the 7 reject reasons (default: ${DEFAULT-VALUE}).")
    double badFraction;

    @Option(
            names = "--files",
            paramLabel = "N",
            defaultValue = "" + GeneratorConfig.DEFAULT_FILES,
            description =
                    "Split the rows over N files rule_executions-00.csv... (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(
            names = "--unknown-rules",
            paramLabel = "N",
            defaultValue = "" + GeneratorConfig.DEFAULT_UNKNOWN_RULES,
            description =
                    "Rule codes used in the data but missing from rules.json (default: ${DEFAULT-VALUE}).")
    int unknownRules;

    @Option(
            names = "--drift-date",
            paramLabel = "YYYY-MM-DD",
            converter = DateConverter.class,
            description = "From this date, some series shift their pass rate (default: no drift).")
    LocalDate driftDate;

    @Option(
            names = "--drift-fraction",
            paramLabel = "F",
            defaultValue = "" + GeneratorConfig.DEFAULT_DRIFT_FRACTION,
            description = "Share of series that drift (default: ${DEFAULT-VALUE}).")
    double driftFraction;

    @Option(
            names = "--drift-size",
            paramLabel = "X",
            defaultValue = "" + GeneratorConfig.DEFAULT_DRIFT_SIZE,
            description =
                    "Shift of a drifted series' pass probability (default: ${DEFAULT-VALUE}).")
    double driftSize;

    @Option(
            names = "--warning-rate",
            paramLabel = "F",
            defaultValue = "" + GeneratorConfig.DEFAULT_WARNING_RATE,
            description =
                    "Probability that an execution ends with a warning (default: ${DEFAULT-VALUE}).")
    double warningRate;

    @Option(
            names = "--executions-per-day",
            paramLabel = "X",
            defaultValue = "" + GeneratorConfig.DEFAULT_EXECUTIONS_PER_DAY,
            description =
                    "Mean executions of a series on a day it runs; the rows are spread over more"
                            + " series when it is smaller (default: ${DEFAULT-VALUE}).")
    double executionsPerDay;

    @Option(
            names = "--pattern-strength",
            paramLabel = "F",
            defaultValue = "" + GeneratorConfig.DEFAULT_PATTERN_STRENGTH,
            description =
                    "Scales the series' weekly pattern, trend, wander and incidents; below 1 the"
                            + " series are flatter (default: ${DEFAULT-VALUE}).")
    double patternStrength;

    @Option(
            names = "--truth",
            description =
                    "Also write truth.csv: each series-day's hidden pass probability (what an"
                            + " oracle would forecast).")
    boolean truth;

    @Override
    public Integer call() {
        GeneratorConfig config =
                new GeneratorConfig(
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
        try {
            config.validate();
        } catch (com.dataquality.dqs.InputException e) {
            // An option out of range is a usage error, reported like picocli's own.
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        Generator.Progress progress =
                rows >= PROGRESS_MIN_ROWS ? new TenthsProgress(err) : Generator.Progress.NONE;
        GenerationReport report = new Generator(config).writeTo(outputDir, progress);
        warnAboutStaleFiles(report, err);
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.summaryLine() + " -> " + outputDir);
        out.flush();
        return 0;
    }

    /**
     * A directory given to {@code dqs summarize} or {@code dqs run} is read whole, so data files of
     * an earlier run with more {@code --files} would silently join this run's data.
     */
    private void warnAboutStaleFiles(GenerationReport report, PrintWriter err) {
        Set<String> written = Set.copyOf(report.files());
        try (Stream<Path> entries = Files.list(outputDir)) {
            List<String> stale =
                    entries.map(p -> p.getFileName().toString())
                            .filter(n -> DATA_FILE.matcher(n).matches() && !written.contains(n))
                            .sorted()
                            .toList();
            if (!stale.isEmpty()) {
                err.println(
                        "generate: warning: "
                                + outputDir
                                + " also holds data files this run did not write: "
                                + String.join(", ", stale));
            }
        } catch (IOException e) {
            // Only a warning: the files were written, listing the directory is a courtesy.
        }
    }

    /** Prints a line at each further tenth of the rows. */
    static final class TenthsProgress implements Generator.Progress {
        private final PrintWriter err;
        private int lastTenth;

        TenthsProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void rowsWritten(long done, long total) {
            int tenth = total == 0 ? 10 : (int) (done * 10 / total);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                err.printf("generate: %d%% (%d of %d rows)%n", tenth * 10, done, total);
                err.flush();
            }
        }
    }

    /** ISO dates only, with the option's value in the message when it is not one. */
    static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a date in the form YYYY-MM-DD");
            }
        }
    }
}
