package com.dataquality.dqs.cli;

import com.dataquality.dqs.io.KafkaTopics;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dqs topics}: creates the job's Kafka topics when missing (names as {@code dqs run}). */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Creates the Kafka topics of 'dqs run --kafka' that do not exist yet.")
final class TopicsCommand implements Callable<Integer> {

    @CommandLine.Mixin KafkaOptions kafka;

    @Option(
            names = "--partitions",
            defaultValue = "2",
            paramLabel = "N",
            description =
                    "Partitions of new topics but dq.models, which has one (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--replication-factor",
            defaultValue = "1",
            paramLabel = "N",
            description = "Default: ${DEFAULT-VALUE}.")
    short replication;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (kafka.bootstrap == null) {
            throw new CommandLine.ParameterException(cl, "give --kafka BOOTSTRAP");
        }
        if (partitions < 1 || replication < 1) {
            throw new CommandLine.ParameterException(
                    cl, "--partitions and --replication-factor must be at least 1");
        }
        Map<String, Boolean> created =
                KafkaTopics.ensure(
                        kafka.bootstrap,
                        KafkaTopics.standard(partitions, kafka.topics()),
                        replication);
        PrintWriter out = cl.getOut();
        created.forEach((t, now) -> out.println((now ? "created: " : "exists:  ") + t));
        return 0;
    }
}
