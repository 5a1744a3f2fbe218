package com.dataquality.dqs.parse;

import com.dataquality.dqs.UnicodeText;

/** JSON string contents, for the few values {@link ResultsScanner} decodes. */
final class JsonStrings {
    private JsonStrings() {}

    /**
     * The text of {@code s} from {@code from} to {@code to} with its escapes undone, and every
     * unpaired surrogate (escaped, as U+D800 alone, or raw) made U+FFFD, so the value can be
     * written anywhere; the escapes are already known to be valid (checked by the scanner).
     */
    static String unescape(String s, int from, int to) {
        return UnicodeText.wellFormed(unescapeExactly(s, from, to));
    }

    /** As {@link #unescape}, surrogates kept as the escapes say, paired or not. */
    static String unescapeExactly(String s, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s, i + 1, i + 5, 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
