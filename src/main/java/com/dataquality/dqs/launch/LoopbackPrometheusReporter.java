package com.dataquality.dqs.launch;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.Properties;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Flink's Prometheus reporter, serving on one host address (127.0.0.1 for {@code dqs run
 * --metrics-port}) instead of every interface, as Flink's own {@code PrometheusReporter} does: an
 * embedded run's metrics stay on the machine unless asked otherwise. The metric names and labels
 * are Flink's (the same as on a cluster with Flink's reporter), so one Grafana dashboard serves
 * both.
 */
public final class LoopbackPrometheusReporter extends AbstractPrometheusReporter {
    private HTTPServer server;

    @Override
    public void open(MetricConfig config) {
        super.open(config);
        String host = config.getString("host", FlinkEnvironments.LOOPBACK);
        int port = config.getInteger("port", 9249);
        try {
            server = new HTTPServer(new InetSocketAddress(host, port), registry(), true);
            log.info("Prometheus endpoint on http://{}:{}/metrics", host, port);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        super.close();
    }

    /**
     * The registry the base class fills: it keeps it package-private, and the HTTP server must
     * serve that one.
     */
    private CollectorRegistry registry() {
        try {
            Field f = AbstractPrometheusReporter.class.getDeclaredField("registry");
            f.setAccessible(true);
            return (CollectorRegistry) f.get(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Flink's Prometheus reporter changed its shape", e);
        }
    }

    /** What Flink instantiates from {@code metrics.reporter.<name>.factory.class}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new LoopbackPrometheusReporter();
        }
    }
}
