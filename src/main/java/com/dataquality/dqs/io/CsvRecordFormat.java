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
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.MutableRecordAndPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.connector.file.src.util.RecyclableIterator;
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

    /**
     * A batch of records as read: each record's values are checked when the task's thread takes it,
     * so that the two threads of a source share the work (reading and splitting into fields on the
     * source's fetcher thread, validation on the task's) instead of the reading thread alone doing
     * both while the task's waits.
     */
    private static final class Batch extends RecyclableIterator<ParseResult> {
        private final Object[] records;
        private final int count;
        private int next;
        private final MutableRecordAndPosition<ParseResult> current =
                new MutableRecordAndPosition<>();

        Batch(Object[] records, int count, long recordsBefore) {
            super(null);
            this.records = records;
            this.count = count;
            current.set(null, CheckpointedPosition.NO_OFFSET, recordsBefore);
        }

        @Nullable
        @Override
        public RecordAndPosition<ParseResult> next() {
            if (next == count) {
                return null;
            }
            Object r = records[next];
            records[next++] = null;
            current.setNext(
                    r instanceof ParseResult p ? p : ((CsvRecordReader.Unvalidated) r).validate());
            return current;
        }
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
            for (long i = 0; i < recordsToSkip && reader.nextUnvalidated() != null; i++) {
                // Already emitted before the checkpoint this reader is restored from.
            }
        }

        @Nullable
        @Override
        public RecordIterator<ParseResult> readBatch() throws IOException {
            long before = reader.recordsReturned();
            Object[] batch = new Object[BATCH_SIZE];
            int n = 0;
            Object r;
            while (n < BATCH_SIZE && (r = reader.nextUnvalidated()) != null) {
                batch[n++] = r;
            }
            if (n == 0) {
                return null;
            }
            return new Batch(batch, n, before);
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
