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
        int width = extractor.width();
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

    /**
     * The streaming job forecasts a late day from a state that already holds up to two weeks of
     * later days, some of them folded into the whole-history aggregates already: the vector is
     * still the training row's, bit for bit.
     */
    @Test
    void aLateForecastFromAStateHoldingLaterDaysIsTheTrainingRow() {
        DailySeriesTable table = SyntheticData.table(2, 3, 200, 9);
        List<DailySeries> series = table.series();
        FeatureExtractor extractor =
                new FeatureExtractor(
                        Vocabularies.of(
                                series.stream().map(DailySeries::datasetUuid).toList(),
                                series.stream().map(DailySeries::ruleCode).toList()));
        TrainingSet set = TrainingSet.build(series, extractor);
        int width = extractor.width();
        int row = 0;
        int compared = 0;
        for (DailySeries s : series) {
            SeriesState streaming = SeriesState.of(s.datasetUuid(), s.ruleCode());
            for (int i = 0; i < s.size(); i++, row++) {
                streaming.add(s.days()[i], s.executions()[i], s.passes()[i]);
                // After adding day i, forecast the days up to 14 back as late forecasts do.
                for (int back = 0; back <= 14 && i - back >= 0; back++) {
                    int target = s.days()[i - back];
                    if (target < streaming.newestDay() - 14) {
                        continue;
                    }
                    double[] late = extractor.extract(streaming, target);
                    int trainingRow = row - back;
                    for (int f = 0; f < width; f++) {
                        assertEquals(
                                Double.doubleToRawLongBits(set.features()[trainingRow * width + f]),
                                Double.doubleToRawLongBits(late[f]),
                                s + " day " + target + " " + extractor.features().get(f));
                    }
                    compared++;
                }
            }
        }
        assertTrue(compared > 3000, compared + " late vectors");
        assertTrue(
                table.series().get(0).size() > SeriesState.WINDOW_DAYS + 50,
                "long enough for days to be folded");
    }
}
