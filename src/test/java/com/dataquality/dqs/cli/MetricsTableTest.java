package com.dataquality.dqs.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.model.Baselines;
import com.dataquality.dqs.model.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTableTest {

    private static Map<String, Metrics> metrics(double modelMae, double modelRmse) {
        Map<String, Metrics> m = new LinkedHashMap<>();
        m.put("model", new Metrics(10, modelMae, modelRmse, 0.5, 12.0, 9, 0.9));
        double mae = 10;
        for (String b : Baselines.NAMES) {
            m.put(b, new Metrics(10, mae, mae * 1.3, null, null, 0, null));
            mae += 1;
        }
        return m;
    }

    @Test
    void saysPlainlyWhenTheModelLosesToTheBestBaseline() {
        String verdict = TrainModelCommand.MetricsTable.verdict(metrics(10.5, 11));
        assertTrue(
                verdict.startsWith("WARNING: the model does NOT beat the best baseline"), verdict);
        assertTrue(verdict.contains("MAE 10.500 vs 10.000 (naive)"), verdict);
    }

    @Test
    void saysSoWhenTheModelWins() {
        String verdict = TrainModelCommand.MetricsTable.verdict(metrics(9, 11));
        assertTrue(verdict.startsWith("the model beats every baseline"), verdict);
    }

    @Test
    void undefinedMetricsPrintAsDashes() {
        String table = TrainModelCommand.MetricsTable.format(metrics(9, 11));
        assertTrue(
                table.contains("holdout: 10 rows (MAPE on 9 rows with a non-zero actual)"), table);
        String naive = table.lines().filter(l -> l.startsWith("naive ")).findFirst().orElseThrow();
        assertTrue(naive.matches("naive +10\\.000 +13\\.000 +- +- +-"), naive);
    }
}
