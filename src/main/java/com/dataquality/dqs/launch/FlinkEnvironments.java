package com.dataquality.dqs.launch;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where a command's job runs: inside this process on an embedded Flink mini cluster, or, when the
 * jar was started by {@code flink run}, on that cluster (its settings then win).
 *
 * <p>An embedded Flink is safe by default: every port it opens (dashboard and REST API, BLOB
 * server, RPC, the Prometheus endpoint) listens on the loopback interface only, and the REST API
 * does not accept jars (no code can be submitted through it). The REST API has no authentication of
 * its own: on a host shared with untrusted users, keep the dashboard behind a reverse proxy with
 * authentication, or Flink's mutual TLS ({@code security.ssl.rest.*}).
 */
public final class FlinkEnvironments {
    static final String LOOPBACK = "127.0.0.1";

    private FlinkEnvironments() {}

    /** True when {@code flink run} (or another Flink client) set up the execution context. */
    public static boolean onCluster() {
        return !(StreamExecutionEnvironment.getExecutionEnvironment()
                instanceof LocalStreamEnvironment);
    }

    /**
     * An environment for a job of this process, without dashboard or metrics endpoint (bounded
     * commands).
     */
    public static StreamExecutionEnvironment create(int parallelism) {
        return create(parallelism, 0, 0, new Configuration());
    }

    /**
     * @param webUiPort the dashboard's port, or 0 for none
     * @param metricsPort the Prometheus endpoint's port, or 0 for none
     * @param settings job settings (checkpointing, restore path...); on a cluster they are applied
     *     on top of the cluster's configuration
     */
    public static StreamExecutionEnvironment create(
            int parallelism, int webUiPort, int metricsPort, Configuration settings) {
        if (onCluster()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.configure(settings);
            env.setParallelism(parallelism);
            return tune(env);
        }
        Configuration conf = local(parallelism, settings);
        if (metricsPort > 0) {
            PrometheusEndpoint.configure(conf, metricsPort);
        }
        StreamExecutionEnvironment env;
        if (webUiPort > 0) {
            conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
            conf.set(RestOptions.ADDRESS, LOOPBACK);
            conf.set(RestOptions.PORT, webUiPort);
            // The dashboard and the REST API show metrics this fresh (Flink's default: 10 s).
            conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        } else {
            env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        }
        return tune(env);
    }

    /**
     * An environment for a bounded job of this process that nobody watches ({@code dqs summarize}):
     * on a mini cluster without REST API (see {@link HeadlessMiniCluster}) and with a smaller
     * network buffer pool (32 MiB instead of 64: a bounded job has a few channels per task, and the
     * pool is allocated, and touched, in full at start).
     */
    public static StreamExecutionEnvironment createHeadless(
            int parallelism, Configuration settings) {
        if (onCluster()) {
            return create(parallelism, 0, 0, settings);
        }
        Configuration conf = local(parallelism, settings);
        conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        conf.set(RestOptions.ADDRESS, LOOPBACK);
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ZERO);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, HEADLESS_NETWORK_MEMORY);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, HEADLESS_NETWORK_MEMORY);
        // One job asks for all its slots at once: no need to wait for more requests (50 ms).
        conf.set(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY, Duration.ZERO);
        StreamExecutionEnvironment env = HeadlessMiniCluster.environment(conf);
        env.setParallelism(parallelism);
        return tune(env);
    }

    private static final MemorySize HEADLESS_NETWORK_MEMORY = MemorySize.ofMebiBytes(32);

    /** The settings of every embedded cluster. */
    private static Configuration local(int parallelism, Configuration settings) {
        Configuration conf = new Configuration(settings);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        // Each function copies nothing it keeps, so records need no defensive copy between
        // chained operators: a large share of the per-record cost otherwise.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(JobManagerOptions.BIND_HOST, LOOPBACK); // RPC and the BLOB server
        conf.set(JobManagerOptions.ADDRESS, LOOPBACK);
        conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(TaskManagerOptions.HOST, LOOPBACK);
        conf.set(WebOptions.SUBMIT_ENABLE, false);
        return conf;
    }

    private static StreamExecutionEnvironment tune(StreamExecutionEnvironment env) {
        env.getConfig().enableObjectReuse();
        return env;
    }
}
