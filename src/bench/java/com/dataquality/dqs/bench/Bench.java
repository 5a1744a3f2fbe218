package com.dataquality.dqs.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmark launcher, built only with {@code mvn -Pbench package} into {@code
 * target/bench/dq-summarizer-bench.jar}: measurement code stays out of the product's jar and
 * packages. The {@code scripts/bench-*.sh} scripts are its users.
 */
@Command(
        name = "dqs-bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks of the Data Quality Summarizer (see scripts/bench-*.sh).",
        subcommands = {
            BenchParseCommand.class,
            BenchScoringCommand.class,
            BenchKafkaCommand.class,
            ForecastQuality.class,
            SummaryLatencyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Bench implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("drift-simulation")) {
            try {
                DriftSimulation.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            } catch (java.io.IOException e) {
                System.err.println("dqs-bench: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a sub-command is required");
    }
}
