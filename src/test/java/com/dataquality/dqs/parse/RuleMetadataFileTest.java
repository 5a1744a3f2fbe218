package com.dataquality.dqs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.record.RuleMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleMetadataFileTest {
    @TempDir Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("rules.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private static final String RULE =
            "{\"rule_name\":\"Not null\",\"rule_type\":\"completeness\",\"dimension\":\"Completeness\","
                    + "\"rule_description\":\"No nulls, \\\"ever\\\" é\",\"category\":\"C1\"}";

    @Test
    void loadsRulesKeyedByNormalizedCode() throws IOException {
        Map<Integer, RuleMetadata> rules =
                RuleMetadataFile.load(
                        write(
                                "{\"101\":"
                                        + RULE
                                        + ",\"R102\":"
                                        + RULE
                                        + ",\" r0103 \":"
                                        + RULE
                                        + "}"));
        assertEquals(3, rules.size());
        RuleMetadata expected =
                new RuleMetadata(
                        "Not null", "completeness", "Completeness", "No nulls, \"ever\" é", "C1");
        assertEquals(expected, rules.get(101));
        assertEquals(expected, rules.get(102));
        assertEquals(expected, rules.get(103));
        assertThrows(UnsupportedOperationException.class, () -> rules.put(1, RuleMetadata.EMPTY));
    }

    @Test
    void absentOrNullFieldsAreEmptyAndExtraFieldsIgnored() throws IOException {
        Map<Integer, RuleMetadata> rules =
                RuleMetadataFile.load(
                        write(
                                "{\"7\":{\"rule_name\":\"N\",\"category\":null,\"owner\":{\"x\":1}}}"));
        assertEquals(new RuleMetadata("N", "", "", "", ""), rules.get(7));
    }

    @Test
    void anEmptyObjectIsNoRules() throws IOException {
        assertEquals(Map.of(), RuleMetadataFile.load(write(" { } ")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|is empty",
                "'   '|is empty",
                "{|is not valid JSON",
                "{\"101\":{}|is not valid JSON",
                "not json|is not valid JSON",
                "{\"101\":{}} trailing|is not valid JSON",
                "[]|must be a JSON object keyed by rule code, found an array",
                "\"rules\"|found a string",
                "42|found a number",
                "{\"101\":\"Not null\"}|rule '101' must be an object",
                "{\"101\":[]}|rule '101' must be an object with rule_name",
                "{\"101\":{\"rule_name\":5}}|rule '101' field rule_name must be a string, found a number",
                "{\"101\":{\"category\":{}}}|field category must be a string, found an object",
                "{\"101\":{\"dimension\":true}}|field dimension must be a string, found a boolean",
                "{\"101\":{\"rule_type\":[\"a\"]}}|field rule_type must be a string, found an array",
                "{\"abc\":{}}|key 'abc' is not a rule code",
                "{\"R\":{}}|key 'R' is not a rule code",
                "{\"\":{}}|key '' is not a rule code",
                "{\"-1\":{}}|key '-1' is not a rule code",
                "{\"101\":{},\"R101\":{}}|keys '101' and 'R101' are the same rule code 101",
                "{\"0101\":{},\" r101\":{}}|keys '0101' and ' r101' are the same rule code 101",
                "{\"101\":{},\"101\":{}}|Duplicate field '101'",
            })
    void anythingElseIsAnInputExceptionNamingTheFile(String json, String problem)
            throws IOException {
        Path file = write(json);
        InputException e = assertThrows(InputException.class, () -> RuleMetadataFile.load(file));
        assertTrue(e.getMessage().startsWith("rule metadata file " + file), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nope.json");
        InputException e = assertThrows(InputException.class, () -> RuleMetadataFile.load(file));
        assertEquals("rule metadata file " + file + " does not exist", e.getMessage());
    }

    @Test
    void aDirectoryIsNamed() {
        InputException e = assertThrows(InputException.class, () -> RuleMetadataFile.load(dir));
        assertEquals(
                "rule metadata file " + dir + " is a directory, expected a JSON file",
                e.getMessage());
    }

    @Test
    void invalidUtf8IsNotValidJson() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.write(file, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '{', '}', '}'});
        InputException e = assertThrows(InputException.class, () -> RuleMetadataFile.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
