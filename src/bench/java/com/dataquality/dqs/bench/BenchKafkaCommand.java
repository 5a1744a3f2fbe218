package com.dataquality.dqs.bench;

import com.dataquality.dqs.cli.DurationConverter;
import com.dataquality.dqs.io.KafkaInputs;
import com.dataquality.dqs.io.KafkaOutputSettings;
import com.dataquality.dqs.io.KafkaOutputs;
import com.dataquality.dqs.io.KafkaTopics;
import com.dataquality.dqs.io.RecordPublisher;
import com.dataquality.dqs.io.TopicNames;
import com.dataquality.dqs.launch.FlinkEnvironments;
import com.dataquality.dqs.parse.InputFiles;
import com.dataquality.dqs.parse.RuleMetadataFile;
import com.dataquality.dqs.pipeline.EventTime;
import com.dataquality.dqs.pipeline.Inputs;
import com.dataquality.dqs.pipeline.Pipeline;
import com.dataquality.dqs.pipeline.PipelineSettings;
import com.dataquality.dqs.pipeline.ServingSettings;
import com.dataquality.dqs.record.RuleMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Kafka benchmark (scripts/bench-kafka.sh): the job on an embedded Flink against a real broker,
 * with fresh topics per run.
 *
 * <ol>
 *   <li>Throughput: the input CSV is published to the input topic first; then a {@code --bounded}
 *       job reads it all and finishes, which it does only after its last checkpoint committed every
 *       output transaction. Records per second = records / job wall time (start-up included).
 *   <li>Latency: an unbounded job runs; each round publishes one record per key dated one day later
 *       than the round before. That record's arrival moves the watermark past the previous day,
 *       which closes it and publishes each key's summary. Latency = from the end of a round's
 *       publication (all acknowledged) to when a {@code read_committed} consumer sees the first and
 *       the last of the summaries of the day it closed.
 * </ol>
 */
@Command(
        name = "bench-kafka",
        hidden = true,
        description = "Benchmark helper: Kafka throughput and end-to-end latency.")
final class BenchKafkaCommand implements Callable<Integer> {

    @Option(names = "--kafka", required = true)
    String bootstrap;

    @Option(names = "--input", required = true, description = "CSV for the throughput run.")
    List<Path> inputs;

    @Option(names = "--rules", required = true)
    Path rules;

    @Option(names = "--parallelism", defaultValue = "2")
    int parallelism;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "1s",
            converter = DurationConverter.class)
    Duration checkpointInterval;

    @Option(names = "--latency-rounds", defaultValue = "30")
    int rounds;

    @Option(names = "--latency-keys", defaultValue = "20")
    int keys;

    @Option(names = "--round-gap", defaultValue = "2s", converter = DurationConverter.class)
    Duration gap;

    @Override
    public Integer call() throws Exception {
        Map<Integer, RuleMetadata> metadata = RuleMetadataFile.load(rules);
        List<Path> files = InputFiles.expand(inputs);
        String run = "bench-" + System.currentTimeMillis();

        // 1. Throughput.
        String in = run + ".in";
        ensureTopics(in, run + ".summaries", run + ".dead");
        long published;
        long pubStart = System.nanoTime();
        try (RecordPublisher publisher = new RecordPublisher(bootstrap, in)) {
            published = publisher.publish(files, 0, n -> {});
        }
        double pubSeconds = (System.nanoTime() - pubStart) / 1e9;
        System.out.printf(
                "publish:    %,d messages in %.1f s = %,.0f messages/s%n",
                published, pubSeconds, published / pubSeconds);
        StreamExecutionEnvironment env = environment();
        build(env, metadata, in, run + ".summaries", run + ".dead", run, true);
        long jobStart = System.nanoTime();
        env.executeAsync("bench-kafka throughput").getJobExecutionResult().get();
        double jobSeconds = (System.nanoTime() - jobStart) / 1e9;
        System.out.printf(
                "throughput: %,d records from the input topic to committed outputs in %.1f s"
                        + " = %,.0f records/s (parallelism %d, checkpoint interval %s, job"
                        + " start-up included)%n",
                published, jobSeconds, published / jobSeconds, parallelism, checkpointInterval);

        // 2. Latency.
        String lin = run + ".lat.in";
        String lsum = run + ".lat.summaries";
        ensureTopics(lin, lsum, run + ".lat.dead");
        LatencyProbe probe = new LatencyProbe(bootstrap, lsum);
        StreamExecutionEnvironment lenv = environment();
        build(lenv, metadata, lin, lsum, run + ".lat.dead", run + "-lat", false);
        JobClient job = lenv.executeAsync("bench-kafka latency");
        try (RecordPublisher publisher = new RecordPublisher(bootstrap, lin)) {
            probe.start();
            LocalDate day0 = LocalDate.of(2024, 1, 1);
            // Round 0 is published twice apart: the job's sources need a moment to start.
            Thread.sleep(gap.toMillis() * 2);
            for (int r = 0; r <= rounds; r++) {
                LocalDate date = day0.plusDays(r);
                for (int k = 0; k < keys; k++) {
                    String ds = "bench-ds-" + k;
                    publisher.send(
                            ds,
                            "{\"source\":\"bench\",\"tenant_id\":\"t\",\"dataset_uuid\":\""
                                    + ds
                                    + "\",\"dataset_name\":\""
                                    + ds
                                    + "\",\"rule_code\":101,\"business_date\":\""
                                    + date
                                    + "\",\"results\":{\"status\":\""
                                    + (k % 5 == 0 ? "Fail" : "Pass")
                                    + "\"}}");
                }
                publisher.flush();
                // This round closes the previous day.
                probe.published(date.minusDays(1).toString(), System.nanoTime(), keys);
                Thread.sleep(gap.toMillis());
            }
            Thread.sleep(gap.toMillis() * 2);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
            probe.stop();
        }
        System.out.print(probe.report(3));
        return 0;
    }

    private void ensureTopics(String in, String summaries, String dead) {
        KafkaTopics.ensure(
                bootstrap,
                List.of(
                        new KafkaTopics.Spec(in, parallelism, Map.of()),
                        new KafkaTopics.Spec(summaries, parallelism, Map.of()),
                        new KafkaTopics.Spec(dead, parallelism, Map.of())),
                (short) 1);
    }

    private StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        return FlinkEnvironments.create(parallelism, 0, 0, conf);
    }

    private void build(
            StreamExecutionEnvironment env,
            Map<Integer, RuleMetadata> metadata,
            String in,
            String summaries,
            String dead,
            String prefix,
            boolean bounded) {
        Inputs inputs =
                new Inputs(KafkaInputs.records(bootstrap, in, prefix, bounded), "Kafka " + in);
        PipelineSettings settings =
                PipelineSettings.of(
                        metadata,
                        bounded
                                ? EventTime.endOfInput()
                                : EventTime.perSplit(Duration.ZERO, Duration.ofSeconds(5)),
                        ServingSettings.none("bench"));
        TopicNames topics = TopicNames.DEFAULTS;
        KafkaOutputs.attach(
                Pipeline.build(env, inputs, settings),
                new KafkaOutputSettings(
                        bootstrap,
                        new TopicNames(
                                in,
                                summaries,
                                topics.predictions(),
                                topics.shadowPredictions(),
                                topics.drift(),
                                topics.retrainTriggers(),
                                dead,
                                topics.models(),
                                topics.comparisons()),
                        prefix,
                        KafkaOutputSettings.MAX_TRANSACTION_TIMEOUT));
    }
}
