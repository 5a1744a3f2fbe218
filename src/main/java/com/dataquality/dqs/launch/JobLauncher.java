package com.dataquality.dqs.launch;

import com.dataquality.dqs.io.FileOutputs;
import com.dataquality.dqs.io.RunReport;
import com.dataquality.dqs.io.SummaryFacts;
import com.dataquality.dqs.io.SummaryFiles;
import com.dataquality.dqs.pipeline.Outputs;
import com.dataquality.dqs.pipeline.Pipeline;
import com.dataquality.dqs.pipeline.RunCounts;
import com.dataquality.dqs.stream.MetricNames;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a {@link RunPlan}: on an embedded Flink (with the output directory locked, its dashboard,
 * progress and restarts on the console, a run report for a bounded run), or, started by {@code
 * flink run}, submitted to that cluster.
 */
public final class JobLauncher {
    private JobLauncher() {}

    /** Runs the plan; returns the exit code. */
    public static int run(RunPlan plan, PrintWriter out, PrintWriter err) throws Exception {
        return run(plan, out, err, null, null);
    }

    /**
     * Runs the plan; an embedded job also runs {@code refresh} every {@code refreshEvery} while it
     * runs and once when it ends (null: never), e.g. to rewrite the HTML report.
     */
    public static int run(
            RunPlan plan, PrintWriter out, PrintWriter err, Duration refreshEvery, Runnable refresh)
            throws Exception {
        if (FlinkEnvironments.onCluster()) {
            if (refreshEvery != null) {
                // The client exits after submitting: nothing here would refresh the report.
                err.println(
                        "dqs run: --report-interval is ignored on a cluster; run 'dqs report' on"
                                + " the output directory instead");
                err.flush();
            }
            return submit(plan, out);
        }
        try (OutputLock lock = OutputLock.acquire(plan.outputDir());
                PeriodicTask refreshing = PeriodicTask.every(refreshEvery, refresh, err)) {
            return runEmbedded(plan, out, err);
        }
    }

    private static int submit(RunPlan plan, PrintWriter out) throws Exception {
        StreamExecutionEnvironment env = environment(plan);
        plan.attachSinks(Pipeline.build(env, plan.inputs(), plan.settings()));
        JobClient client = env.executeAsync("dqs run");
        if (!env.getConfiguration().get(DeploymentOptions.ATTACHED)) {
            out.printf("dqs run: job %s submitted%n", client.getJobID());
            out.flush();
            return 0;
        }
        client.getJobExecutionResult().get();
        out.printf("dqs run: job %s finished%n", client.getJobID());
        out.flush();
        return 0;
    }

    private static int runEmbedded(RunPlan plan, PrintWriter out, PrintWriter err)
            throws Exception {
        long t0 = System.nanoTime();
        RunOptions o = plan.options();
        SummaryFiles.removeLeftovers(plan.outputDir());
        if (plan.fresh() && !o.fromKafka()) {
            FileOutputs.clearForFreshRun(plan.outputDir());
        }
        StreamExecutionEnvironment env = environment(plan);
        Outputs outputs = Pipeline.build(env, plan.inputs(), plan.settings());
        plan.attachSinks(outputs);
        long t1 = System.nanoTime();
        JobClient client = env.executeAsync("dqs run");
        out.printf(
                "dqs run: job %s started; dashboard at http://127.0.0.1:%d%s; outputs in %s%n",
                client.getJobID(),
                o.webUiPort(),
                o.metricsPort() > 0
                        ? ", metrics at http://127.0.0.1:" + o.metricsPort() + "/metrics"
                        : "",
                o.fromKafka() ? "Kafka " + o.kafka() : plan.outputDir());
        if (plan.restorePath() != null) {
            out.printf("dqs run: resumed from %s%n", plan.restorePath());
        }
        if (!o.endsByItself()) {
            out.println(
                    "dqs run: stop with 'dqs stop --savepoint-dir DIR"
                            + (o.webUiPort() == 8081
                                    ? ""
                                    : " --rest http://127.0.0.1:" + o.webUiPort())
                            + "' (or Ctrl-C; 'dqs run ... --resume' continues from the last"
                            + " checkpoint)");
        }
        out.flush();
        JobExecutionResult result;
        try (JobWatch watch = JobWatch.start(client, o.webUiPort(), o.endsByItself(), err)) {
            result = client.getJobExecutionResult().get();
        } catch (ExecutionException e) {
            if (Cancellation.isCancellation(e)) {
                out.printf("dqs run: job %s was cancelled%n", client.getJobID());
                out.flush();
                return 0;
            }
            throw e;
        }
        long t2 = System.nanoTime();
        if (!o.endsByItself()) {
            out.printf("dqs run: job %s finished%n", client.getJobID());
            out.flush();
            return 0;
        }
        report(plan, result, t0, t1, t2, out);
        return 0;
    }

    /** The run report and the one-line summary of a bounded run, as {@code summarize} prints. */
    private static void report(
            RunPlan plan, JobExecutionResult result, long t0, long t1, long t2, PrintWriter out) {
        Map<String, Object> acc = result.getAllAccumulatorResults();
        RunCounts counts = RunCounts.fromAccumulators(acc);
        SummaryFacts facts =
                SummaryFacts.read(plan.outputDir().resolve(SummaryFiles.SUMMARY_CSV), plan.rules());
        long forecasts =
                acc.get(MetricNames.FORECASTS_EMITTED) instanceof Number n ? n.longValue() : 0L;
        Map<String, Long> versions = new TreeMap<>();
        if (acc.get(MetricNames.MODEL_VERSIONS_SERVED) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> versions.put(k.toString(), ((Number) v).longValue()));
        }
        long t3 = System.nanoTime();
        RunReport.write(
                plan.outputDir(),
                RunReport.build(
                        "run",
                        plan.options().fromKafka() ? java.util.List.of() : plan.files(),
                        counts,
                        facts,
                        plan.options().parallelism(),
                        forecasts,
                        versions,
                        new RunReport.Timings(
                                millis(t1 - t0),
                                millis(t2 - t1),
                                millis(System.nanoTime() - t3),
                                millis(System.nanoTime() - t0))));
        out.printf(
                "%,d records read: %,d valid, %,d dead-lettered; %,d summaries and %,d forecasts"
                        + " written to %s in %.1f s%n",
                counts.read(),
                counts.valid(),
                counts.deadLettered(),
                facts.keys(),
                forecasts,
                plan.options().fromKafka()
                        ? plan.options().kafka() + " and " + plan.outputDir()
                        : plan.outputDir(),
                (System.nanoTime() - t0) / 1e9);
        if (!counts.balanced()) {
            out.println(
                    "dqs run: WARNING: records read != valid + dead-lettered (see run_report.json)");
        }
        out.flush();
    }

    private static StreamExecutionEnvironment environment(RunPlan plan) {
        RunOptions o = plan.options();
        return FlinkEnvironments.create(
                o.parallelism(), o.webUiPort(), o.metricsPort(), plan.jobConfiguration());
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
