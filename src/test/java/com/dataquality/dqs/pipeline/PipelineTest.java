package com.dataquality.dqs.pipeline;

import static com.dataquality.dqs.TestRecords.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.TestModels;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ModelRole;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.Status;
import com.dataquality.dqs.record.SummaryRow;
import com.dataquality.dqs.scoring.ServedModel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a handful of records, in seconds: the example to copy. {@link Pipeline#build}
 * takes its connectors as parameters, so a test hands it a bounded in-memory source and collects
 * every output it wants; the settings say the input ends (every day closes at the end) and which
 * model serves from the start.
 */
class PipelineTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Map<Integer, RuleMetadata> RULES =
            Map.of(101, new RuleMetadata("not null", "NOT_NULL", "Completeness", "", "C1"));

    /** Three days of two series, and a record the parser rejected. */
    private static List<ParseResult> records() {
        List<ParseResult> r = new ArrayList<>();
        for (String date : List.of("2024-03-01", "2024-03-02", "2024-03-03")) {
            r.add(ParseResult.valid(exec("ds-a", 101, date, Status.PASS)));
            r.add(ParseResult.valid(exec("ds-a", 101, date, Status.FAIL)));
            r.add(ParseResult.valid(exec("ds-b", 101, date, Status.PASS)));
        }
        r.add(
                ParseResult.rejected(
                        new DeadLetter(
                                RejectReason.INVALID_DATE, "no such date", "raw", "test", -1, 7)));
        return r;
    }

    /** A bounded source over a list: what a test plugs in where a run plugs in files or Kafka. */
    private static DataGeneratorSource<ParseResult> source(List<ParseResult> records) {
        TypeInformation<ParseResult> type = TypeInformation.of(ParseResult.class);
        return new DataGeneratorSource<>(
                new FromElementsGeneratorFunction<>(type, records.toArray(ParseResult[]::new)),
                records.size(),
                type);
    }

    private static <T> List<T> all(DataStream.Collector<T> collector) throws Exception {
        List<T> out = new ArrayList<>();
        try (var it = collector.getOutput()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void summariesForecastsAndDeadLettersOfAFewRecords() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ForecastModel model = TestModels.small();
        PipelineSettings settings =
                PipelineSettings.of(
                        RULES,
                        EventTime.endOfInput(),
                        new ServingSettings(
                                new ServedModel(
                                        model.version(),
                                        "test",
                                        ModelRole.CHAMPION,
                                        0,
                                        ModelFile.toBytes(model)),
                                "test-run"));
        Outputs out = Pipeline.build(env, new Inputs(source(records()), "records"), settings);

        DataStream.Collector<SummaryRow> finals = new DataStream.Collector<>();
        DataStream.Collector<DeadLetter> dead = new DataStream.Collector<>();
        DataStream.Collector<PredictionRow> predictions = new DataStream.Collector<>();
        out.summaries().finalRows().collectAsync(finals);
        out.summaries().deadLetters().collectAsync(dead);
        out.predictions().collectAsync(predictions);
        env.executeAsync("pipeline test");

        List<SummaryRow> rows = all(finals);
        assertEquals(List.of("ds-a", "ds-b"), rows.stream().map(SummaryRow::datasetUuid).toList());
        assertEquals(3, rows.get(0).passCountTotal());
        assertEquals(3, rows.get(0).failCountTotal());
        assertEquals("not null", rows.get(0).ruleName());
        assertEquals("2024-03-03", rows.get(0).referenceDate());

        List<DeadLetter> letters = all(dead);
        assertEquals(1, letters.size());
        assertEquals(RejectReason.INVALID_DATE, letters.get(0).reason());

        // Each series: forecasts of 03-02, 03-03 and 03-04 (the day after the last); the first two
        // realized, with ds-a's actual 50% and ds-b's 100%.
        List<PredictionRow> rowsOut = all(predictions);
        long forecasts = rowsOut.stream().filter(r -> !r.realized()).count();
        assertEquals(6, forecasts, rowsOut.toString());
        Iterator<PredictionRow> realized =
                rowsOut.stream()
                        .filter(PredictionRow::realized)
                        .sorted(
                                java.util.Comparator.comparing(
                                        (PredictionRow r) -> r.forecast().datasetUuid()))
                        .iterator();
        assertEquals(50.0, realized.next().actualPassPercentage());
        assertEquals(50.0, realized.next().actualPassPercentage());
        assertEquals(100.0, realized.next().actualPassPercentage());
        assertTrue(
                rowsOut.stream()
                        .allMatch(r -> r.forecast().modelVersion().equals(model.version())));
    }
}
