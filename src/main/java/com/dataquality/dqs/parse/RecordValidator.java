package com.dataquality.dqs.parse;

import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.Status;

/**
 * Validation shared by the CSV and Kafka paths, on the twelve field values of one record in {@link
 * Columns} order. Each record gets exactly one reason, the first that applies in this order: {@code
 * MISSING_FIELD} (a required field absent, empty or blank; all such fields are named), {@code
 * INVALID_RULE_CODE}, {@code INVALID_DATE}, {@code INVALID_RESULTS}, {@code UNKNOWN_STATUS}, {@code
 * INVALID_COUNT} ({@code dataset_record_count} before {@code filtered_record_count}). {@code
 * MALFORMED_ROW} is decided by the readers before this.
 */
public final class RecordValidator {

    /** Builds the dead letter of the record being validated; the reader knows its raw text. */
    @FunctionalInterface
    public interface Rejecter {
        ParseResult reject(RejectReason reason, String detail);
    }

    private RecordValidator() {}

    /**
     * @param values twelve values, already trimmed; null for a field the record does not have
     * @param sequence the read order of the record, copied to {@link RuleExecution#sequence()}
     */
    public static ParseResult validate(String[] values, long sequence, Rejecter rejecter) {
        for (int i = 0; i < Columns.REQUIRED; i++) {
            if (values[i] == null || values[i].isEmpty()) {
                return rejecter.reject(RejectReason.MISSING_FIELD, missingFields(values));
            }
        }
        String ruleCodeText = values[Columns.RULE_CODE];
        int ruleCode = RuleCodes.tryParse(ruleCodeText);
        if (ruleCode == RuleCodes.INVALID) {
            return rejecter.reject(
                    RejectReason.INVALID_RULE_CODE,
                    Text.sentence(
                            "rule_code %s is not a rule code: expected %s",
                            Text.quote(ruleCodeText), RuleCodes.EXPECTED));
        }
        String dateText = values[Columns.BUSINESS_DATE];
        int day = BusinessDates.parse(dateText);
        if (!BusinessDates.isValid(day)) {
            return rejecter.reject(
                    RejectReason.INVALID_DATE,
                    Text.sentence(
                            "business_date %s is not a valid date: %s",
                            Text.quote(dateText), BusinessDates.problem(day)));
        }
        String results = values[Columns.RESULTS];
        Status status = ResultsParser.parse(results);
        if (status == null) {
            ResultsParser.Problem problem = ResultsParser.explain(results);
            return rejecter.reject(problem.reason(), problem.detail());
        }
        long datasetCount = Counts.parse(orEmpty(values[Columns.DATASET_RECORD_COUNT]));
        if (datasetCount == Counts.INVALID) {
            return badCount(rejecter, values, Columns.DATASET_RECORD_COUNT);
        }
        long filteredCount = Counts.parse(orEmpty(values[Columns.FILTERED_RECORD_COUNT]));
        if (filteredCount == Counts.INVALID) {
            return badCount(rejecter, values, Columns.FILTERED_RECORD_COUNT);
        }
        return ParseResult.valid(
                new RuleExecution(
                        values[Columns.SOURCE],
                        values[Columns.TENANT_ID],
                        values[Columns.DATASET_UUID],
                        values[Columns.DATASET_NAME],
                        ruleCode,
                        day,
                        status,
                        datasetCount == Counts.EMPTY ? null : datasetCount,
                        filteredCount == Counts.EMPTY ? null : filteredCount,
                        orEmpty(values[Columns.LEVEL_OF_EXECUTION]),
                        orEmpty(values[Columns.ATTRIBUTE_NAME]),
                        orEmpty(values[Columns.CONTEXT_ID]),
                        sequence));
    }

    private static ParseResult badCount(Rejecter rejecter, String[] values, int column) {
        return rejecter.reject(
                RejectReason.INVALID_COUNT,
                Text.sentence(
                        "%s %s is not a count: expected %s",
                        Columns.name(column), Text.quote(values[column]), Counts.EXPECTED));
    }

    private static String missingFields(String[] values) {
        StringBuilder sb = new StringBuilder("missing required field(s) (absent or empty): ");
        boolean first = true;
        for (int i = 0; i < Columns.REQUIRED; i++) {
            if (values[i] == null || values[i].isEmpty()) {
                if (!first) {
                    sb.append(", ");
                }
                sb.append(Columns.name(i));
                first = false;
            }
        }
        return sb.toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
