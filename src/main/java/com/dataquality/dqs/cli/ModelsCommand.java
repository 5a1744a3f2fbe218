package com.dataquality.dqs.cli;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.Metrics;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.ModelRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dqs models}: the model registry (list, show, add, audit) and the decisions that reach
 * running jobs (promote, rollback, serve, retire: {@link ModelsServing}), and the offline
 * comparison of two versions ({@link ModelsCompare}).
 */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = {
            "The model registry: a directory of semantically versioned model files, the active one,",
            "and an audit log of every decision; and what running jobs serve."
        },
        subcommands = {
            ModelsCommand.ListModels.class,
            ModelsCommand.Show.class,
            ModelsCommand.Add.class,
            ModelsServing.Promote.class,
            ModelsServing.Rollback.class,
            ModelsServing.Serve.class,
            ModelsServing.Retire.class,
            ModelsCompare.class,
            ModelsCommand.Audit.class
        })
final class ModelsCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "a sub-command is required: list, show, add, promote, rollback, serve, retire,"
                        + " compare or audit");
    }

    /** The registry option shared by the sub-commands. */
    static final class RegistryOption {
        @Option(
                names = "--registry",
                required = true,
                paramLabel = "DIR",
                description = "registry directory")
        Path dir;

        ModelRegistry registry() {
            return new ModelRegistry(dir);
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the models, oldest first; * marks the active one.")
    static final class ListModels implements Runnable {
        @Spec CommandSpec spec;
        @CommandLine.Mixin RegistryOption registry;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            ModelRegistry r = registry.registry();
            out.printf("  %-30s %-24s %9s %9s %7s%n", "version", "created", "MAE", "RMSE", "MASE");
            for (ModelRegistry.Entry e : r.list()) {
                ForecastModel m;
                try {
                    m = ModelFile.read(e.file());
                } catch (InputException bad) {
                    // One bad file must not hide the others: list it with its problem.
                    out.printf(
                            "%s %-30s unusable: %s%n",
                            e.active() ? "*" : " ", e.version(), bad.getMessage());
                    continue;
                }
                Metrics mm = m.holdoutMetrics().get("model");
                out.printf(
                        "%s %-30s %-24s %9.3f %9.3f %7s%n",
                        e.active() ? "*" : " ",
                        e.version(),
                        m.createdAt(),
                        mm.mae(),
                        mm.rmse(),
                        mm.mase() == null ? "-" : String.format("%.3f", mm.mase()));
            }
            out.flush();
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Prints a model's metadata as JSON (everything but the LightGBM text).")
    static final class Show implements Runnable {
        @Spec CommandSpec spec;
        @CommandLine.Mixin RegistryOption registry;

        @Parameters(paramLabel = "VERSION")
        String version;

        @Override
        public void run() {
            ForecastModel m = registry.registry().load(version);
            ObjectMapper json = new ObjectMapper();
            try {
                ObjectNode node = (ObjectNode) json.readTree(ModelFile.toBytes(m));
                node.remove("lightgbmModel");
                node.put("lightgbmModelChars", m.lightgbmModel().length());
                spec.commandLine()
                        .getOut()
                        .println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            spec.commandLine().getOut().flush();
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description =
                    "Copies a model file into the registry (use --promote to make it active).")
    static final class Add implements Runnable {
        @Spec CommandSpec spec;
        @CommandLine.Mixin RegistryOption registry;

        @Parameters(paramLabel = "FILE", description = "a *.model.json file")
        Path file;

        @Option(names = "--promote", description = "also make it the active model")
        boolean promote;

        @Override
        public void run() {
            ModelRegistry r = registry.registry();
            String version = r.add(ModelFile.read(file), ModelRegistry.user(), "added " + file);
            if (promote) {
                r.promote(version);
            }
            spec.commandLine().getOut().println(version + (promote ? " (active)" : ""));
            spec.commandLine().getOut().flush();
        }
    }

    @Command(
            name = "audit",
            mixinStandardHelpOptions = true,
            description =
                    "Prints the audit log: every add, promotion, rollback and automatic decision,"
                            + " oldest first.")
    static final class Audit implements Runnable {
        @Spec CommandSpec spec;
        @CommandLine.Mixin RegistryOption registry;

        @Option(names = "--json", description = "one JSON object per line, with the figures")
        boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            ObjectMapper mapper = new ObjectMapper();
            for (java.util.Map<String, Object> e : registry.registry().audit()) {
                if (json) {
                    try {
                        out.println(mapper.writeValueAsString(e));
                    } catch (java.io.IOException x) {
                        throw new IllegalStateException(x);
                    }
                } else {
                    out.printf(
                            "%-24s %-17s %-22s %-14s %s%n",
                            e.get("time"),
                            e.get("action"),
                            e.get("version"),
                            e.get("by"),
                            e.get("reason"));
                }
            }
            out.flush();
        }
    }
}
