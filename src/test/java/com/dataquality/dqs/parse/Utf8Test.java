package com.dataquality.dqs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Utf8#isWellFormed} accepts exactly what the JDK's strict UTF-8 decoder accepts. */
class Utf8Test {

    private static boolean strictlyDecodable(byte[] b) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "41",
                "00",
                "7f",
                "80",
                "bf",
                "c0 80",
                "c1 bf",
                "c2 80",
                "df bf",
                "c3",
                "e0 80 80",
                "e0 9f bf",
                "e0 a0 80",
                "ed 9f bf",
                "ed a0 80",
                "ed bf bf",
                "ee 80 80",
                "ef bf bf",
                "e2 82",
                "f0 80 80 80",
                "f0 8f bf bf",
                "f0 90 80 80",
                "f4 8f bf bf",
                "f4 90 80 80",
                "f5 80 80 80",
                "ff",
                "f0 90 80",
                "41 c3 a9 42",
                "c3 a9 c3",
                "e2 28 a1",
                "f0 28 8c 28"
            })
    void edgeCasesAgreeWithTheJdk(String hex) {
        byte[] b = HexFormat.ofDelimiter(" ").parseHex(hex);
        assertEquals(strictlyDecodable(b), Utf8.isWellFormed(b), hex);
    }

    @Test
    void randomBytesAgreeWithTheJdk() {
        SplittableRandom random = new SplittableRandom(16);
        // Mostly ASCII with lead and continuation bytes mixed in, so that both answers are common.
        int[] pool = {
            0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef,
            0xf0, 0xf4, 0xf5, 0xff
        };
        for (int n = 0; n < 200_000; n++) {
            byte[] b = new byte[random.nextInt(8)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) pool[random.nextInt(pool.length)];
            }
            assertEquals(strictlyDecodable(b), Utf8.isWellFormed(b), HexFormat.of().formatHex(b));
        }
    }
}
