package com.dataquality.dqs.launch;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where a command's job runs: inside this process on an embedded Flink mini cluster, or, when the
 * jar was started by {@code flink run}, on that cluster (its settings then win).
 */
public final class FlinkEnvironments {
    private FlinkEnvironments() {}

    /** True when {@code flink run} (or another Flink client) set up the execution context. */
    public static boolean onCluster() {
        return !(StreamExecutionEnvironment.getExecutionEnvironment()
                instanceof LocalStreamEnvironment);
    }

    /**
     * An environment for a job of this process.
     *
     * @param webUiPort the dashboard's port, or 0 for no dashboard (bounded commands)
     */
    public static StreamExecutionEnvironment create(int parallelism, int webUiPort) {
        return create(parallelism, webUiPort, new Configuration());
    }

    /**
     * @param settings job settings (checkpointing, restore path...); on a cluster they are applied
     *     on top of the cluster's configuration
     */
    public static StreamExecutionEnvironment create(
            int parallelism, int webUiPort, Configuration settings) {
        if (onCluster()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.configure(settings);
            env.setParallelism(parallelism);
            return tune(env);
        }
        Configuration conf = new Configuration(settings);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        // Each function copies nothing it keeps, so records need no defensive copy between
        // chained operators: a large share of the per-record cost otherwise.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        StreamExecutionEnvironment env;
        if (webUiPort > 0) {
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            conf.set(RestOptions.ADDRESS, "127.0.0.1");
            conf.set(RestOptions.PORT, webUiPort);
            // The dashboard and the REST API show metrics this fresh (Flink's default: 10 s).
            conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        } else {
            env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        }
        return tune(env);
    }

    private static StreamExecutionEnvironment tune(StreamExecutionEnvironment env) {
        env.getConfig().enableObjectReuse();
        return env;
    }
}
