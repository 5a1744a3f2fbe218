package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.features.SeriesState;
import com.dataquality.dqs.features.Vocabularies;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training rows, {@code predict}/{@code batch-predict} rows and rows from a history built day by
 * day (the streaming operator's way) must be the same bits.
 */
class FeatureParityTest {

    @Test
    void trainingPredictAndStreamingRowsAreIdenticalBitForBit() {
        DailySeriesTable table = SyntheticData.table(3, 3, 90, 5);
        List<DailySeries> series = table.series();
        FeatureExtractor extractor =
                new FeatureExtractor(
                        Vocabularies.of(
                                series.stream().map(DailySeries::datasetUuid).toList(),
                                series.stream().map(DailySeries::ruleCode).toList()));
        TrainingSet set = TrainingSet.build(series, extractor);
        int width = FeatureExtractor.NUM_FEATURES;
        int row = 0;
        int compared = 0;
        for (DailySeries s : series) {
            SeriesState streaming = SeriesState.of(s.datasetUuid(), s.ruleCode());
            DailySeries fromTable = table.find(s.datasetUuid(), s.ruleCode());
            for (int i = 0; i < s.size(); i++, row++) {
                int day = s.days()[i];
                double[] predictRow = extractor.extract(fromTable.stateBefore(day), day);
                double[] streamingRow = extractor.extract(streaming, day);
                for (int f = 0; f < width; f++) {
                    long training = Double.doubleToRawLongBits(set.features()[row * width + f]);
                    assertEquals(training, Double.doubleToRawLongBits(predictRow[f]));
                    assertEquals(training, Double.doubleToRawLongBits(streamingRow[f]));
                }
                compared++;
                streaming.add(day, s.executions()[i], s.passes()[i]);
            }
        }
        assertEquals(set.rows(), compared);
        assertTrue(compared > 500);
    }
}
