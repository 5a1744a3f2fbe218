package com.dataquality.dqs.io;

import com.dataquality.dqs.format.DeadLetterCsv;
import com.dataquality.dqs.format.JsonForms;
import com.dataquality.dqs.format.PredictionCsv;
import com.dataquality.dqs.pipeline.Outputs;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.Prediction;
import com.dataquality.dqs.record.RetrainTrigger;
import com.dataquality.dqs.record.SummaryRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The file outputs of {@code dqs run}: one file each, appended exactly once per checkpoint, plus
 * the final summary files at the end of a bounded run.
 */
public final class FileOutputs {
    public static final String SUMMARIES = "summaries.jsonl";
    public static final String PREDICTIONS = "predictions.csv";
    public static final String DRIFT_EVENTS = "drift_events.jsonl";
    public static final String RETRAIN_TRIGGERS = "retrain_triggers.jsonl";

    public static final String UID_SUMMARIES_SINK = "summaries-file-sink";
    public static final String UID_DEAD_LETTERS_SINK = "dead-letters-file-sink";
    public static final String UID_FINAL_SUMMARY_SINK = "final-summary-file-sink";
    public static final String UID_PREDICTIONS_SINK = "predictions-file-sink";
    public static final String UID_DRIFT_EVENTS_SINK = "drift-events-file-sink";
    public static final String UID_RETRAIN_TRIGGERS_SINK = "retrain-triggers-file-sink";

    private FileOutputs() {}

    public static void attach(Outputs outputs, Path dir) {
        outputs.summaryUpdates()
                .sinkTo(
                        new AppendFileSink<SummaryRow>(
                                dir.resolve(SUMMARIES),
                                null,
                                r -> JsonForms.text(JsonForms.summary(r))))
                .uid(UID_SUMMARIES_SINK)
                .name("summaries.jsonl")
                .setParallelism(1);
        outputs.deadLetters()
                .sinkTo(
                        new AppendFileSink<DeadLetter>(
                                dir.resolve(DeadLetterFile.NAME),
                                DeadLetterCsv.header(),
                                DeadLetterCsv::line))
                .uid(UID_DEAD_LETTERS_SINK)
                .name("dead_letters.csv")
                .setParallelism(1);
        attachFinalSummary(outputs, dir);
        if (outputs.predictions() != null) {
            outputs.predictions()
                    .sinkTo(
                            new AppendFileSink<Prediction>(
                                    dir.resolve(PREDICTIONS),
                                    PredictionCsv.header(),
                                    PredictionCsv::line))
                    .uid(UID_PREDICTIONS_SINK)
                    .name("predictions.csv")
                    .setParallelism(1);
        }
        if (outputs.driftEvents() != null) {
            outputs.driftEvents()
                    .sinkTo(
                            new AppendFileSink<DriftEvent>(
                                    dir.resolve(DRIFT_EVENTS),
                                    null,
                                    e -> JsonForms.text(JsonForms.driftEvent(e))))
                    .uid(UID_DRIFT_EVENTS_SINK)
                    .name(DRIFT_EVENTS)
                    .setParallelism(1);
            outputs.retrainTriggers()
                    .sinkTo(
                            new AppendFileSink<RetrainTrigger>(
                                    dir.resolve(RETRAIN_TRIGGERS),
                                    null,
                                    t -> JsonForms.text(JsonForms.retrainTrigger(t))))
                    .uid(UID_RETRAIN_TRIGGERS_SINK)
                    .name(RETRAIN_TRIGGERS)
                    .setParallelism(1);
        }
    }

    /**
     * {@code full_summary.csv} and {@code nl_all_rows.txt} at the end of bounded input; also
     * written by a bounded Kafka run (a backfill), whose other outputs go to topics.
     */
    public static void attachFinalSummary(Outputs outputs, Path dir) {
        outputs.finalSummaries()
                .sinkTo(new FinalSummarySink(dir))
                .uid(UID_FINAL_SUMMARY_SINK)
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
                        DeadLetterFile.NAME,
                        DRIFT_EVENTS,
                        RETRAIN_TRIGGERS,
                        SummaryFiles.SUMMARY_CSV,
                        SummaryFiles.SENTENCES)) {
            Path file = dir.resolve(name);
            Files.deleteIfExists(file);
            Files.deleteIfExists(AppendLedger.fileFor(file));
        }
    }
}
