package com.dataquality.dqs.report;

import com.dataquality.dqs.io.AtomicFiles;
import com.dataquality.dqs.io.FileOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Writes the HTML report of output directories: {@code dqs report}, and the periodic rewrite of
 * {@code <output-dir>/report.html} by {@code dqs run --report-interval}.
 */
public final class Report {
    /** The report a run rewrites in its output directory. */
    public static final String FILE_NAME = FileOutputs.REPORT;

    private Report() {}

    /** What was written. */
    public record Result(Path file, int series, long rowsRead, long bytes) {}

    /**
     * Reads the sources and writes the report to {@code output}, atomically (a reader never sees
     * half a page).
     *
     * @param progress receives a line each million rows read
     * @throws com.dataquality.dqs.InputException when a directory, the model or the registry cannot
     *     be read, or the report cannot be written
     */
    public static Result write(ReportSources sources, Path output, Consumer<String> progress) {
        ReportContent content = ReportReader.read(sources, progress);
        ReportJson data = new ReportJson(content);
        Instant now = Instant.now();
        AtomicFiles.write(output, out -> HtmlPage.write(out, data, now));
        long bytes;
        try {
            bytes = Files.size(output);
        } catch (IOException e) {
            bytes = -1;
        }
        return new Result(output, data.seriesCount(), content.rowsRead, bytes);
    }

    /**
     * A task that rewrites {@code output} from {@code sources}, quietly: for a job that refreshes
     * its report while it runs.
     */
    public static Runnable refresher(ReportSources sources, Path output) {
        return () -> write(sources, output, line -> {});
    }
}
