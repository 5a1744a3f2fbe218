package com.dataquality.dqs.io;

import com.dataquality.dqs.model.ModelRegistry;
import com.dataquality.dqs.record.ModelComparison;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes the job's automatic promotions into the model registry: the promoted version becomes the
 * active one when the registry holds it (a challenger the job's retrainer registered), and every
 * decision goes into the audit log with the figures it rested on. A decision replayed after a
 * failure is recognized (same version, same day) and not written twice.
 */
public final class RegistryAuditSink implements Sink<ModelComparison> {
    private static final long serialVersionUID = 1L;
    static final String BY = "auto-promote";

    private final String registry;

    public RegistryAuditSink(Path registry) {
        this.registry = registry.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<ModelComparison> createWriter(WriterInitContext context) {
        ModelRegistry r = new ModelRegistry(Path.of(registry));
        return new SinkWriter<>() {
            @Override
            public void write(ModelComparison c, Context context) {
                if (!"promoted".equals(c.verdict())) {
                    return;
                }
                String reason =
                        "won over "
                                + c.champion()
                                + " on live data through "
                                + c.businessDate()
                                + " ("
                                + c.days()
                                + " days, "
                                + c.loss()
                                + " error)";
                boolean seen =
                        r.audit().stream()
                                .anyMatch(
                                        e ->
                                                BY.equals(e.get("by"))
                                                        && c.challenger().equals(e.get("version"))
                                                        && String.valueOf(e.get("reason"))
                                                                .startsWith(reason));
                if (seen) {
                    return;
                }
                if (r.list().stream().anyMatch(e -> e.version().equals(c.challenger()))) {
                    r.promote(c.challenger(), BY, reason, figures(c));
                } else {
                    r.record("promote-in-job", c.challenger(), BY, reason, figures(c));
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }

    private static Map<String, Object> figures(ModelComparison c) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("days", c.days());
        f.put("mean_abs_diff", c.meanAbsDiff());
        f.put("mean_squared_diff", c.meanSquaredDiff());
        f.put("ci_low", c.ciLow());
        f.put("ci_high", c.ciHigh());
        f.put("t", c.tStatistic());
        f.put("p", c.pValue());
        f.put("effect_size", c.effectSize());
        f.put("evidence", c.evidence());
        return f;
    }
}
