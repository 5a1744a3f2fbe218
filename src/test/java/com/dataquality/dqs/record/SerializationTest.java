package com.dataquality.dqs.record;

import com.dataquality.dqs.summary.SummaryAccumulator;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/**
 * Every type that crosses the network or sits in state must use Flink's POJO serializer: a silent
 * fall-back to Kryo is slower and does not evolve with savepoints.
 */
class SerializationTest {

    @Test
    void ruleExecutionIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RuleExecution.class);
    }

    @Test
    void dailyCountsIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DailyCounts.class);
    }

    @Test
    void seriesDayAndKeptDaysArePojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SeriesDay.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(com.dataquality.dqs.drift.KeptDays.class);
    }

    @Test
    void deadLetterIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DeadLetter.class);
    }

    @Test
    void parseResultIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ParseResult.class);
    }

    @Test
    void summaryAccumulatorIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SummaryAccumulator.class);
    }

    @Test
    void summaryRowIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SummaryRow.class);
    }
}
