package com.dataquality.dqs.launch;

import org.apache.flink.configuration.Configuration;

/**
 * The Prometheus endpoint of an embedded run ({@code dqs run --metrics-port N}): Flink's own and
 * the job's metrics, served by {@link LoopbackPrometheusReporter} on 127.0.0.1.
 */
final class PrometheusEndpoint {
    static final String REPORTER = "prom";

    private PrometheusEndpoint() {}

    static void configure(Configuration conf, int port) {
        String prefix = "metrics.reporter." + REPORTER + ".";
        conf.setString("metrics.reporters", REPORTER);
        conf.setString(
                prefix + "factory.class", LoopbackPrometheusReporter.Factory.class.getName());
        conf.setString(prefix + "port", Integer.toString(port));
        conf.setString(prefix + "host", FlinkEnvironments.LOOPBACK);
        // Label values as they are, so model_info{version=...} matches the predictions' version.
        conf.setString(prefix + "filterLabelValueCharacters", "false");
    }
}
