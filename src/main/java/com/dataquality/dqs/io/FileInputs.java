package com.dataquality.dqs.io;

import com.dataquality.dqs.record.ParseResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;

/** File sources of rule-execution CSV files. */
public final class FileInputs {
    private FileInputs() {}

    /**
     * A source over files and directories (directories are read recursively, CSV files only).
     *
     * @param inputs absolute paths; the order of files among them breaks "latest" ties. Files are
     *     read in path order (a watched directory's new files too).
     * @param monitorInterval how often to look for new files, or null for a bounded source
     */
    public static FileSource<ParseResult> csvSource(
            List<java.nio.file.Path> inputs, Duration monitorInterval) {
        Map<String, Integer> ordinals = new HashMap<>();
        Path[] paths = new Path[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            java.nio.file.Path abs = inputs.get(i).toAbsolutePath().normalize();
            ordinals.put(abs.toString(), i);
            paths[i] = new Path(abs.toUri());
        }
        FileSource.FileSourceBuilder<ParseResult> builder =
                FileSource.forBulkFileFormat(new CsvRecordFormat(ordinals), paths)
                        .setFileEnumerator(
                                () -> new NonSplittingRecursiveEnumerator(FileInputs::isCsvInput))
                        .setSplitAssigner(new OrderedSplitAssigner.Provider());
        if (monitorInterval != null) {
            builder.monitorContinuously(monitorInterval);
        }
        return builder.build();
    }

    /**
     * Directories are walked; files must end in {@code .csv} and not be hidden or in-progress (a
     * leading dot or underscore), so a writer can drop files in atomically by renaming.
     */
    static boolean isCsvInput(Path path) {
        String name = path.getName();
        if (name.startsWith(".") || name.startsWith("_")) {
            return false;
        }
        return !name.contains(".") || name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
    }
}
