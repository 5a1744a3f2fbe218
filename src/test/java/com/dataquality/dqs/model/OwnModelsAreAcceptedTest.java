package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.features.DailySeriesTable;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The checks never reject a model LightGBM itself wrote for us: every model of our trainer on data
 * of several shapes, and models of each allowed objective and of larger trees than ours. Also
 * measures what validation costs (it runs when a model arrives, never per record).
 */
class OwnModelsAreAcceptedTest {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void everyModelOfOurTrainerIsAccepted() {
        int[][] shapes = {
            {2, 2, 40, 9}, {3, 2, 60, 3}, {5, 4, 120, 7}, {8, 5, 200, 11}, {40, 2, 90, 5}
        };
        for (int[] s : shapes) {
            DailySeriesTable table = SyntheticData.table(s[0], s[1], s[2], s[3]);
            ForecastModel m = new Trainer(x -> {}).train(table.series(), table.records(), NOW);
            String origin = "trained on " + Arrays.toString(s);
            assertEquals(m.version(), ModelFile.parse(ModelFile.toBytes(m), origin).version());
        }
    }

    @Test
    void modelsOfEveryAllowedObjectiveAndOfBigTreesAreAccepted() throws LGBMException {
        ForecastModel base = TestModels.medium();
        for (String params :
                new String[] {
                    "objective=regression",
                    "objective=regression reg_sqrt=true",
                    "objective=regression_l1",
                    "objective=huber",
                    "objective=fair",
                    "objective=quantile alpha=0.9",
                    "objective=mape",
                    "objective=regression num_leaves=255 min_data_in_leaf=2",
                }) {
            String text = train(params, 30);
            ModelFile.validate(TestModels.withText(base, text), params);
        }
    }

    @Test
    void validationTakesAboutAMillisecond() throws LGBMException {
        ForecastModel ours = TestModels.medium();
        // The most our trainer writes: 100 iterations of 15 leaves.
        ForecastModel largest =
                TestModels.withText(ours, train("objective=regression num_leaves=15", 100));
        for (ForecastModel m : new ForecastModel[] {ours, largest}) {
            String text = m.lightgbmModel();
            byte[] document = ModelFile.toBytes(m);
            double[] check = millis(() -> LightGbmTextCheck.check(text, m.features()));
            double[] parse = millis(() -> ModelFile.parse(document, "timed"));
            System.out.printf(
                    "validation of a %,d-char LightGBM text (%d trees): the text check %.2f ms"
                            + " (first call %.2f ms); all of ModelFile.parse on the %,d-byte file"
                            + " (JSON, checks, native confirmation load) %.2f ms (first call %.2f"
                            + " ms); warm medians%n",
                    text.length(),
                    ModelText.of(text).trees(),
                    check[1],
                    check[0],
                    document.length,
                    parse[1],
                    parse[0]);
            // Generous, for a shared machine: the point is "not a hot-path concern".
            assertTrue(check[1] < 50, "check took " + check[1] + " ms");
        }
    }

    private interface Timed {
        void run() throws Exception;
    }

    /** The first call's time and the median of 41 calls after warm-up, in milliseconds. */
    private static double[] millis(Timed work) {
        double[] ms = new double[41];
        double first;
        try {
            long t0 = System.nanoTime();
            work.run();
            first = (System.nanoTime() - t0) / 1e6;
            for (int i = 0; i < 100; i++) {
                work.run();
            }
            for (int i = 0; i < ms.length; i++) {
                long t = System.nanoTime();
                work.run();
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Arrays.sort(ms);
        return new double[] {first, ms[ms.length / 2]};
    }

    /**
     * A model straight from LightGBM on random rows of our feature layout (categoricals as small
     * codes), with parameters our trainer does not use.
     */
    private static String train(String params, int iterations) throws LGBMException {
        NativeLightGbm.ensureLoaded();
        int rows = 3000;
        List<String> names = TestModels.medium().features();
        int width = names.size();
        int dataset = names.indexOf("dataset_uuid");
        int rule = names.indexOf("rule_code");
        SplittableRandom rnd = new SplittableRandom(17);
        double[] x = new double[rows * width];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < width; f++) {
                boolean categorical = f == dataset || f == rule;
                x[r * width + f] =
                        categorical
                                ? rnd.nextInt(20)
                                : rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextDouble() * 100;
            }
            double level = 60 + 2 * x[r * width + rule];
            double lag = x[r * width + names.indexOf("lag_1_day")];
            y[r] = (float) Math.max(1, Math.min(100, level + (Double.isNaN(lag) ? 0 : lag / 5)));
        }
        String all =
                params
                        + " categorical_feature="
                        + dataset
                        + ","
                        + rule
                        + " num_threads=1 verbosity=-1 seed=3"
                        + " deterministic=true force_row_wise=true";
        try (LGBMDataset data = LGBMDataset.createFromMat(x, rows, width, true, all, null)) {
            data.setFeatureNames(names.toArray(String[]::new));
            data.setField("label", y);
            try (LGBMBooster booster = LGBMBooster.create(data, all)) {
                for (int i = 0; i < iterations; i++) {
                    booster.updateOneIter();
                }
                return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
            }
        }
    }
}
