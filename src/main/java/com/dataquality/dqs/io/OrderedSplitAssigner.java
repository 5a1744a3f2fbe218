package com.dataquality.dqs.io;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out input files in path order, oldest name first, instead of Flink's default (by host
 * locality, in listing order). Daily exports are usually named by date, and a watched directory's
 * files are then read in date order, so the watermark of a continuous run moves forward instead of
 * jumping to the newest file first and making the others late.
 */
final class OrderedSplitAssigner implements FileSplitAssigner {
    private static final Comparator<FileSourceSplit> BY_PATH =
            Comparator.comparing((FileSourceSplit s) -> s.path().toString())
                    .thenComparingLong(FileSourceSplit::offset);

    private final PriorityQueue<FileSourceSplit> splits = new PriorityQueue<>(BY_PATH);

    OrderedSplitAssigner(Collection<FileSourceSplit> initial) {
        splits.addAll(initial);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(splits.poll());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> more) {
        splits.addAll(more);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(splits);
    }

    /** What {@code FileSource} creates it with. */
    static final class Provider implements FileSplitAssigner.Provider {
        private static final long serialVersionUID = 1L;

        @Override
        public FileSplitAssigner create(Collection<FileSourceSplit> initial) {
            return new OrderedSplitAssigner(initial);
        }
    }
}
