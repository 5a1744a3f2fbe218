package com.dataquality.dqs.parse;

import com.dataquality.dqs.UnicodeText;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses one Kafka message value: a JSON object with the field names of the CSV header (matched
 * trimmed and case-insensitively; unknown keys ignored; a repeated key, the last one wins).
 *
 * <p>Field values may be strings, numbers or booleans and are taken as their text, trimmed, so
 * {@code 101} and {@code "R101"} are both rule codes and {@code 5} and {@code "5"} both counts
 * ({@code 5.5} is then an invalid count). A JSON null is an absent field. {@code results} may be a
 * string holding JSON text or a nested value, which is validated as its JSON text. Rejected as
 * {@code MALFORMED_ROW}: a null, empty or non-JSON value, JSON that is not one object, and an
 * object or array in a field other than {@code results}. Everything else is validated by {@link
 * RecordValidator}, as for CSV.
 */
public final class JsonRecordParser {
    // Thread-safe and meant to be shared: it holds the symbol tables parsers reuse.
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonRecordParser() {}

    /**
     * @param message the message value; its text is the dead letter's raw text (an unpaired
     *     surrogate in it, or in a value it escapes, becomes U+FFFD)
     * @param topic the message's topic, put in dead letters as their origin
     * @param partition the message's partition
     * @param offset the message's offset, put in dead letters as their position
     * @param sequence read order, copied to RuleExecution.sequence
     */
    public static ParseResult parse(
            String message, String topic, int partition, long offset, long sequence) {
        // Text is made well-formed here, once: the message as a whole (raw text, nested results)
        // and each value Jackson unescapes, since the escape of U+D800 decodes to a lone surrogate.
        String value = UnicodeText.wellFormed(message);
        RecordValidator.Rejecter rejecter =
                (reason, detail) ->
                        ParseResult.rejected(
                                new DeadLetter(
                                        reason,
                                        UnicodeText.wellFormed(detail),
                                        value == null ? "" : value,
                                        UnicodeText.wellFormed(topic),
                                        partition,
                                        offset));
        if (value == null || value.isBlank()) {
            return rejecter.reject(
                    RejectReason.MALFORMED_ROW, "the message is empty, expected a JSON object");
        }
        String[] values = new String[Columns.COUNT];
        try (JsonParser p = FACTORY.createParser(value)) {
            String problem = readFields(p, values, (from, to) -> value.substring(from, to), false);
            if (problem != null) {
                return rejecter.reject(RejectReason.MALFORMED_ROW, problem);
            }
        } catch (JsonProcessingException e) {
            return rejecter.reject(
                    RejectReason.MALFORMED_ROW,
                    "the message is not valid JSON: " + Text.quote(e.getOriginalMessage()));
        } catch (IOException e) {
            // A String source cannot fail to read; kept as a dead letter rather than a crash.
            return rejecter.reject(RejectReason.MALFORMED_ROW, "unreadable message: " + e);
        }
        return RecordValidator.validate(values, sequence, rejecter);
    }

    /**
     * As {@link #parse(String, String, int, long, long)} on the message's text, from its bytes,
     * which must be well-formed UTF-8 ({@link Utf8#isWellFormed}). Faster: no text is decoded but
     * the values, and the JSON parser reads bytes. The usual message, a valid record, is parsed
     * here; anything else (a message that does not start with {@code {}, is not JSON, or is
     * rejected) is parsed again from its text, so that its dead letter is exactly the one {@link
     * #parse(String, String, int, long, long)} makes.
     */
    public static ParseResult parseUtf8(
            byte[] message, String topic, int partition, long offset, long sequence) {
        // '{' first and no NUL in the first four bytes: the JSON parser then reads UTF-8 rather
        // than guessing UTF-16 or UTF-32 from zero bytes, and there is no BOM to skip, as the text
        // path would not.
        boolean plain =
                message.length >= 2
                        && message[0] == '{'
                        && message[1] != 0
                        && (message.length < 3 || message[2] != 0)
                        && (message.length < 4 || message[3] != 0);
        if (plain) {
            String[] values = new String[Columns.COUNT];
            try (JsonParser p = FACTORY.createParser(message)) {
                if (readFields(
                                p,
                                values,
                                (from, to) ->
                                        new String(
                                                message, from, to - from, StandardCharsets.UTF_8),
                                true)
                        == null) {
                    ParseResult valid =
                            RecordValidator.validate(values, sequence, (reason, detail) -> null);
                    if (valid != null) {
                        return valid;
                    }
                }
            } catch (IOException e) {
                // Not JSON: the text path says why.
            }
        }
        return parse(
                new String(message, StandardCharsets.UTF_8), topic, partition, offset, sequence);
    }

    /** A part of the message: characters of its text, or bytes of its UTF-8. */
    private interface Slice {
        String of(int from, int to);
    }

    /**
     * Reads the top-level object's fields into {@code values} (by {@link Columns} index).
     *
     * @return null, or why the message is malformed
     */
    private static String readFields(JsonParser p, String[] values, Slice slice, boolean bytes)
            throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return "the message is not a JSON object";
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            int column = Columns.indexOf(p.currentName());
            t = p.nextToken();
            if (column < 0) {
                p.skipChildren();
                continue;
            }
            switch (t) {
                case VALUE_NULL -> values[column] = null;
                case START_OBJECT, START_ARRAY -> {
                    if (column != Columns.RESULTS) {
                        return "field "
                                + Columns.name(column)
                                + " is "
                                + (t == JsonToken.START_OBJECT ? "an object" : "an array")
                                + ", expected a string or a number";
                    }
                    int from = offset(p, bytes);
                    p.skipChildren();
                    int to = offset(p, bytes) + 1;
                    values[column] = slice.of(from, to);
                }
                default -> values[column] = UnicodeText.wellFormed(p.getText().trim());
            }
        }
        if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
            return "the message holds more than one JSON object";
        }
        return null;
    }

    private static int offset(JsonParser p, boolean bytes) {
        JsonLocation at = p.currentTokenLocation();
        return (int) (bytes ? at.getByteOffset() : at.getCharOffset());
    }
}
