package com.dataquality.dqs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class KafkaRecordParsingTest {
    private static final String GOOD =
            "{\"source\":\"s\",\"tenant_id\":\"t\",\"dataset_uuid\":\"d\",\"dataset_name\":\"n\","
                    + "\"rule_code\":101,\"business_date\":\"2024-03-01\","
                    + "\"results\":{\"status\":\"Pass\"}}";

    private static ConsumerRecord<byte[], byte[]> message(
            byte[] value, int partition, long offset, long ts) {
        return new ConsumerRecord<>(
                "in",
                partition,
                offset,
                ts,
                ts < 0 ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME,
                0,
                value == null ? 0 : value.length,
                null,
                value,
                new RecordHeaders(),
                Optional.empty());
    }

    @Test
    void validMessageBecomesAnExecution() {
        ParseResult r =
                KafkaRecordParsing.parse(
                        message(GOOD.getBytes(StandardCharsets.UTF_8), 0, 5, 1000));
        assertTrue(r.isValid());
        assertEquals(101, r.execution().ruleCode());
    }

    @Test
    void laterPublicationHasLargerSequenceAcrossPartitions() {
        byte[] v = GOOD.getBytes(StandardCharsets.UTF_8);
        long earlier =
                KafkaRecordParsing.parse(message(v, 1, 900_000, 1_700_000_000_000L))
                        .execution()
                        .sequence();
        long later =
                KafkaRecordParsing.parse(message(v, 0, 3, 1_700_000_000_001L))
                        .execution()
                        .sequence();
        assertTrue(later > earlier);
        // Same millisecond, same partition: the offset decides.
        long first =
                KafkaRecordParsing.parse(message(v, 0, 7, 1_700_000_000_001L))
                        .execution()
                        .sequence();
        long second =
                KafkaRecordParsing.parse(message(v, 0, 8, 1_700_000_000_001L))
                        .execution()
                        .sequence();
        assertTrue(second > first);
        // No timestamp: the offset alone.
        assertEquals(42, KafkaRecordParsing.parse(message(v, 0, 42, -1)).execution().sequence());
    }

    @Test
    void invalidUtf8IsMalformedWithItsOrigin() {
        ParseResult r =
                KafkaRecordParsing.parse(message(new byte[] {'{', (byte) 0xFF, '}'}, 2, 9, 5));
        assertFalse(r.isValid());
        assertEquals(RejectReason.MALFORMED_ROW, r.deadLetter().reason());
        assertEquals("in", r.deadLetter().origin());
        assertEquals(2, r.deadLetter().partition());
        assertEquals(9, r.deadLetter().position());
        assertTrue(r.deadLetter().detail().contains("UTF-8"));
    }

    @Test
    void tombstoneIsMalformed() {
        ParseResult r = KafkaRecordParsing.parse(message(null, 0, 1, 5));
        assertEquals(RejectReason.MALFORMED_ROW, r.deadLetter().reason());
        assertEquals("", r.deadLetter().raw());
    }
}
