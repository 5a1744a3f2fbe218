package com.dataquality.dqs.architecture;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/**
 * A savepoint names the classes of the state it holds: moving or renaming one strands every
 * savepoint that holds it (a package move once did). The checked-in list ({@code
 * src/test/resources/golden/state-classes.txt}) names them; each must exist under that name and
 * serialize as a POJO, without Kryo.
 */
class StateClassesTest {

    @Test
    void everyClassKeptInStateKeepsItsNameAndIsAPojo() throws Exception {
        Path list =
                Path.of(StateClassesTest.class.getResource("/golden/state-classes.txt").toURI());
        for (String name : Files.readAllLines(list)) {
            if (name.isBlank() || name.startsWith("#")) {
                continue;
            }
            Class<?> c = assertDoesNotThrow(() -> Class.forName(name), name + " must not move");
            if (!c.isEnum()) {
                PojoTestUtils.assertSerializedAsPojoWithoutKryo(c);
            }
        }
    }
}
