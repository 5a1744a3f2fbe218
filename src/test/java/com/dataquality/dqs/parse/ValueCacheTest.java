package com.dataquality.dqs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueCacheTest {

    private final ValueCache cache = new ValueCache();

    /** Looks {@code value} up from inside a larger buffer, as the CSV scanner does. */
    private String get(String value, int padding) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[padding + bytes.length + 3];
        buf[0] = ',';
        System.arraycopy(bytes, 0, buf, padding, bytes.length);
        buf[buf.length - 1] = '\n';
        return cache.get(buf, padding, padding + bytes.length);
    }

    @Test
    void theSameBytesGiveTheSameInstanceWhereverTheyAreInTheBuffer() {
        String first = get("3744bf8b-aa93-43f2-933b-48512e7cd6ea", 5);
        String again = get("3744bf8b-aa93-43f2-933b-48512e7cd6ea", 17);
        assertEquals("3744bf8b-aa93-43f2-933b-48512e7cd6ea", first);
        assertSame(first, again);
    }

    @Test
    void multiByteUtf8IsDecoded() {
        assertEquals("Payments Kraków #44", get("Payments Kraków #44", 1));
        assertEquals("東京 sales", get("東京 sales", 2));
        assertSame(get("東京 sales", 9), get("東京 sales", 4));
    }

    @Test
    void valuesThatDifferOnlyInTheMiddleOrByLengthStayApart() {
        String a = get("customer_orders_2023_daily", 1);
        String b = get("customer_orders_2024_daily", 1);
        String c = get("customer_orders_2023_daily_", 1);
        assertEquals("customer_orders_2023_daily", a);
        assertEquals("customer_orders_2024_daily", b);
        assertEquals("customer_orders_2023_daily_", c);
        for (int length = 1; length <= 20; length++) {
            String value = "abcdefghijklmnopqrst".substring(0, length);
            assertEquals(value, get(value, length), "length " + length);
        }
    }

    @Test
    void everyLookupIsRightWhenManyMoreValuesThanSlotsEvictEachOther() {
        Random random = new Random(7);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            values.add("dataset-" + Long.toHexString(random.nextLong()) + "-" + i);
        }
        for (int round = 0; round < 3; round++) {
            for (String v : values) {
                assertEquals(v, get(v, 1 + (v.length() % 7)));
            }
        }
    }

    @Test
    void longValuesAreDecodedEachTimeAndStillRight() {
        String longValue = "x".repeat(200) + "ü";
        String first = get(longValue, 3);
        String second = get(longValue, 3);
        assertEquals(longValue, first);
        assertEquals(longValue, second);
        assertNotSame(first, second);
    }
}
