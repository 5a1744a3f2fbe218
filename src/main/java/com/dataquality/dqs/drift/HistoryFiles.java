package com.dataquality.dqs.drift;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.parse.CsvRecordReader;
import com.dataquality.dqs.parse.InputFiles;
import com.dataquality.dqs.record.ParseResult;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
        long valid = 0;
        long rejected = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                    CsvRecordReader reader =
                            new CsvRecordReader(in, file.toString(), InputFiles.sequenceBase(i))) {
                for (ParseResult r = reader.next(); r != null; r = reader.next()) {
                    if (!r.isValid()) {
                        rejected++;
                    } else if (r.execution().businessDay() <= throughDay) {
                        table.add(r.execution());
                        valid++;
                    }
                }
            } catch (IOException e) {
                throw new InputException(
                        "input file " + file + ": cannot read: " + e.getMessage(), e);
            }
        }
        return new Read(table, files.size(), valid, rejected);
    }
}
