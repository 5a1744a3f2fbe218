package com.dataquality.dqs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.RejectReason;
import org.junit.jupiter.api.Test;

class DeadLetterBytesTest {

    @Test
    void everyReasonAndFieldSurvivesTheTrip() {
        String raw = "ctx-1,2024-13-01,\"São Paulo, \"\"quoted\"\"\",東京,R1\r\nsecond line";
        for (RejectReason reason : RejectReason.values()) {
            DeadLetter d =
                    new DeadLetter(reason, "why: " + reason, raw, "/data/ünïcode.csv", -1, 42L);
            assertEquals(d, DeadLetterBytes.decode(DeadLetterBytes.encode(d)));
        }
    }

    @Test
    void emptyTextsKafkaPositionsAndLargeRecordsSurvive() {
        DeadLetter kafka =
                new DeadLetter(RejectReason.MALFORMED_ROW, "", "", "topic", 11, Long.MAX_VALUE);
        assertEquals(kafka, DeadLetterBytes.decode(DeadLetterBytes.encode(kafka)));
        DeadLetter large =
                new DeadLetter(
                        RejectReason.MALFORMED_ROW, "long", "é".repeat(3_000_000), "f.csv", -1, 1);
        assertEquals(large, DeadLetterBytes.decode(DeadLetterBytes.encode(large)));
    }
}
