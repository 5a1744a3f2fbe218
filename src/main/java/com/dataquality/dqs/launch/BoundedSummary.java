package com.dataquality.dqs.launch;

import com.dataquality.dqs.format.DeadLetterCsv;
import com.dataquality.dqs.io.DeadLetterFile;
import com.dataquality.dqs.io.FileInputs;
import com.dataquality.dqs.io.LineFileSink;
import com.dataquality.dqs.pipeline.EventTime;
import com.dataquality.dqs.pipeline.Inputs;
import com.dataquality.dqs.pipeline.Pipeline;
import com.dataquality.dqs.pipeline.RunCounts;
import com.dataquality.dqs.pipeline.SummaryOutputs;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.SummaryRow;
import com.dataquality.dqs.stream.MetricNames;
import com.dataquality.dqs.stream.Uids;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the topology over bounded CSV files: the final summary rows and the record counts come back
 * to this process, the dead letters (there may be millions) go straight to a file. What {@code dqs
 * summarize} and the tests share.
 */
public final class BoundedSummary {

    /** What a bounded run produced. */
    public record Result(List<SummaryRow> rows, RunCounts counts, long jobMillis) {}

    private BoundedSummary() {}

    /**
     * An embedded environment for a bounded summary. The final rows come back through Flink's
     * collect sink, whose batches are limited to 2 MiB by default: a row with a multi-megabyte
     * dataset name (valid input up to the reader's 16 MiB record limit) would fail the run.
     */
    public static StreamExecutionEnvironment environment(int parallelism) {
        Configuration conf = new Configuration();
        conf.setString("collect-sink.batch-size.max", "64mb");
        return FlinkEnvironments.createHeadless(parallelism, conf);
    }

    /**
     * @param deadLetterFile an existing file the job appends the dead letters to, one {@code
     *     dead_letters.csv} line each ({@link DeadLetterFile#staging()})
     * @param progress told the number of records read so far, every few seconds
     */
    public static Result run(
            StreamExecutionEnvironment env,
            List<Path> files,
            Map<Integer, RuleMetadata> rules,
            Path deadLetterFile,
            LongConsumer progress)
            throws Exception {
        Inputs inputs = new Inputs(FileInputs.csvSource(files, null), "CSV files");
        SummaryOutputs outputs =
                Pipeline.summaries(env, inputs, rules, EventTime.endOfInput(), false);
        DataStream.Collector<SummaryRow> rowCollector = new DataStream.Collector<>();
        outputs.finalRows().collectAsync(rowCollector);
        outputs.deadLetters()
                .sinkTo(new LineFileSink<DeadLetter>(deadLetterFile, DeadLetterCsv::line))
                .uid(Uids.DEAD_LETTERS_FILE_SINK)
                .name(DeadLetterFile.NAME)
                .setParallelism(1);

        long start = System.nanoTime();
        JobClient client = env.executeAsync("dqs summarize");
        ExecutorService pool = Executors.newSingleThreadExecutor(daemonThreads());
        try {
            pool.submit(() -> reportProgress(client, progress));
            List<SummaryRow> rows = new ArrayList<>();
            drain(rowCollector, rows::add);
            JobExecutionResult result = client.getJobExecutionResult().get();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return new Result(
                    rows, RunCounts.fromAccumulators(result.getAllAccumulatorResults()), millis);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> void drain(DataStream.Collector<T> collector, Consumer<T> consumer) {
        try (CloseableIterator<T> it = collector.getOutput()) {
            while (it.hasNext()) {
                consumer.accept(it.next());
            }
        } catch (Exception e) {
            throw new IllegalStateException("reading the job's results failed", e);
        }
    }

    /** Polls the running job's accumulators; they arrive with task heartbeats. */
    private static void reportProgress(JobClient client, LongConsumer progress) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(Duration.ofSeconds(3).toMillis());
                Map<String, Object> acc = client.getAccumulators().get(5, TimeUnit.SECONDS);
                Object read = acc.get(MetricNames.RECORDS_READ);
                if (read instanceof Number n) {
                    progress.accept(n.longValue());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The job finished or the cluster went away: progress ends, the result says why.
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "dqs-results");
            t.setDaemon(true);
            return t;
        };
    }
}
