package com.dataquality.dqs.io;

import com.dataquality.dqs.pipeline.RunCounts;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.SummaryRow;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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

    public static ObjectNode build(
            String command,
            List<Path> inputs,
            RunCounts counts,
            List<SummaryRow> rows,
            Map<Integer, RuleMetadata> rules,
            int parallelism,
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
        TreeSet<Integer> unknown = new TreeSet<>();
        long unknownRecords = 0;
        for (SummaryRow r : rows) {
            if (!rules.containsKey(r.ruleCode())) {
                unknown.add(r.ruleCode());
                unknownRecords += r.passCountTotal() + r.failCountTotal() + r.warningCountTotal();
            }
        }
        n.put("unknown_rule_codes", unknown.size());
        ArrayNode codes = n.putArray("unknown_rule_code_list");
        unknown.forEach(codes::add);
        n.put("records_with_unknown_rule_code", unknownRecords);
        n.put("summary_keys", rows.size());
        n.put("reference_date", rows.isEmpty() ? null : rows.get(0).referenceDate());
        n.put("parallelism", parallelism);
        n.putNull("model_version");
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
