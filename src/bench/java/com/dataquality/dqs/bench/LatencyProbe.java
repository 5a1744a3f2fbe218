package com.dataquality.dqs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * For {@link BenchKafkaCommand}: reads the summaries topic with {@code read_committed} in a thread
 * and notes when the summaries of each reference date are first and last seen.
 */
final class LatencyProbe {
    private record Seen(long first, long last, int count) {}

    private record Published(long at, int expected) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final String topic;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Map<String, Published> published = new ConcurrentHashMap<>();
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread thread;

    LatencyProbe(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    void start() {
        thread = new Thread(this::poll, "latency-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** The records that close {@code referenceDate} were all acknowledged at {@code nanos}. */
    void published(String referenceDate, long nanos, int expected) {
        published.put(referenceDate, new Published(nanos, expected));
        order.add(referenceDate);
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }

    private void poll() {
        CommittedReader.read(
                bootstrap,
                topic,
                running::get,
                (r, now) ->
                        seen.merge(
                                referenceDate(r.value()),
                                new Seen(now, now, 1),
                                (a, b) -> new Seen(a.first, b.last, a.count + 1)));
    }

    private static String referenceDate(byte[] value) {
        try {
            return JSON.readTree(new String(value, StandardCharsets.UTF_8))
                    .get("reference_date")
                    .asText();
        } catch (Exception e) {
            return "?";
        }
    }

    /** Percentiles of first- and last-seen latencies, skipping the first {@code warmUp} days. */
    String report(int warmUp) {
        List<Double> first = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        int missing = 0;
        List<String> days = new ArrayList<>(order);
        for (int i = warmUp; i < days.size() - 1; i++) {
            Published p = published.get(days.get(i));
            Seen s = seen.get(days.get(i));
            if (s == null || s.count < p.expected) {
                missing++;
                continue;
            }
            first.add((s.first - p.at) / 1e6);
            all.add((s.last - p.at) / 1e6);
        }
        return String.format(
                "latency:    publication of the day-closing records -> summaries visible to a"
                        + " read_committed consumer, over %d day closes (%d incomplete):%n"
                        + "            first summary of the day  p50 %.0f ms  p99 %.0f ms  max %.0f ms%n"
                        + "            all summaries of the day  p50 %.0f ms  p99 %.0f ms  max %.0f ms%n",
                first.size(),
                missing,
                percentile(first, 50),
                percentile(first, 99),
                percentile(first, 100),
                percentile(all, 50),
                percentile(all, 99),
                percentile(all, 100));
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(rank, sorted.size() - 1)));
    }
}
