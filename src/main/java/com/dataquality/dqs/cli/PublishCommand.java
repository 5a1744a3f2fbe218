package com.dataquality.dqs.cli;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.io.RecordPublisher;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.ServingDocument;
import com.dataquality.dqs.parse.InputFiles;
import com.dataquality.dqs.record.ModelRole;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dqs publish}: sends rule-execution CSV rows (e.g. {@code dqs generate} output) to the
 * input topic as JSON messages, at a chosen rate: the feed of a local Kafka session.
 */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Publishes rule-execution CSV rows to a Kafka topic, one JSON message per row",
            "(keyed by dataset_uuid; a row that cannot be split is sent as its raw text),",
            "or, with --model, a model file to the models topic (a live model swap, or with",
            "--role challenger a challenger compared with the champion);",
            "the model file is validated first and not sent when it is invalid."
        })
final class PublishCommand implements Callable<Integer> {

    @Option(
            names = "--kafka",
            required = true,
            paramLabel = "BOOTSTRAP",
            description = "Kafka bootstrap servers, e.g. 127.0.0.1:9092.")
    String bootstrap;

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description = "CSV file or directory of CSV files (repeatable).")
    List<Path> inputs;

    @Option(
            names = "--model",
            paramLabel = "FILE",
            description = "A model file (*.model.json) to publish as one message instead.")
    Path model;

    @Option(
            names = "--role",
            defaultValue = "champion",
            paramLabel = "ROLE",
            description =
                    "With --model: champion (a live swap) or challenger (forecasts in shadow and is"
                            + " compared with the champion) (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(
            names = "--share",
            defaultValue = "0",
            paramLabel = "S",
            description =
                    "With --role challenger: the share of the series it serves, 0 (shadow only) to"
                            + " 0.5 (default: ${DEFAULT-VALUE}).")
    double share;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            description = "Default: dq.rule-executions, or dq.models with --model.")
    String topic;

    @Option(
            names = "--rate",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Messages per second; 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        boolean hasInputs = inputs != null && !inputs.isEmpty();
        if (hasInputs == (model != null)) {
            throw new CommandLine.ParameterException(
                    cl, "give either --input PATH or --model FILE");
        }
        if (rate < 0) {
            throw new CommandLine.ParameterException(cl, "--rate must be 0 or more, got " + rate);
        }
        PrintWriter out = cl.getOut();
        if (!role.equals("champion") && !role.equals("challenger")) {
            throw new CommandLine.ParameterException(
                    cl, "--role must be champion or challenger, got " + role);
        }
        if (!(share >= 0 && share <= 0.5) || (share > 0 && !role.equals("challenger"))) {
            throw new CommandLine.ParameterException(
                    cl, "--share is for --role challenger, between 0 and 0.5; got " + share);
        }
        if (model != null) {
            return publishModel(out, topic == null ? "dq.models" : topic);
        }
        if (topic == null) {
            topic = "dq.rule-executions";
        }
        List<Path> files = InputFiles.expand(inputs);
        long start = System.nanoTime();
        long sent;
        try (RecordPublisher publisher = new RecordPublisher(bootstrap, topic)) {
            sent =
                    publisher.publish(
                            files,
                            rate,
                            n -> {
                                out.printf("dqs publish: %,d messages sent%n", n);
                                out.flush();
                            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(
                "dqs publish: %,d messages to %s in %.1f s (%,.0f/s)%n",
                sent, topic, seconds, sent / Math.max(seconds, 1e-9));
        return 0;
    }

    private int publishModel(PrintWriter out, String modelsTopic) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(model);
        } catch (NoSuchFileException e) {
            throw new InputException("model file " + model + " does not exist");
        } catch (IOException e) {
            throw new InputException("cannot read model file " + model + ": " + e.getMessage());
        }
        // Every job that reads the topic would reject a bad model, but only after it is on the
        // topic for good (the topic keeps its messages forever): refuse it here instead.
        ModelFile.parse(bytes, model.toString());
        if (role.equals("challenger")) {
            bytes = ServingDocument.serve(bytes, ModelRole.CHALLENGER, share);
        }
        try (RecordPublisher publisher = new RecordPublisher(bootstrap, modelsTopic)) {
            publisher.send(null, bytes);
            publisher.flush();
        }
        out.printf(
                "dqs publish: model %s as %s (%,d bytes) to %s%n",
                model, role, bytes.length, modelsTopic);
        return 0;
    }
}
