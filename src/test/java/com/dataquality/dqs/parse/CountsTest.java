package com.dataquality.dqs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CountsTest {

    @ParameterizedTest
    @CsvSource({
        "0,0",
        "5,5",
        "+5,5",
        "007,7",
        "1000000,1000000",
        "9223372036854775807,9223372036854775807",
        "+9223372036854775807,9223372036854775807"
    })
    void nonNegativeIntegersParse(String raw, long expected) {
        assertEquals(expected, Counts.parse(raw));
    }

    @Test
    void emptyIsEmpty() {
        assertEquals(Counts.EMPTY, Counts.parse(""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "12.5",
                "-3",
                "-0",
                "1,000",
                "1 000",
                "abc",
                "+",
                "++1",
                "1e3",
                "0x10",
                "5.",
                "9223372036854775808",
                "99999999999999999999",
                "１２"
            })
    void everythingElseIsInvalid(String raw) {
        assertEquals(Counts.INVALID, Counts.parse(raw));
    }
}
