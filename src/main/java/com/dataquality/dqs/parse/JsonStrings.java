package com.dataquality.dqs.parse;

/** JSON string contents, for the few values {@link ResultsScanner} decodes. */
final class JsonStrings {
    private JsonStrings() {}

    /**
     * The text of {@code s} from {@code from} to {@code to} with its escapes undone; the escapes
     * are already known to be valid (checked by the scanner).
     */
    static String unescape(String s, int from, int to) {
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
