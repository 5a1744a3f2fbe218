package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.scoring.Scorer;
import io.github.metarank.lightgbm4j.LGBMException;
import org.junit.jupiter.api.Test;

/**
 * The native loader's one door checks the text itself, so a model object that never went through
 * {@link ModelFile#parse} (built in code, restored some other way) cannot crash the JVM either.
 */
class NativeLightGbmTest {

    @Test
    void aCraftedTextNeverReachesTheNativeLoader() {
        String crafted =
                TestModels.small()
                        .lightgbmModel()
                        .replace("num_class=1\n", "num_class=2000000000\n");
        java.util.List<String> features = TestModels.small().features();
        LGBMException e =
                assertThrows(
                        LGBMException.class,
                        () -> NativeLightGbm.boosterFromText(crafted, features));
        assertTrue(e.getMessage().contains("num_class=2000000000, expected 1"), e.getMessage());
        assertThrows(LGBMException.class, () -> NativeLightGbm.boosterFromText(null, features));
        LGBMException unknown =
                assertThrows(
                        LGBMException.class,
                        () ->
                                NativeLightGbm.boosterFromText(
                                        TestModels.small().lightgbmModel(),
                                        java.util.List.of("lag_1_day", "tomorrow")));
        assertTrue(unknown.getMessage().contains("'tomorrow'"), unknown.getMessage());

        ForecastModel handMade = TestModels.withText(TestModels.small(), crafted);
        InputException s = assertThrows(InputException.class, () -> new Scorer(handMade));
        assertTrue(s.getMessage().contains("LightGBM text: num_class="), s.getMessage());
    }
}
