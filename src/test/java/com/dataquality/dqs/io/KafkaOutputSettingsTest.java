package com.dataquality.dqs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dataquality.dqs.record.SummaryRow;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaOutputSettingsTest {

    @Test
    void defaultsAreTheContractsTopicsAndTheBrokerMaximumTimeout() {
        KafkaOutputSettings s = KafkaOutputSettings.defaults("b:9092");
        assertEquals("dq.summaries", s.summariesTopic());
        assertEquals("dq.dead-letters", s.deadLetterTopic());
        assertEquals("dq.predictions", s.predictionsTopic());
        assertEquals("dq.drift", s.driftTopic());
        assertEquals(Duration.ofMinutes(15), s.transactionTimeout());
    }

    @Test
    void aTimeoutAboveTheBrokerMaximumIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new KafkaOutputSettings(
                                "b", "s", "p", "dr", "d", "x", Duration.ofMinutes(16)));
    }

    @Test
    void summaryMessageKeyIsTheJobsPartitioningKey() {
        SummaryRow row =
                new SummaryRow(
                        "src",
                        "ten",
                        "uuid",
                        "name, with comma",
                        101,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "2024-01-01",
                        null,
                        null,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        "equal",
                        "",
                        0,
                        0,
                        0,
                        0,
                        "2024-01-01");
        assertEquals(
                "src\u001ften\u001fuuid\u001fname, with comma\u001f101",
                KafkaOutputs.summaryKey(row));
    }
}
