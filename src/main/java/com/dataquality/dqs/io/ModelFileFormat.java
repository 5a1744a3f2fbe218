package com.dataquality.dqs.io;

import com.dataquality.dqs.record.ModelUpdate;
import java.io.IOException;
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
 * Reads a whole model file as one {@link ModelUpdate}. Validation happens where the update is
 * received (a file that does not parse is rejected there, with a reason and a metric), so this
 * reader only moves bytes. A restored reader whose file was already emitted emits nothing.
 */
public final class ModelFileFormat implements BulkFormat<ModelUpdate, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    /** Models are small (kilobytes); anything far larger is not one of ours. */
    static final long MAX_BYTES = 64L << 20;

    @Override
    public Reader<ModelUpdate> createReader(Configuration config, FileSourceSplit split) {
        return new WholeFileReader(split, false);
    }

    @Override
    public Reader<ModelUpdate> restoreReader(Configuration config, FileSourceSplit split) {
        boolean done =
                split.getReaderPosition().map(p -> p.getRecordsAfterOffset() > 0).orElse(false);
        return new WholeFileReader(split, done);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<ModelUpdate> getProducedType() {
        return TypeInformation.of(ModelUpdate.class);
    }

    private static final class WholeFileReader implements Reader<ModelUpdate> {
        private final FileSourceSplit split;
        private boolean done;

        WholeFileReader(FileSourceSplit split, boolean done) {
            this.split = split;
            this.done = done;
        }

        @Nullable
        @Override
        public RecordIterator<ModelUpdate> readBatch() throws IOException {
            if (done) {
                return null;
            }
            done = true;
            Path path = split.path();
            byte[] bytes;
            if (split.fileSize() > MAX_BYTES) {
                bytes = new byte[0]; // rejected downstream as "not a dqs model file"
            } else {
                try (FSDataInputStream in = path.getFileSystem().open(path)) {
                    bytes = in.readAllBytes();
                }
            }
            ArrayResultIterator<ModelUpdate> it = new ArrayResultIterator<>();
            it.set(
                    new ModelUpdate[] {new ModelUpdate(path.getPath(), bytes)},
                    1,
                    CheckpointedPosition.NO_OFFSET,
                    0);
            return it;
        }

        @Override
        public void close() {}
    }
}
