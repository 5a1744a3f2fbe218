package com.dataquality.dqs.cli;

import static com.dataquality.dqs.cli.CliRunner.dqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.generate.Generator;
import com.dataquality.dqs.generate.GeneratorConfig;
import com.dataquality.dqs.kafka.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --kafka --bounded} backfill stopped with a savepoint halfway and resumed from it
 * finishes, and its final summary is that of every record in the topic. (The Kafka connector's
 * restored bounded enumerator alone never tells its readers that no more splits come.)
 */
class KafkaBackfillResumeTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path tmp;

    private List<String> args(String in, List<String> others, Path out, int port, String... more)
            throws Exception {
        List<String> a =
                new ArrayList<>(
                        List.of(
                                "run",
                                "--rules",
                                tmp.resolve("data").resolve(Generator.RULES_FILE).toString(),
                                "--kafka",
                                KAFKA.bootstrapServers(),
                                "--bounded",
                                "--input-topic",
                                in,
                                "--summaries-topic",
                                others.get(0),
                                "--predictions-topic",
                                others.get(1),
                                "--shadow-predictions-topic",
                                others.get(2),
                                "--drift-topic",
                                others.get(3),
                                "--retrain-triggers-topic",
                                others.get(4),
                                "--dead-letter-topic",
                                others.get(5),
                                "--models-topic",
                                others.get(6),
                                "--anomalies-topic",
                                others.get(7),
                                "--transactional-id-prefix",
                                "backfill-test",
                                "--checkpoint-interval",
                                "300ms",
                                "--output-dir",
                                out.toString(),
                                "--web-ui-port",
                                Integer.toString(port)));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void aBackfillResumedFromASavepointFinishes() throws Exception {
        Path data = tmp.resolve("data");
        new Generator(GeneratorConfig.builder().rows(150_000).days(120).seed(9).build())
                .writeTo(data, Generator.Progress.NONE);
        Path csv = data.resolve(Generator.dataFileName(0, 1));
        String in = KafkaBrokerExtension.uniqueTopic("in");
        KAFKA.createTopics(2, in);
        List<String> others =
                KafkaBrokerExtension.uniqueTopics(
                        "summaries",
                        "predictions",
                        "shadow",
                        "drift",
                        "triggers",
                        "dead",
                        "models",
                        "anomalies");
        KAFKA.createTopics(1, others.toArray(String[]::new));
        CliRunner.Run publish =
                dqs(
                        "publish",
                        "--kafka",
                        KAFKA.bootstrapServers(),
                        "--input",
                        csv.toString(),
                        "--topic",
                        in);
        assertEquals(0, publish.exitCode(), publish.err());

        Path out = tmp.resolve("out");
        int port = CliRunner.freePort();
        List<String> first = args(in, others, out, port, "--parallelism", "1");
        CompletableFuture<CliRunner.Run> run =
                CompletableFuture.supplyAsync(() -> dqs(first.toArray(String[]::new)));
        FlinkRest api = new FlinkRest("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String read = null;
        while (read == null || Long.parseLong(read) < 1_000) {
            assertTrue(System.nanoTime() < deadline, "the backfill did not start: " + read);
            Thread.sleep(50);
            read =
                    StreamingModelsTest.metricOrNull(
                            api, "Route records, combine per key and day", "records_read");
        }
        CliRunner.Run stop =
                dqs(
                        "stop",
                        "--savepoint-dir",
                        tmp.resolve("sp").toString(),
                        "--rest",
                        "http://127.0.0.1:" + port);
        assertEquals(0, stop.exitCode(), stop.err());
        assertEquals(0, run.get(60, TimeUnit.SECONDS).exitCode());
        assertFalse(Files.exists(out.resolve("full_summary.csv")), "stopped before the end");

        List<String> resumed =
                args(
                        in,
                        others,
                        out,
                        CliRunner.freePort(),
                        "--parallelism",
                        "2",
                        "--from-savepoint",
                        stop.out().strip());
        CliRunner.Run second =
                CompletableFuture.supplyAsync(() -> dqs(resumed.toArray(String[]::new)))
                        .get(120, TimeUnit.SECONDS);
        assertEquals(0, second.exitCode(), second.err());

        Path summary = tmp.resolve("summary");
        CliRunner.Run summarize =
                dqs(
                        "summarize",
                        csv.toString(),
                        data.resolve(Generator.RULES_FILE).toString(),
                        "--output-dir",
                        summary.toString());
        assertEquals(0, summarize.exitCode(), summarize.err());
        assertEquals(
                Files.readString(summary.resolve("full_summary.csv")),
                Files.readString(out.resolve("full_summary.csv")));
    }
}
