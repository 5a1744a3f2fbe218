package com.dataquality.dqs.io;

import com.dataquality.dqs.parse.CsvRecordReader;
import com.dataquality.dqs.parse.InputFiles;
import com.dataquality.dqs.record.ParseResult;
import java.io.IOException;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

/**
 * Reads rule-execution CSV files for Flink's {@code FileSource}, parsing and validating each record
 * where its file name and line number are still known.
 *
 * <p>A bulk format rather than a {@code StreamFormat} because only a bulk reader is given the
 * split, and so the file path that dead letters must name. Files are not split: a quoted field may
 * hold line breaks, so a record boundary cannot be found from an arbitrary offset. The checkpointed
 * position is a count of records, which a restored reader skips.
 */
public final class CsvRecordFormat implements BulkFormat<ParseResult, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    /** Records handed from the reading thread to the task thread at a time: fewer handovers. */
    private static final int BATCH_SIZE = 4096;

    /**
     * Position of each file named at start (keyed by absolute path), so ties in "latest" go to the
     * later file.
     */
    private final Map<String, Integer> fileOrdinals;

    public CsvRecordFormat(Map<String, Integer> fileOrdinals) {
        this.fileOrdinals = Map.copyOf(fileOrdinals);
    }

    @Override
    public Reader<ParseResult> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new CsvBatchReader(split, sequenceBase(split), 0);
    }

    @Override
    public Reader<ParseResult> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long skip =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return new CsvBatchReader(split, sequenceBase(split), skip);
    }

    /**
     * Files named at start are ordered as given; a file found later by directory monitoring ranks
     * after all of them, by modification time, which is when it was "read last".
     */
    private long sequenceBase(FileSourceSplit split) {
        Integer ordinal = fileOrdinals.get(split.path().getPath());
        if (ordinal != null) {
            return InputFiles.sequenceBase(ordinal);
        }
        long seconds = Math.max(0, split.fileModificationTime() / 1000);
        return InputFiles.sequenceBase(fileOrdinals.size() + (int) Math.min(seconds, 1 << 30));
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<ParseResult> getProducedType() {
        return TypeInformation.of(ParseResult.class);
    }

    /** Hands out parse results in batches, tracking how many were handed out. */
    private static final class CsvBatchReader implements Reader<ParseResult> {
        private final FSDataInputStream stream;
        private final CsvRecordReader reader;

        CsvBatchReader(FileSourceSplit split, long sequenceBase, long recordsToSkip)
                throws IOException {
            Path path = split.path();
            this.stream = path.getFileSystem().open(path);
            this.reader = new CsvRecordReader(stream, path.getPath(), sequenceBase);
            for (long i = 0; i < recordsToSkip && reader.next() != null; i++) {
                // Already emitted before the checkpoint this reader is restored from.
            }
        }

        @Nullable
        @Override
        public RecordIterator<ParseResult> readBatch() throws IOException {
            long before = reader.recordsReturned();
            ParseResult[] batch = new ParseResult[BATCH_SIZE];
            int n = 0;
            ParseResult r;
            while (n < BATCH_SIZE && (r = reader.next()) != null) {
                batch[n++] = r;
            }
            if (n == 0) {
                return null;
            }
            ArrayResultIterator<ParseResult> it = new ArrayResultIterator<>();
            it.set(batch, n, CheckpointedPosition.NO_OFFSET, before);
            return it;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
