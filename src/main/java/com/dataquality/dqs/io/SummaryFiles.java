package com.dataquality.dqs.io;

import com.dataquality.dqs.format.SummaryCsv;
import com.dataquality.dqs.format.SummarySentence;
import com.dataquality.dqs.record.SummaryRow;
import java.nio.file.Path;
import java.util.List;

/** The final summary files of a bounded run: {@code full_summary.csv} and its sentences. */
public final class SummaryFiles {
    public static final String SUMMARY_CSV = "full_summary.csv";
    public static final String SENTENCES = "nl_all_rows.txt";

    private SummaryFiles() {}

    /** Writes both files; rows must already be sorted by key. */
    public static void write(Path dir, List<SummaryRow> rows) {
        AtomicFiles.write(
                dir.resolve(SUMMARY_CSV),
                out -> {
                    out.write(SummaryCsv.header());
                    out.write('\n');
                    for (SummaryRow r : rows) {
                        out.write(SummaryCsv.line(r));
                        out.write('\n');
                    }
                });
        AtomicFiles.write(
                dir.resolve(SENTENCES),
                out -> {
                    for (SummaryRow r : rows) {
                        out.write(SummarySentence.of(r));
                        out.write('\n');
                    }
                });
    }
}
