package com.dataquality.dqs.cli;

import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.parse.CsvFiles;
import com.dataquality.dqs.parse.InputFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads rule-execution CSV files (files or directories) into daily series for the forecasting
 * commands. Rejected records are counted, not fatal: forecasting uses the valid ones, and {@code
 * dqs summarize} is where dead letters are written out.
 */
public final class RecordFiles {

    /** What was read. */
    public record Counts(int files, long valid, long rejected) {}

    private static final long PROGRESS_EVERY = 1_000_000;

    private RecordFiles() {}

    public static Counts readInto(
            List<Path> inputs, DailySeriesTable table, Consumer<String> progress) {
        List<Path> files = InputFiles.expand(inputs);
        long[] counts = new long[2]; // valid, rejected
        CsvFiles.forEach(
                files,
                r -> {
                    if (r.isValid()) {
                        table.add(r.execution());
                        counts[0]++;
                    } else {
                        counts[1]++;
                    }
                    if ((counts[0] + counts[1]) % PROGRESS_EVERY == 0) {
                        progress.accept(String.format("read %,d records", counts[0] + counts[1]));
                    }
                });
        long valid = counts[0];
        long rejected = counts[1];
        progress.accept(
                String.format(
                        "read %,d valid records (%,d rejected) from %d file(s) into %,d series",
                        valid, rejected, files.size(), table.seriesCount()));
        return new Counts(files.size(), valid, rejected);
    }
}
