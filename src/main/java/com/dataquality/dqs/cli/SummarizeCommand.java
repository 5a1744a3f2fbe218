package com.dataquality.dqs.cli;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.io.AtomicFiles;
import com.dataquality.dqs.io.DeadLetterFile;
import com.dataquality.dqs.io.RunReport;
import com.dataquality.dqs.io.SummaryFacts;
import com.dataquality.dqs.io.SummaryFiles;
import com.dataquality.dqs.launch.BoundedSummary;
import com.dataquality.dqs.parse.InputFiles;
import com.dataquality.dqs.parse.RuleMetadataFile;
import com.dataquality.dqs.record.RuleMetadata;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dqs summarize <csv>... <rules.json>}: the bounded summary of CONTRACT.md §3. */
@Command(
        name = "summarize",
        mixinStandardHelpOptions = true,
        description = {
            "Summarizes rule-execution CSV files into full_summary.csv, nl_all_rows.txt,",
            "dead_letters.csv and run_report.json, on an embedded Flink."
        })
final class SummarizeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SummarizeCommand.class);

    @Parameters(
            arity = "0..*",
            paramLabel = "<csv>... <rules.json>",
            description = "CSV files or directories of them, then the rule metadata JSON.")
    List<Path> arguments;

    @Option(
            names = "--output-dir",
            defaultValue = ".",
            paramLabel = "DIR",
            description = "Where the outputs go (default: the current directory).")
    Path outputDir;

    @Option(
            names = "--parallelism",
            defaultValue = "1",
            paramLabel = "N",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        // For the start-up breakdown of scripts/bench-startup.sh: the JVM's own start-up and the
        // command line's parsing end here.
        LOG.info(
                "summarize: command started {} ms after the JVM",
                ManagementFactory.getRuntimeMXBean().getUptime());
        if (parallelism < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--parallelism must be at least 1, got " + parallelism);
        }
        if (arguments == null || arguments.size() < 2) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "expected one or more CSV inputs followed by the rules JSON file");
        }
        Path rulesFile = arguments.get(arguments.size() - 1);
        if (rulesFile.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "the last argument must be the rules JSON file, got " + rulesFile);
        }
        List<Path> files = InputFiles.expand(arguments.subList(0, arguments.size() - 1));
        Map<Integer, RuleMetadata> rules = RuleMetadataFile.load(rulesFile);
        Path dir = AtomicFiles.outputDirectory(outputDir);
        PrintWriter err = spec.commandLine().getErr();

        long t1 = System.nanoTime();
        BoundedSummary.Result result;
        try (DeadLetterFile deadLetters = new DeadLetterFile(dir)) {
            result =
                    BoundedSummary.run(
                            BoundedSummary.environment(parallelism),
                            files,
                            rules,
                            deadLetters.staging(),
                            read -> {
                                err.printf("summarize: %,d records read%n", read);
                                err.flush();
                            });
            if (result.counts().read() == 0) {
                throw new InputException("no rule-execution records in " + describe(files));
            }
            deadLetters.commit();
        }
        long t2 = System.nanoTime();
        SummaryFiles.write(dir, result.rows());
        long t3 = System.nanoTime();
        RunReport.write(
                dir,
                RunReport.build(
                        "summarize",
                        files,
                        result.counts(),
                        SummaryFacts.of(result.rows(), rules),
                        parallelism,
                        null,
                        Map.of(),
                        new RunReport.Timings(
                                millis(t1 - t0),
                                result.jobMillis(),
                                millis(t3 - t2),
                                millis(System.nanoTime() - t0))));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "%,d records read: %,d valid, %,d dead-lettered; %,d summaries written to %s"
                        + " in %.1f s%n",
                result.counts().read(),
                result.counts().valid(),
                result.counts().deadLettered(),
                result.rows().size(),
                dir,
                (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String describe(List<Path> files) {
        return files.size() == 1 ? files.get(0).toString() : files.size() + " input files";
    }
}
