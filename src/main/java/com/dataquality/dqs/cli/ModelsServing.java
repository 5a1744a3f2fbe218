package com.dataquality.dqs.cli;

import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.ModelRegistry;
import com.dataquality.dqs.model.ServingDocument;
import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelRole;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code dqs models} sub-commands that change what running jobs serve: each records the
 * decision in the registry's audit log, then sends the model or serving document to the jobs
 * (through the models directory or the models topic, {@link ModelDelivery}). A promoted or
 * rolled-back model is sent whole, as the champion: it takes over whether or not the job already
 * serves it as a challenger, and the previous champion stays on as a shadow challenger.
 */
final class ModelsServing {
    private ModelsServing() {}

    /** Options every serving command has. */
    abstract static class Base implements Runnable {
        @Spec CommandSpec spec;
        @CommandLine.Mixin ModelsCommand.RegistryOption registry;
        @CommandLine.Mixin ModelDelivery delivery;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        @Override
        public final void run() {
            String problem = delivery.problem();
            if (problem != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), problem);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(apply(registry.registry()));
            out.flush();
        }

        /** Changes the registry, tells the jobs, and returns the line to print. */
        abstract String apply(ModelRegistry r);

        String reason(String otherwise) {
            return reason == null || reason.isBlank() ? otherwise : reason;
        }

        /** Sends a model whole as the champion, under a name no earlier file has. */
        String sendChampion(ForecastModel m) {
            return delivery.deliver(
                    ModelFile.toBytes(m), uniqueName("champion", m.version(), ModelFile.SUFFIX));
        }
    }

    /** A file name a watched directory has not seen: a watcher reads each name once. */
    static String uniqueName(String what, String version, String suffix) {
        return what
                + "-"
                + version.replaceAll("[^A-Za-z0-9._-]", "_")
                + "-"
                + System.currentTimeMillis()
                + suffix;
    }

    @Command(
            name = "promote",
            mixinStandardHelpOptions = true,
            description = {
                "Makes VERSION the active model and, with --models-dir or --kafka, the champion of",
                "running jobs; the current one stays on as a challenger, so rollback is one command."
            })
    static final class Promote extends Base {
        @Parameters(paramLabel = "VERSION")
        String version;

        @Override
        String apply(ModelRegistry r) {
            r.promote(version, ModelRegistry.user(), reason("promoted by hand"), null);
            return "active: " + version + "; " + sendChampion(r.load(version));
        }
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description = {
                "Makes the previously active model active again and, with --models-dir or --kafka,",
                "the champion of running jobs."
            })
    static final class Rollback extends Base {
        @Override
        String apply(ModelRegistry r) {
            String back = r.rollback(ModelRegistry.user(), reason("rolled back by hand"));
            return "active: " + back + "; " + sendChampion(r.load(back));
        }
    }

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description = {
                "Serves VERSION as a challenger in running jobs: it forecasts every series in",
                "shadow next to the champion and is compared with it on realized errors; with",
                "--share, it also serves that share of the series (an A/B split by series key)."
            })
    static final class Serve extends Base {
        @Parameters(paramLabel = "VERSION")
        String version;

        @Option(
                names = "--share",
                defaultValue = "0",
                paramLabel = "S",
                description =
                        "Share of the series it forecasts for, 0 (shadow only) to 0.5 (default:"
                                + " ${DEFAULT-VALUE}).")
        double share;

        @Override
        String apply(ModelRegistry r) {
            if (!(share >= 0 && share <= 0.5)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--share must be between 0 and 0.5, got " + share);
            }
            ForecastModel m = r.load(version);
            byte[] doc = ServingDocument.serve(ModelFile.toBytes(m), ModelRole.CHALLENGER, share);
            r.record(
                    "serve-challenger",
                    version,
                    ModelRegistry.user(),
                    reason(share > 0 ? "A/B split" : "shadow"),
                    Map.of("share", share));
            String sent =
                    delivery.deliver(doc, uniqueName("serve", version, ServingDocument.SUFFIX));
            return "challenger: " + version + " (share " + share + "); " + sent;
        }
    }

    @Command(
            name = "retire",
            mixinStandardHelpOptions = true,
            description = "Stops serving challenger VERSION in running jobs (the champion stays).")
    static final class Retire extends Base {
        @Parameters(paramLabel = "VERSION")
        String version;

        @Override
        String apply(ModelRegistry r) {
            r.load(version); // a version the registry knows, so the log names a real model
            r.record("retire", version, ModelRegistry.user(), reason("retired by hand"), null);
            byte[] doc = ServingDocument.action(ModelCommand.Action.RETIRE, version, 0);
            return "retired: "
                    + version
                    + "; "
                    + delivery.deliver(doc, uniqueName("retire", version, ServingDocument.SUFFIX));
        }
    }
}
