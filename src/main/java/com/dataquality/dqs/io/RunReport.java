package com.dataquality.dqs.io;

import com.dataquality.dqs.pipeline.RunCounts;
import com.dataquality.dqs.record.RejectReason;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code run_report.json}: what a bounded run read, kept and rejected, so that a user can check
 * that nothing was lost ({@code records_read = records_valid + records_dead_lettered}).
 */
public final class RunReport {
    public static final String NAME = "run_report.json";
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReport() {}

    /** Timings of a run, in milliseconds. */
    public record Timings(long startupMillis, long jobMillis, long writeMillis, long totalMillis) {}

    /**
     * The report of a bounded run.
     *
     * @param forecasts forecasts emitted (a {@code run} with forecasting), or null ({@code
     *     summarize})
     * @param modelVersions forecasts per model version, for a {@code run}; empty otherwise
     */
    public static ObjectNode build(
            String command,
            List<Path> inputs,
            RunCounts counts,
            SummaryFacts facts,
            int parallelism,
            Long forecasts,
            Map<String, Long> modelVersions,
            Timings timings) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("command", command);
        ArrayNode files = n.putArray("inputs");
        inputs.forEach(p -> files.add(p.toString()));
        n.put("records_read", counts.read());
        n.put("records_valid", counts.valid());
        n.put("records_dead_lettered", counts.deadLettered());
        n.put("invariant_holds", counts.balanced());
        ObjectNode byReason = n.putObject("dead_letters_by_reason");
        for (RejectReason reason : RejectReason.values()) {
            byReason.put(reason.name(), counts.deadLetteredByReason().getOrDefault(reason, 0L));
        }
        n.put("unknown_rule_codes", facts.unknownRuleCodes().size());
        ArrayNode codes = n.putArray("unknown_rule_code_list");
        facts.unknownRuleCodes().forEach(codes::add);
        n.put("records_with_unknown_rule_code", facts.recordsWithUnknownRuleCode());
        n.put("summary_keys", facts.keys());
        n.put("reference_date", facts.referenceDate());
        n.put("parallelism", parallelism);
        if (modelVersions.isEmpty()) {
            n.putNull("model_version");
        } else {
            // The version that made the most forecasts; all of them below.
            n.put(
                    "model_version",
                    modelVersions.entrySet().stream()
                            .max(Map.Entry.comparingByValue())
                            .orElseThrow()
                            .getKey());
        }
        if (forecasts != null) {
            n.put("forecasts_emitted", forecasts);
            ObjectNode versions = n.putObject("model_versions_served");
            modelVersions.forEach(versions::put);
        }
        ObjectNode t = n.putObject("timings_ms");
        t.put("startup", timings.startupMillis());
        t.put("job", timings.jobMillis());
        t.put("write", timings.writeMillis());
        t.put("total", timings.totalMillis());
        return n;
    }

    public static void write(Path dir, ObjectNode report) {
        AtomicFiles.write(
                dir.resolve(NAME),
                out -> {
                    out.write(MAPPER.writeValueAsString(report));
                    out.write('\n');
                });
    }
}
