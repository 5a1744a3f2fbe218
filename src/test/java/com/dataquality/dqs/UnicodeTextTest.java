package com.dataquality.dqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnicodeTextTest {

    @Test
    void wellFormedTextIsReturnedAsItIs() {
        for (String s : new String[] {"", "plain", "Café, 日本", "rocket 🚀 pair", "\uFFFD"}) {
            assertSame(s, UnicodeText.wellFormed(s), s);
            assertTrue(UnicodeText.isWellFormed(s), s);
        }
        assertNull(UnicodeText.wellFormed(null));
    }

    @Test
    void everyUnpairedSurrogateBecomesTheReplacementCharacter() {
        assertEquals("\uFFFD", UnicodeText.wellFormed("\ud800"));
        assertEquals("a\uFFFDb", UnicodeText.wellFormed("a\udc00b"));
        // A low half before a high half is two unpaired halves, not a pair.
        assertEquals("\uFFFD\uFFFD", UnicodeText.wellFormed("\udc00\ud800"));
        // A pair survives next to a lone half.
        assertEquals("🚀\uFFFD🚀", UnicodeText.wellFormed("🚀\ud83d🚀"));
        assertEquals("end\uFFFD", UnicodeText.wellFormed("end\ud83d"));
        assertFalse(UnicodeText.isWellFormed("x\ud800"));
        assertEquals(1, UnicodeText.firstUnpaired("x\ud800"));
    }

    @Test
    void theResultEncodesAsUtf8() throws Exception {
        String s = UnicodeText.wellFormed("a\ud800b\udfffc");
        java.nio.charset.StandardCharsets.UTF_8
                .newEncoder()
                .encode(java.nio.CharBuffer.wrap(s)); // throws on an unpaired surrogate
    }
}
