package com.dataquality.dqs.io;

import com.dataquality.dqs.record.SummaryRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes {@code full_summary.csv} and {@code nl_all_rows.txt} when a bounded input ends. The final
 * rows only exist at that moment (they need the greatest date of the whole input), so the writer
 * buffers them, one per key, and writes both files atomically at the end of input. Run it at
 * parallelism 1.
 */
public final class FinalSummarySink implements Sink<SummaryRow> {
    private static final long serialVersionUID = 1L;

    private final String dir;

    public FinalSummarySink(Path dir) {
        this.dir = dir.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<SummaryRow> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            private final List<SummaryRow> rows = new ArrayList<>();

            @Override
            public void write(SummaryRow row, Context context) {
                rows.add(row);
            }

            @Override
            public void flush(boolean endOfInput) {
                if (endOfInput && !rows.isEmpty()) {
                    rows.sort(SummaryRow.BY_KEY);
                    SummaryFiles.write(Path.of(dir), rows);
                }
            }

            @Override
            public void close() {}
        };
    }
}
