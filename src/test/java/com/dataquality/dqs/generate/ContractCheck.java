package com.dataquality.dqs.generate;

import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CONTRACT.md §1 validation written from the contract's text for the generator's tests, so they do
 * not depend on the product's parser (written separately). Returns null for a valid row.
 */
final class ContractCheck {
    private ContractCheck() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RULE = Pattern.compile("[rR]?\\d+");
    private static final Pattern COUNT = Pattern.compile("\\d+");
    private static final List<String> REQUIRED =
            List.of(
                    "source",
                    "tenant_id",
                    "dataset_uuid",
                    "dataset_name",
                    "rule_code",
                    "business_date",
                    "results");

    static RejectReason reject(List<String> header, List<String> row) {
        if (row.size() != header.size()) {
            return RejectReason.MALFORMED_ROW;
        }
        Map<String, String> r = Rows.asMap(header, row);
        for (String f : REQUIRED) {
            if (r.get(f).isBlank()) {
                return RejectReason.MISSING_FIELD;
            }
        }
        if (!RULE.matcher(r.get("rule_code").trim()).matches()) {
            return RejectReason.INVALID_RULE_CODE;
        }
        if (date(r.get("business_date")) == null) {
            return RejectReason.INVALID_DATE;
        }
        String status = statusText(r.get("results"));
        if (status == null) {
            return RejectReason.INVALID_RESULTS;
        }
        if (status(status) == null) {
            return RejectReason.UNKNOWN_STATUS;
        }
        for (String f : List.of("dataset_record_count", "filtered_record_count")) {
            String v = r.get(f);
            if (!v.isEmpty() && !COUNT.matcher(v).matches()) {
                return RejectReason.INVALID_COUNT;
            }
        }
        return null;
    }

    static int ruleCode(String raw) {
        String t = raw.trim();
        return Integer.parseInt(t.charAt(0) == 'r' || t.charAt(0) == 'R' ? t.substring(1) : t);
    }

    static LocalDate date(String raw) {
        try {
            if (raw.length() == 10) {
                return LocalDate.parse(raw);
            }
            return LocalDateTime.parse(raw).toLocalDate();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The outcome text, {@code status} winning over {@code result}; null when there is none. */
    static String statusText(String results) {
        try {
            JsonNode node = JSON.readTree(results);
            if (node == null || !node.isObject()) {
                return null;
            }
            JsonNode s = node.has("status") ? node.get("status") : node.get("result");
            return s == null || !s.isTextual() ? null : s.asText();
        } catch (Exception e) {
            return null;
        }
    }

    static Status status(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "pass" -> Status.PASS;
            case "fail" -> Status.FAIL;
            case "warning", "warn" -> Status.WARNING;
            default -> null;
        };
    }
}
