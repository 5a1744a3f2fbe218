package com.dataquality.dqs.cli;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.model.ModelRegistry;
import com.dataquality.dqs.retrain.HistoryFiles;
import com.dataquality.dqs.scoring.OfflineComparison;
import com.dataquality.dqs.scoring.PromotionSettings;
import com.dataquality.dqs.stats.PairedComparison;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dqs models compare A B}: two registry versions forecast the same held-out series-days from
 * the same history, and the table shows their errors and the paired test the running job uses to
 * promote a challenger (B is the challenger: a negative difference means B is better).
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Scores versions A and B on the same series-days of --history (from --from on, each",
            "day forecast from the days before it) and prints their errors and a paired test on",
            "daily mean loss differences (B minus A): mean, confidence interval, t, p, effect size,",
            "and the always-valid evidence the running job decides on."
        })
final class ModelsCompare implements Callable<Integer> {
    /** Days compared when --from is not given. */
    static final int DEFAULT_DAYS = 28;

    @Spec CommandSpec spec;
    @CommandLine.Mixin ModelsCommand.RegistryOption registry;

    @Parameters(index = "0", paramLabel = "A", description = "The reference version.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "The version compared with A.")
    String b;

    @Option(
            names = "--history",
            required = true,
            arity = "1..*",
            paramLabel = "PATH",
            description = "Rule-execution CSV files or directories.")
    List<Path> history = new ArrayList<>();

    @Option(
            names = "--from",
            converter = GenerateCommand.DateConverter.class,
            paramLabel = "DATE",
            description = "First day scored (default: the last " + DEFAULT_DAYS + " days).")
    LocalDate from;

    @Option(
            names = "--alpha",
            defaultValue = "0.05",
            paramLabel = "A",
            description = "Level of the test and the interval (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(
            names = "--min-improvement",
            defaultValue = "0.02",
            paramLabel = "F",
            description =
                    "For the running job's decision: how much lower B's error must be, as a"
                            + " fraction of A's (default: ${DEFAULT-VALUE}).")
    double minImprovement;

    @Override
    public Integer call() {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--alpha must be between 0 and 0.5, got " + alpha);
        }
        if (!(minImprovement >= 0 && minImprovement < 0.5)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--min-improvement must be at least 0 and below 0.5, got " + minImprovement);
        }
        ModelRegistry r = registry.registry();
        var modelA = r.load(a);
        var modelB = r.load(b);
        HistoryFiles.Read read = HistoryFiles.read(history, Integer.MAX_VALUE);
        List<DailySeries> series = read.table().series();
        int last = Integer.MIN_VALUE;
        for (DailySeries s : series) {
            if (s.size() > 0) {
                last = Math.max(last, s.days()[s.size() - 1]);
            }
        }
        if (last == Integer.MIN_VALUE) {
            throw new InputException("--history holds no valid rule execution");
        }
        int fromDay = from == null ? last - DEFAULT_DAYS + 1 : (int) from.toEpochDay();
        OfflineComparison c =
                OfflineComparison.of(
                        modelA,
                        modelB,
                        series,
                        fromDay,
                        new PromotionSettings(
                                true,
                                PromotionSettings.DEFAULTS.minDays(),
                                alpha,
                                "abs",
                                minImprovement));
        if (c.rows() == 0) {
            throw new InputException(
                    "--history has no day on or after "
                            + LocalDate.ofEpochDay(fromDay)
                            + " (its last day is "
                            + LocalDate.ofEpochDay(last)
                            + ")");
        }
        print(spec.commandLine().getOut(), c, fromDay, last);
        return 0;
    }

    private void print(PrintWriter out, OfflineComparison c, int fromDay, int last) {
        out.printf(
                "A = %s, B = %s: %,d series-days, %s to %s%n%n",
                a, b, c.rows(), LocalDate.ofEpochDay(fromDay), LocalDate.ofEpochDay(last));
        out.printf("%-6s %10s %10s%n", "", "MAE", "RMSE");
        out.printf("%-6s %10.3f %10.3f%n", "A", c.maeA(), c.rmseA());
        out.printf("%-6s %10.3f %10.3f%n%n", "B", c.maeB(), c.rmseB());
        int level = (int) Math.round((1 - alpha) * 100);
        out.printf(
                "paired daily mean loss difference, B minus A (negative: B is better)%n"
                        + "%-8s %5s %12s %26s %8s %9s %8s %10s  %s%n",
                "loss",
                "days",
                "mean",
                level + "% interval",
                "t",
                "p",
                "effect",
                "evidence",
                "verdict");
        row(out, "abs", c.abs());
        row(out, "squared", c.squared());
        out.printf(
                "%nA running job with B as challenger (dqs run --auto-promote, abs loss, %d days"
                        + " minimum, %.0f%% improvement, checked daily): %s%n",
                PromotionSettings.DEFAULTS.minDays(),
                minImprovement * 100,
                c.decision() == null
                        ? "no decision yet"
                        : c.decision().equals("B better")
                                ? "promotes B after " + c.decisionDays() + " days"
                                : "keeps A, judged better after " + c.decisionDays() + " days");
        out.flush();
    }

    private void row(PrintWriter out, String loss, PairedComparison p) {
        double[] ci = p.confidenceInterval(1 - alpha);
        String verdict =
                p.challengerWins(alpha, 2)
                        ? "B better"
                        : p.championWins(alpha, 2) ? "A better" : "no significant difference";
        out.printf(
                "%-8s %5d %12.4f %26s %8.2f %9s %8.2f %10.3g  %s%n",
                loss,
                p.days,
                p.mean,
                String.format("[%.4f, %.4f]", ci[0], ci[1]),
                p.tStatistic(),
                p.pValue() < 0.001 ? "<0.001" : String.format("%.3f", p.pValue()),
                p.effectSize(),
                p.evidence(),
                verdict);
    }
}
