package com.dataquality.dqs.io;

import com.dataquality.dqs.format.DeadLetterCsv;
import com.dataquality.dqs.format.JsonForms;
import com.dataquality.dqs.format.PredictionCsv;
import com.dataquality.dqs.pipeline.Outputs;
import com.dataquality.dqs.pipeline.SummaryOutputs;
import com.dataquality.dqs.record.Anomaly;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.ModelComparison;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.record.RetrainTrigger;
import com.dataquality.dqs.record.SummaryRow;
import com.dataquality.dqs.stream.Uids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The file outputs of {@code dqs run}: one file each, appended exactly once per checkpoint, plus
 * the final summary files at the end of a bounded run.
 */
public final class FileOutputs {
    public static final String SUMMARIES = "summaries.jsonl";
    public static final String PREDICTIONS = "predictions.csv";
    public static final String REALIZED = "realized.csv";
    public static final String SHADOW_PREDICTIONS = "shadow_predictions.csv";
    public static final String DRIFT_EVENTS = "drift_events.jsonl";
    public static final String RETRAIN_TRIGGERS = "retrain_triggers.jsonl";
    public static final String COMPARISONS = "comparisons.jsonl";
    public static final String ANOMALIES = "anomalies.jsonl";

    /** The HTML report a run with {@code --report-interval} keeps rewriting (dqs report). */
    public static final String REPORT = "report.html";

    private FileOutputs() {}

    /**
     * @param modelsDir the watched models directory, where automatic promotions are written (null
     *     when the run watches none)
     */
    public static void attach(Outputs outputs, Path dir, Path modelsDir) {
        SummaryOutputs summaries = outputs.summaries();
        append(
                summaries.updates(),
                dir.resolve(SUMMARIES),
                null,
                (SummaryRow r) -> JsonForms.text(JsonForms.summary(r)),
                Uids.SUMMARIES_FILE_SINK);
        append(
                summaries.deadLetters(),
                dir.resolve(DeadLetterFile.NAME),
                DeadLetterCsv.header(),
                DeadLetterCsv::line,
                Uids.DEAD_LETTERS_FILE_SINK);
        attachFinalSummary(summaries, dir);
        append(
                outputs.predictions(),
                dir.resolve(PREDICTIONS),
                PredictionCsv.header(),
                (PredictionRow r) -> r.realized() ? null : PredictionCsv.line(r.forecast()),
                Uids.PREDICTIONS_FILE_SINK);
        append(
                outputs.predictions(),
                dir.resolve(REALIZED),
                PredictionCsv.realizedHeader(),
                (PredictionRow r) -> r.realized() ? PredictionCsv.realizedLine(r) : null,
                Uids.REALIZED_FILE_SINK);
        append(
                outputs.shadowPredictions(),
                dir.resolve(SHADOW_PREDICTIONS),
                PredictionCsv.realizedHeader(),
                PredictionCsv::realizedLine,
                Uids.SHADOW_PREDICTIONS_FILE_SINK);
        append(
                outputs.anomalies(),
                dir.resolve(ANOMALIES),
                null,
                (Anomaly a) -> JsonForms.text(JsonForms.anomaly(a)),
                Uids.ANOMALIES_FILE_SINK);
        append(
                outputs.driftEvents(),
                dir.resolve(DRIFT_EVENTS),
                null,
                (DriftEvent e) -> JsonForms.text(JsonForms.driftEvent(e)),
                Uids.DRIFT_EVENTS_FILE_SINK);
        append(
                outputs.retrainTriggers(),
                dir.resolve(RETRAIN_TRIGGERS),
                null,
                (RetrainTrigger t) -> JsonForms.text(JsonForms.retrainTrigger(t)),
                Uids.RETRAIN_TRIGGERS_FILE_SINK);
        append(
                outputs.comparisons(),
                dir.resolve(COMPARISONS),
                null,
                (ModelComparison c) -> JsonForms.text(JsonForms.comparison(c)),
                Uids.COMPARISONS_FILE_SINK);
        if (modelsDir != null) {
            outputs.promotions()
                    .sinkTo(new ModelDirectorySink(modelsDir))
                    .uid(Uids.PROMOTIONS_DIR_SINK)
                    .name("Promotions into " + modelsDir.getFileName())
                    .setParallelism(1);
        }
    }

    /** One file, appended exactly once per checkpoint, by one writer. */
    private static <T> void append(
            DataStream<T> stream,
            Path file,
            String header,
            SerializableFunction<T, String> format,
            String uid) {
        stream.sinkTo(new AppendFileSink<T>(file, header, format))
                .uid(uid)
                .name(file.getFileName().toString())
                .setParallelism(1);
    }

    /**
     * {@code full_summary.csv} and {@code nl_all_rows.txt} at the end of bounded input; also
     * written by a bounded Kafka run (a backfill), whose other outputs go to topics.
     */
    public static void attachFinalSummary(SummaryOutputs summaries, Path dir) {
        summaries
                .finalRows()
                .sinkTo(new FinalSummarySink(dir))
                .uid(Uids.FINAL_SUMMARY_FILE_SINK)
                .name("full_summary.csv")
                .setParallelism(1);
    }

    /**
     * A run that does not resume from a savepoint starts its outputs afresh: appending to the files
     * of an unrelated earlier run would mix two runs in one file.
     */
    public static void clearForFreshRun(Path dir) throws IOException {
        for (String name :
                List.of(
                        SUMMARIES,
                        PREDICTIONS,
                        REALIZED,
                        SHADOW_PREDICTIONS,
                        DeadLetterFile.NAME,
                        DRIFT_EVENTS,
                        RETRAIN_TRIGGERS,
                        COMPARISONS,
                        ANOMALIES,
                        SummaryFiles.SUMMARY_CSV,
                        SummaryFiles.SENTENCES,
                        REPORT)) {
            Path file = dir.resolve(name);
            Files.deleteIfExists(file);
            Files.deleteIfExists(AppendLedger.fileFor(file));
        }
    }
}
