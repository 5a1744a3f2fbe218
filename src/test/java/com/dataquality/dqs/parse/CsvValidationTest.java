package com.dataquality.dqs.parse;

import static com.dataquality.dqs.parse.CsvFixtures.HEADER;
import static com.dataquality.dqs.parse.CsvFixtures.PASS;
import static com.dataquality.dqs.parse.CsvFixtures.onlyValid;
import static com.dataquality.dqs.parse.CsvFixtures.rejectedRow;
import static com.dataquality.dqs.parse.CsvFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.Status;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Field validation on the CSV path: every reason code, the order between them, the values. */
class CsvValidationTest {

    private static String results(String json) {
        return "\"" + json.replace("\"", "\"\"") + "\"";
    }

    private static RuleExecution valid(String ruleCode, String date, String resultsJson) {
        return onlyValid(HEADER + "\n" + row(ruleCode, date, results(resultsJson)) + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"101", "R101", "r101", "0101", " 101 ", "\" R101 \"", "r0000101"})
    void everyRuleCodeSpellingIsRule101(String code) {
        assertEquals(101, onlyValid(HEADER + "\n" + row(code, "2024-03-01", PASS)).ruleCode());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"status\":\"Pass\"}|PASS",
                "{\"status\":\"FAIL\"}|FAIL",
                "{\"status\":\"warning\"}|WARNING",
                "{\"status\":\" Warn \"}|WARNING",
                "{\"result\":\"Fail\"}|FAIL",
                "{\"result\":\"Pass\",\"status\":\"Warn\"}|WARNING",
                "{\"status\":null,\"result\":\"fail\"}|FAIL",
            })
    void statusIsReadFromResults(String json, Status expected) {
        assertEquals(expected, valid("101", "2024-03-01", json).status());
    }

    @Test
    void aDateWithATimePartKeepsItsDate() {
        RuleExecution e = valid("101", "2024-03-01T23:30:00-08:00", "{\"status\":\"Pass\"}");
        assertEquals(LocalDate.of(2024, 3, 1), e.businessDate());
    }

    @ParameterizedTest
    @CsvSource({"'',", "0,0", "+42,42", "9223372036854775807,9223372036854775807"})
    void countsAreEmptyOrNonNegativeIntegers(String raw, Long expected) {
        String line =
                row("101", "2024-03-01", PASS).replace(",100,90,", "," + raw + "," + raw + ",");
        RuleExecution e = onlyValid(HEADER + "\n" + line + "\n");
        assertEquals(expected, e.datasetRecordCount());
        assertEquals(expected, e.filteredRecordCount());
    }

    @Test
    void absentOptionalColumnsAreEmptyNotNull() {
        String header =
                "source,tenant_id,dataset_uuid,dataset_name,rule_code,business_date,results";
        RuleExecution e = onlyValid(header + "\nsrc,t1,u1,Sales,101,2024-03-01," + PASS + "\n");
        assertNull(e.datasetRecordCount());
        assertNull(e.filteredRecordCount());
        assertEquals("", e.levelOfExecution());
        assertEquals("", e.attributeName());
        assertEquals("", e.contextId());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                ",t1,uuid-1,Sales,101,2024-03-01,{}|source",
                "src,,uuid-1,Sales,101,2024-03-01,{}|tenant_id",
                "src,t1,   ,Sales,101,2024-03-01,{}|dataset_uuid",
                "src,t1,uuid-1,\"  \",101,2024-03-01,{}|dataset_name",
                "src,t1,uuid-1,Sales,,2024-03-01,{}|rule_code",
                "src,t1,uuid-1,Sales,101,,{}|business_date",
                "src,t1,uuid-1,Sales,101,2024-03-01,|results",
                ",,uuid-1,Sales,101,2024-03-01,|source, tenant_id, results",
            })
    void anEmptyRequiredFieldIsMissingField(String head, String named) {
        rejectedRow(
                head + ",1,2,L,A,C",
                RejectReason.MISSING_FIELD,
                "field(s) (absent or empty): " + named);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "R", "R-1", "10.5", "1 01", "2147483648", "RR1"})
    void aBadRuleCodeIsInvalidRuleCode(String code) {
        rejectedRow(
                row(code, "2024-03-01", PASS),
                RejectReason.INVALID_RULE_CODE,
                "rule_code '" + code + "'",
                "R101");
    }

    @ParameterizedTest
    @CsvSource({
        "2024-02-30,does not exist",
        "2023-02-29,does not exist",
        "1899-12-31,1900-01-01 to 9999-12-30",
        "9999-12-31,1900-01-01 to 9999-12-30",
        "2024/03/01,YYYY-MM-DD",
        "01-03-2024,YYYY-MM-DD",
        "2024-03-01T25:00,time part",
        "2024-03-01T10:00:00+25:00,time part"
    })
    void aBadDateIsInvalidDate(String date, String because) {
        rejectedRow(
                row("101", date, PASS),
                RejectReason.INVALID_DATE,
                "business_date '" + date + "'",
                because);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Pass",
                "{status: Pass}",
                "[]",
                "{}",
                "{\"outcome\":\"Pass\"}",
                "{\"status\":"
            })
    void resultsWithoutAStatusAreInvalidResults(String json) {
        rejectedRow(
                row("101", "2024-03-01", results(json)), RejectReason.INVALID_RESULTS, "results '");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"status\":\"Error\"}",
                "{\"status\":\"\"}",
                "{\"status\":1}",
                "{\"result\":{}}"
            })
    void anUnknownStatusIsUnknownStatus(String json) {
        rejectedRow(
                row("101", "2024-03-01", results(json)),
                RejectReason.UNKNOWN_STATUS,
                "Pass, Fail, Warning");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5", "-3", "\"1,000\"", "abc", "99999999999999999999", "1e3"})
    void aBadCountIsInvalidCount(String count) {
        String shown = count.replace("\"", "");
        rejectedRow(
                row("101", "2024-03-01", PASS).replace(",100,90,", "," + count + ",90,"),
                RejectReason.INVALID_COUNT,
                "dataset_record_count '" + shown + "'",
                "non-negative integer");
        rejectedRow(
                row("101", "2024-03-01", PASS).replace(",100,90,", ",100," + count + ","),
                RejectReason.INVALID_COUNT,
                "filtered_record_count '" + shown + "'");
    }

    @Test
    void theFirstReasonInContractOrderWins() {
        String unknown = results("{\"status\":\"Error\"}");
        rejectedRow(",t1,u,n,x,bad," + unknown + ",-1,,,,", RejectReason.MISSING_FIELD, "source");
        rejectedRow("s,t1,u,n,x,bad," + unknown + ",-1,,,,", RejectReason.INVALID_RULE_CODE, "'x'");
        rejectedRow("s,t1,u,n,1,bad,nojson,-1,,,,", RejectReason.INVALID_DATE, "'bad'");
        rejectedRow(
                "s,t1,u,n,1,2024-01-01,nojson,-1,,,,", RejectReason.INVALID_RESULTS, "'nojson'");
        rejectedRow(
                "s,t1,u,n,1,2024-01-01," + unknown + ",-1,,,,",
                RejectReason.UNKNOWN_STATUS,
                "'Error'");
        rejectedRow(
                "s,t1,u,n,1,2024-01-01," + PASS + ",-1,x,,,",
                RejectReason.INVALID_COUNT,
                "dataset_record_count '-1'");
    }

    @Test
    void longValuesAreClippedInTheDetail() {
        String code = "x".repeat(5000);
        var d = rejectedRow(row(code, "2024-03-01", PASS), RejectReason.INVALID_RULE_CODE);
        assertEquals(true, d.detail().length() < 300, d.detail());
    }
}
