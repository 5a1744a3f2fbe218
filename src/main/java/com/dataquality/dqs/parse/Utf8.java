package com.dataquality.dqs.parse;

/**
 * Whether bytes are well-formed UTF-8 (Unicode's table 3-7: no overlong forms, no encoded
 * surrogates, nothing above U+10FFFF, no cut sequence): exactly what the JDK's strict decoder
 * accepts, without decoding. For the Kafka path, which then hands the bytes to a JSON parser that
 * decodes them itself and is lenient about some of these.
 */
public final class Utf8 {
    private Utf8() {}

    public static boolean isWellFormed(byte[] b) {
        int n = b.length;
        int i = 0;
        while (i < n) {
            int c = b[i];
            if (c >= 0) { // ASCII, the usual case
                i++;
                continue;
            }
            c &= 0xff;
            if (c < 0xC2 || c > 0xF4) {
                return false; // a continuation byte, an overlong lead (C0, C1) or beyond U+10FFFF
            }
            if (c < 0xE0) {
                if (i + 1 >= n || !continuation(b[i + 1])) {
                    return false;
                }
                i += 2;
                continue;
            }
            if (c < 0xF0) {
                if (i + 2 >= n) {
                    return false;
                }
                int c1 = b[i + 1] & 0xff;
                // E0 needs A0..BF (no overlong), ED needs 80..9F (no surrogate).
                int low = c == 0xE0 ? 0xA0 : 0x80;
                int high = c == 0xED ? 0x9F : 0xBF;
                if (c1 < low || c1 > high || !continuation(b[i + 2])) {
                    return false;
                }
                i += 3;
                continue;
            }
            if (i + 3 >= n) {
                return false;
            }
            int c1 = b[i + 1] & 0xff;
            // F0 needs 90..BF (no overlong), F4 needs 80..8F (nothing above U+10FFFF).
            int low = c == 0xF0 ? 0x90 : 0x80;
            int high = c == 0xF4 ? 0x8F : 0xBF;
            if (c1 < low || c1 > high || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                return false;
            }
            i += 4;
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
