package com.dataquality.dqs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random input, seeded: bad input of any shape gives a result, never an exception, and the
 * hand-written scanners agree with a reference where one exists.
 */
class ParseRobustnessTest {
    private static final ObjectMapper JACKSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static String random(Random rnd, String[] alphabet, int maxTokens) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(maxTokens);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet[rnd.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }

    private static final String[] ATOMS = {
        "\"Pass\"",
        "\" warn \"",
        "\"a\\\"b\"",
        "\"\\u00e9\\n\"",
        "\"é\"",
        "0",
        "-12",
        "3.25",
        "1e-7",
        "2E+3",
        "true",
        "false",
        "null",
        "\"\""
    };
    private static final String[] KEYS = {"\"status\"", "\"result\"", "\"x\"", "\"st\\u0061tus\""};

    /** A random valid JSON value. */
    private static void value(Random rnd, StringBuilder sb, int depth) {
        int pick = depth > 3 ? 2 : rnd.nextInt(4);
        if (pick == 0) {
            object(rnd, sb, depth + 1);
        } else if (pick == 1) {
            sb.append('[');
            int n = rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                sb.append(i > 0 ? "," : "").append(rnd.nextBoolean() ? " " : "");
                value(rnd, sb, depth + 1);
            }
            sb.append(']');
        } else {
            sb.append(ATOMS[rnd.nextInt(ATOMS.length)]);
        }
    }

    private static void object(Random rnd, StringBuilder sb, int depth) {
        sb.append('{');
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? "," : "").append(KEYS[rnd.nextInt(KEYS.length)]);
            sb.append(rnd.nextBoolean() ? ": " : ":");
            value(rnd, sb, depth);
        }
        sb.append('}');
    }

    @Test
    void theResultsScannerAcceptsExactlyTheJsonObjectsJacksonAccepts() {
        String mutations = "{}[],:\"\\0-1.e+tnu é\u0001\n";
        Random rnd = new Random(42);
        int objects = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder sb = new StringBuilder();
            if (rnd.nextInt(10) == 0) {
                value(rnd, sb, 0);
            } else {
                object(rnd, sb, 0);
            }
            int edits = rnd.nextInt(3);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = rnd.nextInt(sb.length());
                char c = mutations.charAt(rnd.nextInt(mutations.length()));
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, c);
                    default -> sb.setCharAt(at, c);
                }
            }
            String s = sb.toString();
            boolean ours = new ResultsScanner(s).scan();
            boolean theirs;
            try {
                JsonNode node = JACKSON.readTree(s);
                theirs = node != null && node.isObject();
            } catch (Exception e) {
                theirs = false;
            }
            assertEquals(theirs, ours, s);
            objects += ours ? 1 : 0;
            assertEquals(ResultsParser.parse(s) == null, ResultsParser.explain(s) != null, s);
        }
        assertTrue(objects > 20_000 && objects < 90_000, "valid and invalid mixed: " + objects);
    }

    @Test
    void theStatusFoundAgreesWithJackson() throws Exception {
        String[] keys = {"\"status\"", "\"result\"", "\"other\""};
        String[] values = {
            "\"Pass\"", "\" fail \"", "\"WARN\"", "\"Error\"", "null", "1", "{}", "[]"
        };
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder("{");
            int n = rnd.nextInt(4);
            for (int k = 0; k < n; k++) {
                sb.append(k > 0 ? "," : "")
                        .append(keys[rnd.nextInt(keys.length)])
                        .append(':')
                        .append(values[rnd.nextInt(values.length)]);
            }
            String json = sb.append('}').toString();
            JsonNode node = JACKSON.readTree(json); // last repeated key wins, as ours
            JsonNode status = node.get("status");
            JsonNode chosen = status != null && !status.isNull() ? status : node.get("result");
            String expected = null;
            if (chosen != null && chosen.isTextual()) {
                expected =
                        switch (chosen.textValue().trim().toLowerCase()) {
                            case "pass" -> "PASS";
                            case "fail" -> "FAIL";
                            case "warn", "warning" -> "WARNING";
                            default -> null;
                        };
            }
            var got = ResultsParser.parse(json);
            assertEquals(expected, got == null ? null : got.name(), json);
            if (got == null) {
                RejectReason reason = ResultsParser.explain(json).reason();
                boolean noValue = chosen == null || chosen.isNull();
                assertEquals(
                        noValue ? RejectReason.INVALID_RESULTS : RejectReason.UNKNOWN_STATUS,
                        reason,
                        json);
            }
        }
    }

    @Test
    void randomCsvNeverThrowsAndReadsTheSameInAnyChunking() {
        String[] alphabet = {
            "a",
            "b",
            ",",
            ",",
            "\"",
            "\"\"",
            "\n",
            "\r\n",
            "\r",
            " ",
            "é",
            "🚀",
            "\uFEFF",
            CsvFixtures.HEADER + "\n",
            CsvFixtures.goodRow() + "\n",
            "{\"status\":1}",
            "101"
        };
        Random rnd = new Random(1);
        for (int i = 0; i < 3_000; i++) {
            String text = random(rnd, alphabet, 40);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            List<ParseResult> whole = CsvFixtures.read(bytes, Integer.MAX_VALUE);
            long lastPosition = 0;
            for (ParseResult r : whole) {
                if (r.isValid()) {
                    assertTrue(r.execution().sequence() > lastPosition, text);
                    lastPosition = r.execution().sequence();
                } else {
                    DeadLetter d = r.deadLetter();
                    assertNotNull(d.reason());
                    assertNotNull(d.detail());
                    assertTrue(text.contains(d.raw()), text);
                    assertTrue(d.position() > lastPosition, text);
                    lastPosition = d.position();
                }
            }
            assertEquals(whole, CsvFixtures.read(bytes, 1 + rnd.nextInt(5)), text);
        }
    }

    @Test
    void randomKafkaValuesNeverThrow() {
        String[] alphabet = {
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\"source\"",
            "\"rule_code\"",
            "\"results\"",
            "\"dataset_record_count\"",
            "\"x\"",
            "1",
            "-1",
            "1.5",
            "null",
            "true",
            " ",
            "\\u00e9"
        };
        Random rnd = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            String value = random(rnd, alphabet, 16);
            ParseResult r = JsonRecordParser.parse(value, "t", 0, i, i);
            assertTrue(r.isValid() || r.deadLetter().raw().equals(value), value);
        }
    }
}
