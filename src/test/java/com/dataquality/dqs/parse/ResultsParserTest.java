package com.dataquality.dqs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResultsParserTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"status\":\"Pass\"}|PASS",
                "{\"status\":\"pass\"}|PASS",
                "{\"status\":\"PASS\"}|PASS",
                "{\"status\":\"  Pass \"}|PASS",
                "{\"status\":\"Fail\"}|FAIL",
                "{\"status\":\"fAiL\"}|FAIL",
                "{\"status\":\"Warning\"}|WARNING",
                "{\"status\":\"WARNING\"}|WARNING",
                "{\"status\":\"Warn\"}|WARNING",
                "{\"status\":\"warn\"}|WARNING",
                "{\"result\":\"Pass\"}|PASS",
                "{\"result\":\"warn\"}|WARNING",
                "  { \"status\" : \"Fail\" }  |FAIL",
                "{\"status\":\"\\u0050ass\"}|PASS",
                "{\"st\\u0061tus\":\"Fail\"}|FAIL",
                "{\"status\":\"Pass\",\"threshold\":0.95,\"rows\":-12e+3}|PASS",
            })
    void readsTheOutcome(String json, Status expected) {
        assertEquals(expected, ResultsParser.parse(json));
        assertNull(ResultsParser.explain(json));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // Near misses, and Unicode look-alikes that Java's case-insensitive comparison
                // folds to ASCII letters (long s, dotless i, dotted capital I).
                "pasq",
                "pa\u017fs",
                "fa\u0131l",
                "fa\u0130l",
                "pa s",
                "0ass",
                "pass!",
                "warni"
            })
    void onlyTheFourWordsInAsciiCaseAreOutcomes(String word) {
        String json = "{\"status\":\"" + word + "\"}";
        assertNull(ResultsParser.parse(json), json);
        ResultsParser.Problem p = ResultsParser.explain(json);
        assertEquals(RejectReason.UNKNOWN_STATUS, p.reason(), json);
    }

    @Test
    void whitespaceBetweenTokensIsAllowed() {
        assertEquals(Status.FAIL, ResultsParser.parse("{\n\t\"status\":\r\n\"Fail\"\n}"));
    }

    @Test
    void statusWinsOverResultWhenBothArePresent() {
        assertEquals(Status.FAIL, ResultsParser.parse("{\"result\":\"Pass\",\"status\":\"Fail\"}"));
        assertEquals(Status.FAIL, ResultsParser.parse("{\"status\":\"Fail\",\"result\":\"Pass\"}"));
    }

    @Test
    void aNullStatusFallsBackToResult() {
        assertEquals(Status.PASS, ResultsParser.parse("{\"status\":null,\"result\":\"Pass\"}"));
    }

    @Test
    void aNonStringStatusWinsAndIsAnUnknownStatusEvenWhenResultIsGood() {
        String json = "{\"status\":1,\"result\":\"Pass\"}";
        assertNull(ResultsParser.parse(json));
        ResultsParser.Problem p = ResultsParser.explain(json);
        assertEquals(RejectReason.UNKNOWN_STATUS, p.reason());
        assertTrue(p.detail().contains("\"status\" is a number"), p.detail());
    }

    @Test
    void theLastOfRepeatedKeysCounts() {
        assertEquals(Status.FAIL, ResultsParser.parse("{\"status\":\"Pass\",\"status\":\"Fail\"}"));
    }

    @Test
    void nestedValuesAndLookalikeKeysAreIgnored() {
        String json =
                "{\"details\":{\"status\":\"Fail\",\"list\":[1,{\"a\":[true,false,null]},\"x\"]},"
                        + "\"Status\":\"Fail\",\"statuses\":\"Fail\",\"msg\":\"say \\\"status\\\":"
                        + " \\\"Fail\\\" \\u00e9\\\\\",\"status\":\"Pass\"}";
        assertEquals(Status.PASS, ResultsParser.parse(json));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"status\":\"Error\"}|'Error' is not Pass, Fail, Warning or Warn",
                "{\"status\":\"\"}|'' is not Pass",
                "{\"status\":\"Passed\"}|'Passed' is not",
                "{\"result\":\"ok\"}|\"result\" 'ok' is not",
                "{\"status\":\"P\\u00e9ss\"}|'Péss' is not",
                "{\"status\":5}|\"status\" is a number",
                "{\"status\":{\"value\":\"Pass\"}}|\"status\" is an object",
                "{\"status\":[\"Pass\"]}|\"status\" is an array",
                "{\"status\":true}|\"status\" is a boolean",
                "{\"result\":2.5}|\"result\" is a number",
            })
    void unknownOrNonStringStatusIsUnknownStatus(String json, String expectedDetail) {
        assertNull(ResultsParser.parse(json));
        ResultsParser.Problem p = ResultsParser.explain(json);
        assertEquals(RejectReason.UNKNOWN_STATUS, p.reason());
        assertTrue(p.detail().contains(expectedDetail), p.detail());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "Pass",
                "pass",
                "null",
                "42",
                "\"Pass\"",
                "[{\"status\":\"Pass\"}]",
                "{'status': 'Pass'}",
                "{status: \"Pass\"}",
                "{\"status\":\"Pass\"",
                "{\"status\":\"Pass}",
                "{\"status\":\"Pass\",}",
                "{\"status\" \"Pass\"}",
                "{\"status\":\"Pass\"} x",
                "{\"status\":\"Pass\"}{}",
                "{\"status\":\"Pa\\xss\"}",
                "{\"status\":\"Pa\\u00ss\"}",
                "{\"status\":\"Pa\nss\"}",
                "{\"status\":\"Pass\",\"n\":01}",
                "{\"status\":\"Pass\",\"n\":1.}",
                "{\"status\":\"Pass\",\"n\":-}",
                "{\"status\":\"Pass\",\"n\":1e}",
                "{\"status\":\"Pass\",\"n\":NaN}",
                "{\"status\":\"Pass\",\"n\":tru}",
                "{\"status\":\"Pass\",\"n\":[1,]}",
                "{\"status\":\"Pass\",\"n\":{\"a\"}}",
                "{\"status\":\"Pass\",\"n\":[1 2]}",
            })
    void textThatIsNotOneJsonObjectIsInvalidResults(String json) {
        assertNull(ResultsParser.parse(json));
        ResultsParser.Problem p = ResultsParser.explain(json);
        assertEquals(RejectReason.INVALID_RESULTS, p.reason(), p.detail());
        assertTrue(p.detail().startsWith("results '"), p.detail());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"d\":[1,{\"a\":[true]}},\"status\":\"Pass\"}|expected ',' or ']' at offset 20",
                "{\"d\":{\"a\" 1},\"status\":\"Pass\"}|expected ':' at offset 10",
                "{\"d\":{1:2},\"status\":\"Pass\"}|expected a key at offset 6",
                "{\"d\":[[[|it ends early",
                "{\"d\":[{},[],{\"a\":[{}]},\"status\":\"Pass\"}|expected ',' or ']' at offset 31",
            })
    void anErrorInsideNestedValuesIsPlaced(String json, String expectedDetail) {
        ResultsParser.Problem p = ResultsParser.explain(json);
        assertEquals(RejectReason.INVALID_RESULTS, p.reason(), p.detail());
        assertTrue(p.detail().endsWith(expectedDetail), p.detail());
    }

    @Test
    void nestedEmptyAndMixedContainersAreSkipped() {
        assertEquals(
                Status.PASS,
                ResultsParser.parse("{\"d\":[{},[],{\"a\":[{}]}],\"status\":\"Pass\"}"));
        assertEquals(
                Status.WARNING,
                ResultsParser.parse(
                        "{\"d\":[{\"x\":[]},{\"y\":{\"z\":-0.5e-3}}],\"result\":\"warn\"}"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"outcome\":\"Pass\"}",
                "{\"status\":null}",
                "{\"status\":null,\"result\":null}",
                "{\"details\":{\"status\":\"Pass\"}}"
            })
    void anObjectWithoutStatusOrResultIsInvalidResults(String json) {
        assertNull(ResultsParser.parse(json));
        ResultsParser.Problem p = ResultsParser.explain(json);
        assertEquals(RejectReason.INVALID_RESULTS, p.reason());
        assertTrue(p.detail().contains("no \"status\" or \"result\""), p.detail());
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertNull(ResultsParser.parse(deep));
        ResultsParser.Problem p = ResultsParser.explain(deep);
        assertEquals(RejectReason.INVALID_RESULTS, p.reason());
        assertTrue(p.detail().contains("nested deeper"), p.detail());
    }

    @Test
    void nestingWithinTheLimitIsFine() {
        String nested = "{\"a\":" + "[".repeat(200) + "]".repeat(200) + ",\"status\":\"Pass\"}";
        assertEquals(Status.PASS, ResultsParser.parse(nested));
    }

    @Test
    void longValuesAreClippedInTheDetail() {
        String json = "{\"status\":\"" + "x".repeat(500) + "\"}";
        ResultsParser.Problem p = ResultsParser.explain(json);
        assertTrue(p.detail().length() < 300, p.detail());
        assertTrue(p.detail().contains("…"), p.detail());
    }
}
