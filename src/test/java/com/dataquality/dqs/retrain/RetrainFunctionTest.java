package com.dataquality.dqs.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.model.ModelRegistry;
import com.dataquality.dqs.model.SyntheticData;
import com.dataquality.dqs.model.TestModels;
import com.dataquality.dqs.record.RetrainTrigger;
import com.dataquality.dqs.record.SeriesDay;
import com.dataquality.dqs.stream.DayCloses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's retrainer learns from the daily series it keeps in state: after a restore it trains on
 * the same days as a retrainer that never stopped (the same training and comparison windows, the
 * same rows compared, the same error of the active model on them).
 */
class RetrainFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    private static KeyedTwoInputStreamOperatorTestHarness<
                    Integer, SeriesDay, RetrainTrigger, String>
            harness(Path registry, Path publish) throws Exception {
        var h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new RetrainFunction(
                                        registry, publish, new Retrainer.Options(30, 7))),
                        d -> 0,
                        t -> 0,
                        Types.INT);
        h.setup();
        return h;
    }

    private static List<SeriesDay> days(List<DailySeries> series) {
        List<SeriesDay> out = new ArrayList<>();
        for (DailySeries s : series) {
            for (int i = 0; i < s.size(); i++) {
                out.add(
                        new SeriesDay(
                                s.datasetUuid(),
                                s.ruleCode(),
                                s.days()[i],
                                s.executions()[i],
                                s.passes()[i]));
            }
        }
        out.sort(java.util.Comparator.comparingInt(SeriesDay::day));
        return out;
    }

    private Path registry(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        ModelRegistry r = new ModelRegistry(dir);
        r.promote(r.add(TestModels.small()));
        return dir;
    }

    private static JsonNode lastLog(Path registry) throws Exception {
        List<String> lines = Files.readAllLines(registry.resolve(RetrainLoop.LOG));
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    @Test
    void aRestoredRetrainerTrainsOnTheDaysItKeptBeforeTheRestore() throws Exception {
        List<SeriesDay> all = days(SyntheticData.table(3, 2, 80, 5).series());
        int half = all.size() / 2;
        // The trigger comes right after the restore: every day it trains and compares on reached
        // the restored retrainer only through its state.
        int through = all.get(half - 1).day();
        RetrainTrigger trigger =
                new RetrainTrigger(LocalDate.ofEpochDay(through).toString(), "test", 3, 7, "v");

        Path straightRegistry = registry("straight");
        try (var h = harness(straightRegistry, Files.createDirectories(tmp.resolve("p1")))) {
            h.open();
            for (SeriesDay d : all.subList(0, half)) {
                h.processElement1(new StreamRecord<>(d));
            }
            h.processElement2(new StreamRecord<>(trigger));
            for (SeriesDay d : all.subList(half, all.size())) {
                h.processElement1(new StreamRecord<>(d));
            }
            h.processBothWatermarks(new Watermark(DayCloses.END_OF_INPUT));
        }

        Path restoredRegistry = registry("restored");
        Path publish = Files.createDirectories(tmp.resolve("p2"));
        OperatorSubtaskState snapshot;
        try (var h = harness(restoredRegistry, publish)) {
            h.open();
            for (SeriesDay d : all.subList(0, half)) {
                h.processElement1(new StreamRecord<>(d));
            }
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(restoredRegistry, publish)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement2(new StreamRecord<>(trigger));
            for (SeriesDay d : all.subList(half, all.size())) {
                h.processElement1(new StreamRecord<>(d));
            }
            h.processBothWatermarks(new Watermark(DayCloses.END_OF_INPUT));
        }

        JsonNode straight = lastLog(straightRegistry);
        JsonNode restored = lastLog(restoredRegistry);
        assertTrue(straight.get("compare_rows").asInt() > 0, straight.toString());
        assertEquals(LocalDate.ofEpochDay(through).toString(), straight.get("compare_to").asText());
        for (String field :
                List.of("train_from", "compare_from", "compare_to", "compare_rows", "active_mae")) {
            assertEquals(straight.get(field), restored.get(field), field);
        }
    }
}
