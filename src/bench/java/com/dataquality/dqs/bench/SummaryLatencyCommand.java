package com.dataquality.dqs.bench;

import com.dataquality.dqs.io.RecordPublisher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Hidden helper of {@code scripts/bench-kafka-sustained.sh}: publish-to-committed-summary latency
 * of a running {@code dqs run --kafka} job under a steady load.
 *
 * <p>Records are published at a fixed rate to the job's input topic, cycling over {@code --keys}
 * summary keys; their business date moves one day ahead every {@code --day} of wall time. A key's
 * summary for day D is published by the job when the event-time watermark passes the end of D, that
 * is once the first record dated D+1 has been read on every partition, and becomes visible to a
 * {@code read_committed} consumer when the checkpoint after it commits the sink's transaction. So
 * the latency of the summary (key, D) is measured from the publication of the first record dated
 * D+1, the record that makes it due, to the moment this consumer first reads a summary of that key
 * with {@code reference_date} D. It holds the watermark interval, the processing, the wait for the
 * next checkpoint and the commit; the day's own length is not in it.
 *
 * <p>The first {@code --warm-up} and the last day are left out: the job may still be warming up,
 * and the last day never closes.
 */
@Command(
        name = "summary-latency",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = "Benchmark helper: publish-to-committed-summary latency at a fixed rate.")
final class SummaryLatencyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);

    @Spec CommandSpec spec;

    @Option(names = "--kafka", required = true)
    String bootstrap;

    @Option(names = "--input-topic", required = true)
    String inputTopic;

    @Option(names = "--summaries-topic", required = true)
    String summariesTopic;

    @Option(names = "--rate", defaultValue = "10000", description = "records per second")
    double rate;

    @Option(names = "--seconds", defaultValue = "60", description = "how long to publish")
    int seconds;

    @Option(names = "--keys", defaultValue = "1000")
    int keys;

    @Option(names = "--day", defaultValue = "1", description = "seconds of wall time per day")
    double daySeconds;

    @Option(names = "--warm-up", defaultValue = "10", description = "days left out at the start")
    int warmUp;

    /** First-seen time of each (key, reference date) summary, in System.nanoTime. */
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    private final AtomicBoolean consuming = new AtomicBoolean(true);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (rate <= 0 || seconds <= 0 || keys <= 0 || daySeconds <= 0 || warmUp < 0) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--rate, --seconds, --keys and --day must be positive");
        }
        Thread consumer = new Thread(this::consume, "summaries-consumer");
        consumer.setDaemon(true);
        consumer.start();
        long total = (long) (rate * seconds);
        long perDay = Math.max(1, (long) (rate * daySeconds));
        List<Long> dayStarts = new ArrayList<>(); // nanoTime of the first record of each day
        long lateSends = 0;
        try (RecordPublisher publisher = new RecordPublisher(bootstrap, inputTopic)) {
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else if (wait < -100_000_000L) {
                    lateSends++; // the publisher fell more than 0.1 s behind its rate
                }
                int day = (int) (i / perDay);
                if (day == dayStarts.size()) {
                    dayStarts.add(System.nanoTime());
                }
                int k = (int) (i % keys);
                publisher.send("ds-" + (k / 20), record(k, FIRST_DAY.plusDays(day), i));
            }
            publisher.flush();
            out.printf(
                    "published %,d records at %,.0f records/s over %d days (%,d sends more than"
                            + " 0.1 s late)%n",
                    total,
                    total / ((System.nanoTime() - start) / 1e9),
                    dayStarts.size(),
                    lateSends);
        }
        // The checkpoint after the last closed day commits it: wait for the summaries to arrive.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int expected = (dayStarts.size() - 1 - warmUp) * keys;
        while (System.nanoTime() < deadline && counted(dayStarts.size() - 1) < expected) {
            Thread.sleep(200);
        }
        consuming.set(false);
        consumer.join(5_000);
        report(out, dayStarts);
        return 0;
    }

    private int counted(int days) {
        int n = 0;
        for (int d = warmUp; d < days; d++) {
            for (int k = 0; k < keys; k++) {
                if (seen.containsKey(key(k, FIRST_DAY.plusDays(d).toString()))) {
                    n++;
                }
            }
        }
        return n;
    }

    private void report(PrintWriter out, List<Long> dayStarts) {
        List<Double> millis = new ArrayList<>();
        int missing = 0;
        // Day d closes with the first record of day d + 1; the last day never closes.
        for (int d = warmUp; d < dayStarts.size() - 1; d++) {
            long due = dayStarts.get(d + 1);
            String date = FIRST_DAY.plusDays(d).toString();
            for (int k = 0; k < keys; k++) {
                Long at = seen.get(key(k, date));
                if (at == null) {
                    missing++;
                } else {
                    millis.add((at - due) / 1e6);
                }
            }
        }
        out.printf(
                "latency: publication of the record that closes a day -> that day's summary read"
                        + " with read_committed, %,d summaries over %d days (%d missing):"
                        + " p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                millis.size(),
                Math.max(0, dayStarts.size() - 1 - warmUp),
                missing,
                LatencyProbe.percentile(millis, 50),
                LatencyProbe.percentile(millis, 99),
                LatencyProbe.percentile(millis, 100));
        out.flush();
    }

    /** Key k: dataset k / 20, rule 101 + k % 20, so 20 rules of each dataset. */
    private static String record(int k, LocalDate date, long sequence) {
        String ds = "ds-" + (k / 20);
        return "{\"source\":\"bench\",\"tenant_id\":\"t\",\"dataset_uuid\":\""
                + ds
                + "\",\"dataset_name\":\""
                + ds
                + "\",\"rule_code\":"
                + (101 + k % 20)
                + ",\"business_date\":\""
                + date
                + "\",\"context_id\":\""
                + sequence
                + "\",\"results\":{\"status\":\""
                + (sequence % 7 == 0 ? "Fail" : "Pass")
                + "\"}}";
    }

    private static String key(int k, String referenceDate) {
        return "ds-" + (k / 20) + "/" + (101 + k % 20) + "/" + referenceDate;
    }

    private void consume() {
        CommittedReader.read(
                bootstrap,
                summariesTopic,
                consuming::get,
                (r, now) -> {
                    try {
                        JsonNode s = JSON.readTree(r.value());
                        String k =
                                s.get("dataset_uuid").asText()
                                        + "/"
                                        + s.get("rule_code").asText()
                                        + "/"
                                        + s.get("reference_date").asText();
                        seen.putIfAbsent(k, now);
                    } catch (Exception e) {
                        // Not a summary of ours: ignored.
                    }
                });
    }
}
