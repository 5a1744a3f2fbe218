package com.dataquality.dqs.io;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.format.SummaryCsv;
import com.dataquality.dqs.format.SummarySentence;
import com.dataquality.dqs.record.SummaryRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The final summary files of a bounded run: {@code full_summary.csv} and its sentences. */
public final class SummaryFiles {
    public static final String SUMMARY_CSV = "full_summary.csv";
    public static final String SENTENCES = "nl_all_rows.txt";

    private SummaryFiles() {}

    /**
     * Writes both files, together: both are written under hidden names first, then the sentences
     * are renamed into place and {@code full_summary.csv} last, so a run that dies midway leaves
     * either both files or neither new one (and the temporary files, which the next run removes).
     * Rows must already be sorted by key.
     */
    public static void write(Path dir, List<SummaryRow> rows) {
        Path csv = dir.resolve(SUMMARY_CSV);
        Path sentences = dir.resolve(SENTENCES);
        Path csvTmp = AtomicFiles.temporary(csv);
        Path sentencesTmp = AtomicFiles.temporary(sentences);
        AtomicFiles.writeTemporary(
                csvTmp,
                out -> {
                    out.write(SummaryCsv.header());
                    out.write('\n');
                    for (SummaryRow r : rows) {
                        out.write(SummaryCsv.line(r));
                        out.write('\n');
                    }
                });
        AtomicFiles.writeTemporary(
                sentencesTmp,
                out -> {
                    for (SummaryRow r : rows) {
                        out.write(SummarySentence.of(r));
                        out.write('\n');
                    }
                });
        try {
            AtomicFiles.publish(sentencesTmp, sentences);
            AtomicFiles.publish(csvTmp, csv);
        } catch (IOException e) {
            throw new InputException("cannot write " + csv + ": " + e.getMessage(), e);
        }
    }

    /** Removes what a run that died while writing left behind. */
    public static void removeLeftovers(Path dir) throws IOException {
        Files.deleteIfExists(AtomicFiles.temporary(dir.resolve(SUMMARY_CSV)));
        Files.deleteIfExists(AtomicFiles.temporary(dir.resolve(SENTENCES)));
    }
}
