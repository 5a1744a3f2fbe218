package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.scoring.Scorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model trained before the whole-history features (13 features, no forecast distribution),
 * written by the code of that time and checked in (src/test/resources/legacy, see its README),
 * still loads, validates and scores exactly as it did: same feature vectors, same predictions, bit
 * for bit, and a distribution whose median is the mean and which has no interval.
 */
class LegacyModelTest {

    private static Path resource(String name) throws Exception {
        return Path.of(LegacyModelTest.class.getResource("/legacy/" + name).toURI());
    }

    @Test
    void aThirteenFeatureModelScoresBitForBitAsWhenItWasWritten() throws Exception {
        ForecastModel model = ModelFile.read(resource("thirteen-features.model.json"));
        assertEquals(FeatureExtractor.LEGACY_FEATURES, model.features());
        DailySeriesTable table = SyntheticData.table(4, 3, 120, 5);
        List<String> lines = Files.readAllLines(resource("thirteen-features-forecasts.csv"));
        int compared = 0;
        try (Scorer scorer = new Scorer(model)) {
            assertEquals(13, scorer.extractor().width());
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                DailySeries s = table.find(f[0], Integer.parseInt(f[1]));
                int day = Integer.parseInt(f[2]);
                double[] features = scorer.extractor().extract(s.stateBefore(day), day);
                String[] bits = f[3].split(" ");
                assertEquals(bits.length, features.length);
                for (int i = 0; i < bits.length; i++) {
                    assertEquals(
                            bits[i],
                            Long.toHexString(Double.doubleToRawLongBits(features[i])),
                            line + ": feature " + model.features().get(i));
                }
                assertEquals(
                        f[4],
                        Long.toHexString(Double.doubleToRawLongBits(scorer.predict(features))),
                        line);
                var distribution = scorer.distribution(s.stateBefore(day), day, features);
                assertEquals(scorer.predict(features), distribution.median());
                assertTrue(Double.isNaN(distribution.interval(0.9)[0]), "no interval");
                compared++;
            }
        }
        assertTrue(compared > 100, compared + " forecasts compared");
    }
}
