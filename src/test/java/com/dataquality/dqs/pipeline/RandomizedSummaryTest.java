package com.dataquality.dqs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.TestCsv;
import com.dataquality.dqs.format.Csv;
import com.dataquality.dqs.io.DeadLetterFile;
import com.dataquality.dqs.launch.BoundedSummary;
import com.dataquality.dqs.parse.CsvRecordReader;
import com.dataquality.dqs.parse.InputFiles;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.SummaryRow;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole topology on a mini cluster at parallelism 2 against a naive recomputation from the raw
 * rows: random data over two years, shuffled, split over several files, with bad rows.
 */
class RandomizedSummaryTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path tmp;

    private static final Map<Integer, RuleMetadata> RULES =
            Map.of(
                    1,
                    new RuleMetadata("one", "t", "d", "x", "C1"),
                    2,
                    new RuleMetadata("two", "t", "d", "y", "C2"));

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L})
    void jobAgreesWithNaiveRecomputation(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < 4_000; i++) {
            if (random.nextInt(50) == 0) {
                lines.add(badLine(random));
                bad++;
            } else {
                lines.add(goodLine(random));
            }
        }
        Collections.shuffle(lines, random);
        int fileCount = 2 + random.nextInt(3);
        List<Path> files = new ArrayList<>();
        for (int f = 0; f < fileCount; f++) {
            Path file = tmp.resolve("part-" + f + ".csv");
            List<String> content = new ArrayList<>();
            content.add(
                    "results,rule_code,source,tenant_id,dataset_uuid,dataset_name,business_date,dataset_record_count,filtered_record_count,level_of_execution");
            for (int i = f; i < lines.size(); i += fileCount) {
                content.add(lines.get(i));
            }
            Files.write(file, content);
            files.add(file);
        }

        // The naive side parses the same files in order, one record at a time.
        List<RuleExecution> valid = new ArrayList<>();
        int deadExpected = 0;
        for (int f = 0; f < files.size(); f++) {
            try (InputStream in = Files.newInputStream(files.get(f));
                    CsvRecordReader reader =
                            new CsvRecordReader(
                                    in, files.get(f).toString(), InputFiles.sequenceBase(f))) {
                for (ParseResult r = reader.next(); r != null; r = reader.next()) {
                    if (r.isValid()) {
                        valid.add(r.execution());
                    } else {
                        deadExpected++;
                    }
                }
            }
        }
        assertEquals(bad, deadExpected, "every injected bad row is rejected by the parser");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Path deadFile;
        BoundedSummary.Result result;
        try (DeadLetterFile deadLetters = new DeadLetterFile(Files.createTempDirectory(tmp, "d"))) {
            deadFile = deadLetters.staging();
            result = BoundedSummary.run(env, files, RULES, deadFile, n -> {});
            deadLetters.commit();
        }
        List<List<String>> dead =
                TestCsv.parse(Files.readString(deadFile.resolveSibling(DeadLetterFile.NAME)));
        dead = dead.subList(1, dead.size()); // the header

        List<SummaryRow> expected = NaiveSummary.of(valid, RULES);
        assertEquals(expected.size(), result.rows().size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), result.rows().get(i), "row " + i);
        }
        assertEquals(lines.size(), result.counts().read());
        assertEquals(valid.size(), result.counts().valid());
        assertEquals(bad, dead.size(), "each dead letter on one line of the file");
        assertTrue(result.counts().balanced());
        assertEquals(bad, result.counts().deadLettered());
    }

    private static String goodLine(Random random) {
        String dataset = "ds-" + random.nextInt(6);
        int rule = 1 + random.nextInt(3); // rule 3 has no metadata
        String[] spellings = {"" + rule, "R" + rule, "r" + rule, "00" + rule, " " + rule + " "};
        LocalDate date = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(730));
        String[] outcomes = {"Pass", "FAIL", "warn", "Warning", "pass"};
        String key = random.nextBoolean() ? "status" : "result";
        String results = "{\"" + key + "\": \"" + outcomes[random.nextInt(outcomes.length)] + "\"}";
        String count = random.nextInt(5) == 0 ? "" : Integer.toString(random.nextInt(1000));
        return Csv.line(
                results,
                spellings[random.nextInt(spellings.length)],
                "src-" + random.nextInt(2),
                "tenant",
                dataset,
                "Name, of \"" + dataset + "\"",
                date.toString(),
                count,
                Integer.toString(random.nextInt(100)),
                random.nextBoolean() ? "DATASET" : "ATTRIBUTE");
    }

    private static String badLine(Random random) {
        RejectReason reason = RejectReason.values()[random.nextInt(RejectReason.values().length)];
        String ok = "{\"status\": \"Pass\"}";
        return switch (reason) {
            case MALFORMED_ROW -> "only,three,fields";
            case MISSING_FIELD ->
                    Csv.line(ok, "1", "", "tenant", "ds-1", "n", "2024-01-01", "", "", "");
            case INVALID_RULE_CODE ->
                    Csv.line(ok, "X1", "s", "tenant", "ds-1", "n", "2024-01-01", "", "", "");
            case INVALID_DATE ->
                    Csv.line(ok, "1", "s", "tenant", "ds-1", "n", "2024-13-01", "", "", "");
            case INVALID_RESULTS ->
                    Csv.line("{oops", "1", "s", "tenant", "ds-1", "n", "2024-01-01", "", "", "");
            case UNKNOWN_STATUS ->
                    Csv.line(
                            "{\"status\": \"Maybe\"}",
                            "1",
                            "s",
                            "tenant",
                            "ds-1",
                            "n",
                            "2024-01-01",
                            "",
                            "",
                            "");
            case INVALID_COUNT ->
                    Csv.line(ok, "1", "s", "tenant", "ds-1", "n", "2024-01-01", "-1", "", "");
        };
    }
}
