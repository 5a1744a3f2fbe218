package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.scoring.Scorer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Thousands of damaged copies of a real model file, each either rejected by {@link ModelFile#parse}
 * with an {@link InputException} or, when accepted, loaded by a {@link Scorer} that predicts a
 * finite value for every probe vector.
 *
 * <p>The proof is that this test finishes at all: an accepted mutant that LightGBM's native loader
 * cannot handle crashes the test JVM (segmentation fault, abort, memory exhausted), which fails the
 * surefire fork and the build. Half the mutants get their {@code tree_sizes} rewritten to match the
 * damaged blocks, as an informed attacker would, so that they reach the rules behind the size
 * check. The seed is fixed: a failure names the mutant, and rerunning reproduces it. Prints how
 * many mutants were accepted and rejected, and the commonest reasons.
 */
class ModelFileFuzzTest {

    private static final long SEED = 20_260_101L;
    private static final int MUTANTS = 3_000;

    /**
     * Time limit: 3,000 mutants take about 8 s on a quiet 2-core machine; on a loaded one the test
     * stops early (the same first mutants, so a failure still reproduces by its number).
     */
    private static final long BUDGET_NANOS = 15_000_000_000L;

    /**
     * Probe vectors (the first 13 values repeated to the model's width): ordinary, missing, zero
     * and extreme values, unseen categories.
     */
    private static final double[][] PROBE_PATTERNS = {
        {3, 15, 20, 5, 80, 75, 90, 82, 85, 0, 1, 84, 10},
        {Double.NaN},
        {0},
        {7, 31, 53, 12, 1e300, -1e300, 100, 1e-300, -5, 1e6, -1, Double.MAX_VALUE, 1e9},
        {1, 1, 1, 1, Double.NaN, 0, Double.NaN, 50, Double.NaN, Integer.MAX_VALUE, 3, 0, 1},
    };

    private static final double[][] PROBES = probes(TestModels.medium().features().size());

    private static double[][] probes(int width) {
        double[][] out = new double[PROBE_PATTERNS.length][width];
        for (int p = 0; p < PROBE_PATTERNS.length; p++) {
            for (int i = 0; i < width; i++) {
                out[p][i] = PROBE_PATTERNS[p][i % PROBE_PATTERNS[p].length];
            }
        }
        return out;
    }

    @Test
    void everyMutantIsRejectedOrPredictsFiniteValues() {
        ForecastModel base = TestModels.medium();
        byte[] document = ModelFile.toBytes(base);
        SplittableRandom rnd = new SplittableRandom(SEED);
        TextMutator mutator = new TextMutator(rnd);
        Map<String, Integer> reasons = new HashMap<>();
        int accepted = 0;
        long start = System.nanoTime();
        int tried = 0;
        for (int i = 0; i < MUTANTS && System.nanoTime() - start < BUDGET_NANOS; i++) {
            tried++;
            byte[] bytes;
            if (i % 10 == 9) {
                bytes = mutator.mutateBytes(document);
            } else {
                String text = base.lightgbmModel();
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    text = mutator.mutate(text);
                }
                if (rnd.nextBoolean()) {
                    text = ModelText.withMatchingSizes(text);
                }
                bytes = ModelFile.toBytes(TestModels.withText(base, text));
            }
            ForecastModel model;
            try {
                model = ModelFile.parse(bytes, "mutant");
            } catch (InputException e) {
                reasons.merge(reason(e.getMessage()), 1, Integer::sum);
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("mutant " + i + " escaped as " + e, e);
            }
            accepted++;
            assertPredictsFiniteValues(model, i);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "fuzz: %d mutants in %d ms: %d accepted (each predicted finite values), %d"
                        + " rejected%n",
                tried, ms, accepted, tried - accepted);
        reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(15)
                .forEach(r -> System.out.printf("  %5d  %s%n", r.getValue(), r.getKey()));
        assertTrue(tried >= 300, "only " + tried + " mutants in the time limit");
        assertTrue(accepted > 0, "some mutants are harmless and must be accepted");
        assertTrue(tried - accepted > tried / 2, "most mutants are damage and rejected");
    }

    private static void assertPredictsFiniteValues(ForecastModel model, int mutant) {
        try (Scorer scorer = new Scorer(model)) {
            for (double[] probe : PROBES) {
                double p = scorer.predict(probe);
                assertTrue(Double.isFinite(p), "mutant " + mutant + " predicted " + p);
            }
            int width = PROBES[0].length;
            double[] rows = new double[PROBES.length * width];
            for (int r = 0; r < PROBES.length; r++) {
                System.arraycopy(PROBES[r], 0, rows, r * width, width);
            }
            double[] out = new double[PROBES.length];
            scorer.predict(rows, PROBES.length, out);
            for (double p : out) {
                assertTrue(Double.isFinite(p), "mutant " + mutant + " batch-predicted " + p);
            }
        }
    }

    /** The rule a rejection names, without its numbers, for the statistics. */
    private static String reason(String message) {
        String r = message.substring("model file mutant: ".length());
        r = r.replaceAll("'[^']*'", "'…'").replaceAll("[0-9]+", "#").replaceAll("=[^ ,]*", "=…");
        return r.length() <= 70 ? r : r.substring(0, 70);
    }
}
