package com.dataquality.dqs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleCodesTest {

    @ParameterizedTest
    @ValueSource(strings = {"101", "R101", "r101", "0101", " 101 ", "R0101", "\t101\t", " R101 "})
    void everySpellingOfRule101IsRule101(String raw) {
        assertEquals(101, RuleCodes.parse(raw));
    }

    @ParameterizedTest
    @CsvSource({"0,0", "R0,0", "000,0", "2147483647,2147483647", "R002147483647,2147483647"})
    void boundaryCodesParse(String raw, int expected) {
        assertEquals(expected, RuleCodes.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "R",
                "r",
                "RR101",
                "R-101",
                "-101",
                "+101",
                "10.1",
                "101.0",
                "1e3",
                "R 101",
                "1 01",
                "abc",
                "101R",
                "x101",
                "2147483648",
                "99999999999999999999",
                "١٠١",
                "１０１"
            })
    void anythingElseIsRejectedWithTheValueInTheMessage(String raw) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RuleCodes.parse(raw));
        assertTrue(e.getMessage().contains("'" + raw + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("R101"), e.getMessage());
        assertEquals(RuleCodes.INVALID, RuleCodes.tryParse(raw));
    }

    @org.junit.jupiter.api.Test
    void nullIsMissing() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RuleCodes.parse(null));
        assertEquals("rule code is missing", e.getMessage());
    }
}
