package com.dataquality.dqs.drift;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.RetrainTrigger;
import org.junit.jupiter.api.Test;

/** Everything the drift stage keeps in state or sends between operators is a POJO, never Kryo. */
class DriftSerializationTest {

    @Test
    void driftTypesAreSerializedAsPojosWithoutKryo() {
        assertSerializedAsPojoWithoutKryo(DriftInput.class);
        assertSerializedAsPojoWithoutKryo(DriftEvent.class);
        assertSerializedAsPojoWithoutKryo(RetrainTrigger.class);
        assertSerializedAsPojoWithoutKryo(PageHinkley.class);
        assertSerializedAsPojoWithoutKryo(TriggerPolicy.class);
    }
}
