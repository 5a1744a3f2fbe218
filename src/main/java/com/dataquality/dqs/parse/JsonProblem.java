package com.dataquality.dqs.parse;

/**
 * Why {@link ResultsScanner} refused a {@code results} text, as a code plus the offset (and
 * character) where it happened. The sentence for the dead letter is built from them only when a
 * record is rejected: string building at every failure point made the JIT-compiled scanner several
 * times larger and slower to compile, though it runs for one record in a hundred.
 */
enum JsonProblem {
    EMPTY("is empty, expected a JSON object"),
    NOT_AN_OBJECT("is not a JSON object"),
    TEXT_AFTER_OBJECT("has text after the JSON object at offset %d"),
    EXPECTED_KEY("is not valid JSON: expected a key at offset %d"),
    EXPECTED_COLON("is not valid JSON: expected ':' at offset %d"),
    EXPECTED_COMMA_OR_CLOSE("is not valid JSON: expected ',' or '%c' at offset %d"),
    ENDS_EARLY("is not valid JSON: it ends early"),
    UNEXPECTED_CHARACTER("is not valid JSON: unexpected %s at offset %d"),
    TOO_DEEP("is nested deeper than " + ResultsScanner.MAX_DEPTH + " levels"),
    BAD_UNICODE_ESCAPE("is not valid JSON: bad \\u escape at offset %d"),
    BAD_ESCAPE("is not valid JSON: bad escape at offset %d"),
    CONTROL_CHARACTER("is not valid JSON: control character in a string at offset %d"),
    UNTERMINATED_STRING("is not valid JSON: unterminated string"),
    BAD_NUMBER("is not valid JSON: bad number at offset %d"),
    UNEXPECTED_TEXT("is not valid JSON: unexpected text at offset %d");

    private final String template;

    JsonProblem(String template) {
        this.template = template;
    }

    /**
     * The end of a sentence starting with the value.
     *
     * @param offset where in the text it happened
     * @param character the character concerned, for the two problems that name one
     */
    String describe(int offset, char character) {
        return switch (this) {
            case EXPECTED_COMMA_OR_CLOSE -> Text.sentence(template, character, offset);
            case UNEXPECTED_CHARACTER -> Text.sentence(template, describe(character), offset);
            default -> template.contains("%d") ? Text.sentence(template, offset) : template;
        };
    }

    private static String describe(char c) {
        return c < ' ' ? Text.sentence("character U+%04X", (int) c) : "'" + c + "'";
    }
}
