package com.dataquality.dqs.cli;

import com.dataquality.dqs.report.Report;
import com.dataquality.dqs.report.ReportSources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dqs report DIR... --output FILE.html}: one self-contained HTML page for data stewards. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes one self-contained HTML report (works offline) from the output directories of",
            "summarize or run: overview, worst and degrading series, dead letters, run facts, and",
            "per dataset/rule the daily pass percentage with forecasts, intervals, anomalies,",
            "drift events and model versions. Absent files are named in the report."
        })
final class ReportCommand implements Callable<Integer> {

    @Parameters(
            arity = "1..*",
            paramLabel = "DIR",
            description = "Output directories of summarize or run.")
    List<Path> dirs;

    @ArgGroup(exclusive = true)
    ModelSource modelSource;

    static final class ModelSource {
        @Option(
                names = "--model",
                paramLabel = "FILE",
                description = "A model file: show its holdout metrics and training facts.")
        Path model;

        @Option(
                names = "--registry",
                paramLabel = "DIR",
                description = "A model registry: show its versions and their holdout metrics.")
        Path registry;
    }

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE.html",
            description = "Where to write the report.")
    Path output;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        String name = output.getFileName() == null ? "" : output.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".html")
                && !name.toLowerCase(Locale.ROOT).endsWith(".htm")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--output must name an .html file, got " + output);
        }
        PrintWriter err = spec.commandLine().getErr();
        ReportSources sources =
                new ReportSources(
                        dirs,
                        modelSource == null ? null : modelSource.model,
                        modelSource == null ? null : modelSource.registry);
        Report.Result r =
                Report.write(
                        sources,
                        output,
                        line -> {
                            err.println(line);
                            err.flush();
                        });
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "report: %,d series from %,d rows in %d director%s written to %s (%,d KiB) in"
                        + " %.1f s%n",
                r.series(),
                r.rowsRead(),
                dirs.size(),
                dirs.size() == 1 ? "y" : "ies",
                r.file(),
                (r.bytes() + 1023) / 1024,
                (System.nanoTime() - t0) / 1e9);
        out.printf("report: open %s%n", r.file().toAbsolutePath().toUri());
        out.flush();
        return 0;
    }
}
