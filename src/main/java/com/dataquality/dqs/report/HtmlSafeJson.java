package com.dataquality.dqs.report;

import com.dataquality.dqs.UnicodeText;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON that can sit inside an HTML {@code <script>} element whatever its strings hold: {@code <},
 * {@code >}, {@code &} and {@code '} are written as {@code \\u} escapes (so no {@code </script>} or
 * {@code <!--} can appear), as are U+2028 and U+2029; unpaired surrogates become U+FFFD, so the
 * page is valid UTF-8. Numbers that are not finite become null (JSON has no NaN).
 */
final class HtmlSafeJson implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory();

    static {
        FACTORY.setCharacterEscapes(new Escapes());
        FACTORY.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    private final JsonGenerator g;

    HtmlSafeJson(Writer out) throws IOException {
        this.g = FACTORY.createGenerator(out);
    }

    HtmlSafeJson startObject() throws IOException {
        g.writeStartObject();
        return this;
    }

    HtmlSafeJson endObject() throws IOException {
        g.writeEndObject();
        return this;
    }

    HtmlSafeJson startArray() throws IOException {
        g.writeStartArray();
        return this;
    }

    HtmlSafeJson endArray() throws IOException {
        g.writeEndArray();
        return this;
    }

    HtmlSafeJson name(String name) throws IOException {
        g.writeFieldName(UnicodeText.wellFormed(name));
        return this;
    }

    HtmlSafeJson string(String value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(UnicodeText.wellFormed(value));
        }
        return this;
    }

    HtmlSafeJson number(double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumber(value);
        } else {
            g.writeNull();
        }
        return this;
    }

    /** A number rounded to {@code decimals} places (the page shows no more), or null. */
    HtmlSafeJson rounded(double value, int decimals) throws IOException {
        if (!Double.isFinite(value)) {
            g.writeNull();
            return this;
        }
        double scale = Math.pow(10, decimals);
        double r = Math.round(value * scale) / scale;
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            g.writeNumber((long) r);
        } else {
            g.writeNumber(r);
        }
        return this;
    }

    HtmlSafeJson number(long value) throws IOException {
        g.writeNumber(value);
        return this;
    }

    HtmlSafeJson number(Double value) throws IOException {
        return value == null ? nul() : number(value.doubleValue());
    }

    HtmlSafeJson bool(boolean value) throws IOException {
        g.writeBoolean(value);
        return this;
    }

    HtmlSafeJson nul() throws IOException {
        g.writeNull();
        return this;
    }

    HtmlSafeJson field(String name, String value) throws IOException {
        return name(name).string(value);
    }

    HtmlSafeJson field(String name, long value) throws IOException {
        return name(name).number(value);
    }

    HtmlSafeJson field(String name, double value) throws IOException {
        return name(name).number(value);
    }

    HtmlSafeJson field(String name, Double value) throws IOException {
        return name(name).number(value);
    }

    /** A tree read from one of our files, its strings made safe like any other. */
    HtmlSafeJson node(JsonNode n) throws IOException {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return nul();
        }
        if (n.isObject()) {
            startObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                name(e.getKey()).node(e.getValue());
            }
            return endObject();
        }
        if (n.isArray()) {
            startArray();
            for (JsonNode c : n) {
                node(c);
            }
            return endArray();
        }
        if (n.isBoolean()) {
            return bool(n.booleanValue());
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return number(n.longValue());
        }
        if (n.isNumber()) {
            return number(n.doubleValue());
        }
        return string(n.asText());
    }

    @Override
    public void close() throws IOException {
        g.close();
    }

    /** Jackson's escapes plus the characters that mean something to an HTML parser. */
    static final class Escapes extends CharacterEscapes {
        private final int[] ascii;

        Escapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            ascii['<'] = CharacterEscapes.ESCAPE_STANDARD;
            ascii['>'] = CharacterEscapes.ESCAPE_STANDARD;
            ascii['&'] = CharacterEscapes.ESCAPE_STANDARD;
            ascii['\''] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028) {
                return new SerializedString("\\u2028");
            }
            if (ch == 0x2029) {
                return new SerializedString("\\u2029");
            }
            return null;
        }
    }
}
