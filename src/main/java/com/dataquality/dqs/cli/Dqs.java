package com.dataquality.dqs.cli;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dqs} launcher: one command with a sub-command per task (CONTRACT.md §5). */
@Command(
        name = "dqs",
        mixinStandardHelpOptions = true,
        versionProvider = Dqs.Version.class,
        description = "Data Quality Summarizer: summaries, forecasts and drift on Apache Flink.",
        subcommands = {
            SummarizeCommand.class,
            RunCommand.class,
            StopCommand.class,
            GenerateCommand.class,
            TrainModelCommand.class,
            PredictCommand.class,
            BatchPredictCommand.class,
            ModelsCommand.class,
            RetrainCommand.class,
            PublishCommand.class,
            TopicsCommand.class,
            ConsumeCommand.class,
            ReportCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Dqs implements Runnable {

    /** Exit code for bad arguments, as picocli and most Unix tools use. */
    public static final int EXIT_USAGE = 2;

    /** Exit code for input the user can fix (missing file, invalid metadata, corrupt model). */
    public static final int EXIT_INPUT = 1;

    /** Exit code for anything unexpected: still one line, the stack trace goes to the log. */
    public static final int EXIT_SOFTWARE = 70;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Logging.init();
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code; tests call this instead of main. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Runs one command line with its output and errors going to the given writers. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Dqs());
        cl.setParameterExceptionHandler(
                (ex, args) -> {
                    String cmd = ex.getCommandLine().getCommandName();
                    ex.getCommandLine()
                            .getErr()
                            .println(
                                    "dqs: "
                                            + ex.getMessage()
                                            + " (see 'dqs "
                                            + ("dqs".equals(cmd) ? "" : cmd + " ")
                                            + "--help')");
                    return EXIT_USAGE;
                });
        cl.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> {
                    if (ex instanceof UsageException usage) {
                        String cmd = commandLine.getCommandName();
                        commandLine
                                .getErr()
                                .println(
                                        "dqs: "
                                                + usage.getMessage()
                                                + " (see 'dqs "
                                                + ("dqs".equals(cmd) ? "" : cmd + " ")
                                                + "--help')");
                        return EXIT_USAGE;
                    }
                    InputException input = Errors.findInputException(ex);
                    if (input != null) {
                        commandLine.getErr().println("dqs: " + input.getMessage());
                        return EXIT_INPUT;
                    }
                    Logging.logUnexpected(ex);
                    String known = Errors.known(ex);
                    if (known != null) {
                        commandLine
                                .getErr()
                                .println(
                                        "dqs: "
                                                + known
                                                + " (details in "
                                                + Logging.logFile()
                                                + ")");
                        return EXIT_INPUT;
                    }
                    commandLine
                            .getErr()
                            .println(
                                    "dqs: unexpected error: "
                                            + Errors.oneLine(ex)
                                            + " (details in "
                                            + Logging.logFile()
                                            + ")");
                    return EXIT_SOFTWARE;
                });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a sub-command is required");
    }

    /** Reads the version Maven wrote into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Dqs.class.getPackage().getImplementationVersion();
            return new String[] {"dqs " + (v == null ? "(development build)" : v)};
        }
    }
}
