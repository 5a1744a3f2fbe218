package com.dataquality.dqs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.UnicodeText;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.Status;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRecordParserTest {
    private static final String TOPIC = "dq.rule-executions";

    /** A message with the required fields, in single quotes for readability. */
    private static String message(String extra) {
        return ("{'source':'src','tenant_id':'t1','dataset_uuid':'u1','dataset_name':'Sales',"
                        + "'rule_code':101,'business_date':'2024-03-01',"
                        + "'results':'{\\'status\\':\\'Pass\\'}'"
                        + extra
                        + "}")
                .replace("\\'", "\\\"")
                .replace('\'', '"');
    }

    private static ParseResult parse(String value) {
        ParseResult r = JsonRecordParser.parse(value, TOPIC, 3, 42L, 7L);
        if (value != null && UnicodeText.firstUnpaired(value) < 0) {
            // The Kafka path parses the same message from its UTF-8 bytes: same result, always.
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            assertEquals(r, JsonRecordParser.parseUtf8(utf8, TOPIC, 3, 42L, 7L), value);
        }
        return r;
    }

    private static RuleExecution valid(String value) {
        ParseResult r = parse(value);
        assertTrue(r.isValid(), () -> r.deadLetter().toString());
        return r.execution();
    }

    private static DeadLetter rejected(String value, RejectReason reason, String... detailParts) {
        ParseResult r = parse(value);
        assertFalse(r.isValid(), () -> r.execution().toString());
        DeadLetter d = r.deadLetter();
        assertEquals(reason, d.reason(), d.detail());
        for (String part : detailParts) {
            assertTrue(d.detail().contains(part), () -> d.detail() + " lacks " + part);
        }
        assertEquals(value == null ? "" : value, d.raw());
        assertEquals(TOPIC, d.origin());
        assertEquals(3, d.partition());
        assertEquals(42L, d.position());
        assertFalse(d.fromFile());
        return d;
    }

    @Test
    void aValidMessageGivesEveryField() {
        RuleExecution e =
                valid(
                        message(
                                ",'dataset_record_count':100,'filtered_record_count':'90',"
                                        + "'level_of_execution':'ATTRIBUTE','attribute_name':' amount ',"
                                        + "'context_id':'c-1'"));
        assertEquals("src", e.source());
        assertEquals("t1", e.tenantId());
        assertEquals("u1", e.datasetUuid());
        assertEquals("Sales", e.datasetName());
        assertEquals(101, e.ruleCode());
        assertEquals(LocalDate.of(2024, 3, 1), e.businessDate());
        assertEquals(Status.PASS, e.status());
        assertEquals(100L, e.datasetRecordCount());
        assertEquals(90L, e.filteredRecordCount());
        assertEquals("ATTRIBUTE", e.levelOfExecution());
        assertEquals("amount", e.attributeName());
        assertEquals("c-1", e.contextId());
        assertEquals(7L, e.sequence());
    }

    @Test
    void absentAndNullOptionalFieldsAreEmpty() {
        RuleExecution e = valid(message(",'dataset_record_count':null,'context_id':null"));
        assertNull(e.datasetRecordCount());
        assertNull(e.filteredRecordCount());
        assertEquals("", e.levelOfExecution());
        assertEquals("", e.contextId());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"101", "\"101\"", "\"R101\"", "\"r101\"", "\"0101\"", "\" 101 \"", "0101"})
    void ruleCodeMayBeANumberOrAnySpelling(String code) {
        String value = message("").replace("\"rule_code\":101", "\"rule_code\":" + code);
        if (code.equals("0101")) {
            // A JSON number with a leading zero is not JSON.
            rejected(value, RejectReason.MALFORMED_ROW, "not valid JSON");
        } else {
            assertEquals(101, valid(value).ruleCode());
        }
    }

    @Test
    void resultsMayBeANestedObject() {
        String value =
                message("")
                        .replace(
                                "\"results\":\"{\\\"status\\\":\\\"Pass\\\"}\"",
                                "\"results\":{\"details\":{\"status\":\"Pass\"},\"result\":\"Fail\","
                                        + " \"status\" : \"warn\"}");
        assertEquals(Status.WARNING, valid(value).status());
    }

    @Test
    void aNestedResultsObjectFollowsTheSamePrecedence() {
        String base =
                message("")
                        .replace("\"results\":\"{\\\"status\\\":\\\"Pass\\\"}\"", "\"results\":%s");
        assertEquals(
                Status.FAIL,
                valid(base.formatted("{\"status\":null,\"result\":\"FAIL\"}")).status());
        rejected(
                base.formatted("{\"status\":2,\"result\":\"Pass\"}"),
                RejectReason.UNKNOWN_STATUS,
                "number");
        rejected(base.formatted("{\"result\":\"Error\"}"), RejectReason.UNKNOWN_STATUS, "'Error'");
        rejected(base.formatted("{}"), RejectReason.INVALID_RESULTS, "no \"status\"");
        rejected(base.formatted("[\"Pass\"]"), RejectReason.INVALID_RESULTS, "not a JSON object");
        rejected(base.formatted("5"), RejectReason.INVALID_RESULTS, "not a JSON object");
        rejected(base.formatted("true"), RejectReason.INVALID_RESULTS);
        rejected(base.formatted("\"Pass\""), RejectReason.INVALID_RESULTS);
        rejected(base.formatted("null"), RejectReason.MISSING_FIELD, "results");
    }

    @ParameterizedTest
    @CsvSource({"5,5", "'\"5\"',5", "'\"+5\"',5", "0,0", "9223372036854775807,9223372036854775807"})
    void countsMayBeNumbersOrStrings(String json, long expected) {
        assertEquals(
                expected, valid(message(",'dataset_record_count':" + json)).datasetRecordCount());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"5.5", "-1", "1e3", "\"abc\"", "\"1,000\"", "9223372036854775808", "true"})
    void otherCountsAreInvalidCount(String json) {
        rejected(
                message(",'filtered_record_count':" + json),
                RejectReason.INVALID_COUNT,
                "filtered_record_count");
    }

    /** The required fields as raw JSON values, in an order the tests may edit. */
    private static Map<String, String> required() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source", "\"src\"");
        m.put("tenant_id", "\"t1\"");
        m.put("dataset_uuid", "\"u1\"");
        m.put("dataset_name", "\"Sales\"");
        m.put("rule_code", "101");
        m.put("business_date", "\"2024-03-01\"");
        m.put("results", "{\"status\":\"Pass\"}");
        return m;
    }

    private static String object(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach(
                (k, v) ->
                        sb.append(sb.length() > 1 ? "," : "")
                                .append('"')
                                .append(k)
                                .append("\":")
                                .append(v));
        return sb.append('}').toString();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "source",
                "tenant_id",
                "dataset_uuid",
                "dataset_name",
                "rule_code",
                "business_date",
                "results"
            })
    void aRequiredFieldAbsentNullOrBlankIsMissingField(String field) {
        assertTrue(valid(object(required())).ruleCode() == 101);
        Map<String, String> fields = required();
        fields.remove(field);
        rejected(object(fields), RejectReason.MISSING_FIELD, "(absent or empty): " + field);
        fields.put(field, "null");
        rejected(object(fields), RejectReason.MISSING_FIELD, "(absent or empty): " + field);
        fields.put(field, "\" \\t \"");
        rejected(object(fields), RejectReason.MISSING_FIELD, "(absent or empty): " + field);
    }

    @Test
    void everyMissingFieldIsNamed() {
        rejected(
                "{\"rule_code\":1}",
                RejectReason.MISSING_FIELD,
                "source, tenant_id, dataset_uuid, dataset_name, business_date, results");
    }

    @Test
    void everyReasonCodeComesOutOfTheJsonPath() {
        rejected(message("").replace("101", "\"x101\""), RejectReason.INVALID_RULE_CODE, "'x101'");
        rejected(
                message("").replace("2024-03-01", "2023-02-29"),
                RejectReason.INVALID_DATE,
                "does not exist");
        rejected(
                message("").replace("\\\"status\\\"", "\\\"state\\\""),
                RejectReason.INVALID_RESULTS);
        rejected(message("").replace("Pass", "Error"), RejectReason.UNKNOWN_STATUS, "'Error'");
        rejected(message(",'dataset_record_count':5.5"), RejectReason.INVALID_COUNT, "'5.5'");
        rejected("[1]", RejectReason.MALFORMED_ROW, "not a JSON object");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "not json",
                "[1,2]",
                "\"a string\"",
                "42",
                "null",
                "{",
                "{\"source\":",
                "{\"source\":\"a\"} {\"source\":\"b\"}",
                "{\"source\":\"a\"} x",
                "{'source':'a'}"
            })
    void aValueThatIsNotOneJsonObjectIsMalformed(String value) {
        rejected(value, RejectReason.MALFORMED_ROW);
    }

    @Test
    void aNullValueIsMalformedWithEmptyRawText() {
        rejected(null, RejectReason.MALFORMED_ROW, "empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"source", "rule_code", "dataset_record_count"})
    void anObjectOrArrayOutsideResultsIsMalformed(String field) {
        rejected(
                message(",'" + field + "':{'a':1}"),
                RejectReason.MALFORMED_ROW,
                field,
                "an object");
        rejected(message(",'" + field + "':[1]"), RejectReason.MALFORMED_ROW, field, "an array");
    }

    @Test
    void keysAreTrimmedAndCaseInsensitiveAndUnknownKeysIgnored() {
        String value =
                message(",'extra':{'deep':[1,{'status':'Fail'}]},' Context_ID ':'c','flag':true")
                        .replace("\"source\"", "\"SOURCE\"");
        RuleExecution e = valid(value);
        assertEquals("src", e.source());
        assertEquals("c", e.contextId());
    }

    @Test
    void theLastOfRepeatedKeysWins() {
        assertEquals("b", valid(message(",'context_id':'a','context_id':'b'")).contextId());
    }

    @Test
    void escapesAndNonAsciiAreDecoded() {
        RuleExecution e =
                valid(message("").replace("\"Sales\"", "\"Caf\\u00e9 \\\"A\\\", 日本 🚀\""));
        assertEquals("Café \"A\", 日本 🚀", e.datasetName());
    }

    @Test
    void booleansAndNumbersInTextFieldsAreTheirText() {
        RuleExecution e = valid(message(",'attribute_name':true,'context_id':12.50"));
        assertEquals("true", e.attributeName());
        assertEquals("12.50", e.contextId());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\uFEFF{\"source\":\"s\"}",
                " {\"source\":\"s\"}",
                "{\"source\":\"s\"} {}",
                "{\"rule_code\":[1]}",
                "{not json",
                "{}"
            })
    void theBytePathRejectsAsTheTextPath(String text) {
        ParseResult r = parse(text); // compares the two paths
        assertFalse(r.isValid());
    }

    @Test
    void utf16BytesAreNotGuessedAsText() {
        String text = message("");
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16LE);
        // Well-formed UTF-8 (ASCII and NUL bytes), but not this text: a JSON parser guessing the
        // encoding would read it as UTF-16; the text path sees NUL characters, not JSON.
        assertTrue(Utf8.isWellFormed(utf16));
        ParseResult r = JsonRecordParser.parseUtf8(utf16, TOPIC, 3, 42L, 7L);
        assertEquals(
                JsonRecordParser.parse(
                        new String(utf16, StandardCharsets.UTF_8), TOPIC, 3, 42L, 7L),
                r);
        assertFalse(r.isValid());
    }
}
