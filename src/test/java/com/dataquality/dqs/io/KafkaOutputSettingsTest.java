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
        assertEquals("dq.summaries", s.topics().summaries());
        assertEquals("dq.dead-letters", s.topics().deadLetters());
        assertEquals("dq.predictions", s.topics().predictions());
        assertEquals("dq.drift", s.topics().drift());
        assertEquals("dq.retrain-triggers", s.topics().retrainTriggers());
        assertEquals("dq.models", s.topics().models());
        assertEquals(Duration.ofMinutes(15), s.transactionTimeout());
    }

    @Test
    void aTimeoutAboveTheBrokerMaximumIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new KafkaOutputSettings(
                                "b", TopicNames.DEFAULTS, "x", Duration.ofMinutes(16)));
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
