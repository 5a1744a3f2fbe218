package com.dataquality.dqs.retrain;

import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.parse.CsvFiles;
import com.dataquality.dqs.parse.InputFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the rule-execution history a retraining learns from: CSV files or directories, valid
 * records only (rejected ones are counted), optionally up to a day.
 */
public final class HistoryFiles {

    /** What was read. */
    public record Read(DailySeriesTable table, int files, long valid, long rejected) {}

    private HistoryFiles() {}

    /**
     * @param throughDay the last epoch day to keep (later records are skipped), or {@link
     *     Integer#MAX_VALUE} for all
     */
    public static Read read(List<Path> inputs, int throughDay) {
        List<Path> files = InputFiles.expand(inputs);
        DailySeriesTable table = new DailySeriesTable();
        long[] counts = new long[2]; // valid, rejected
        CsvFiles.forEach(
                files,
                r -> {
                    if (!r.isValid()) {
                        counts[1]++;
                    } else if (r.execution().businessDay() <= throughDay) {
                        table.add(r.execution());
                        counts[0]++;
                    }
                });
        long valid = counts[0];
        long rejected = counts[1];
        return new Read(table, files.size(), valid, rejected);
    }
}
