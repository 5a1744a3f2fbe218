package com.dataquality.dqs.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the rows over {@code files} CSV files in order, file k holding rows [k·N/F, (k+1)·N/F),
 * each with its own header: like daily exports, later files hold later dates. Every file is
 * created, even when it gets no rows.
 */
final class SplitFiles implements RowSink, Closeable {
    private static final int BUFFER = 1 << 16;

    private final Path dir;
    private final int files;
    private final long total;
    private final String header;
    private final List<String> names = new ArrayList<>();
    private Writer out;
    private int current = -1;
    private long written;

    SplitFiles(Path dir, int files, long total, String header) throws IOException {
        this.dir = dir;
        this.files = files;
        this.total = total;
        this.header = header;
        open(0);
    }

    /** {@code rule_executions.csv} for one file, {@code rule_executions-00.csv}... for several. */
    static String fileName(int index, int files) {
        return files == 1
                ? "rule_executions.csv"
                : String.format("rule_executions-%02d.csv", index);
    }

    List<String> names() {
        return List.copyOf(names);
    }

    @Override
    public void row(CharSequence line) throws IOException {
        while (current < files - 1 && written >= start(current + 1)) {
            open(current + 1);
        }
        out.append(line).append('\n');
        written++;
    }

    private long start(int index) {
        // Exact integer split; total × files stays far below Long.MAX_VALUE for sane sizes.
        return total / files * index + total % files * index / files;
    }

    private void open(int index) throws IOException {
        if (out != null) {
            out.close();
        }
        current = index;
        String name = fileName(index, files);
        names.add(name);
        out =
                new BufferedWriter(
                        new OutputStreamWriter(
                                Files.newOutputStream(dir.resolve(name)), StandardCharsets.UTF_8),
                        BUFFER);
        out.append(header).append('\n');
    }

    @Override
    public void close() throws IOException {
        while (current < files - 1) {
            open(current + 1);
        }
        out.close();
    }
}
