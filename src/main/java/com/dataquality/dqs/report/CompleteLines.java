package com.dataquality.dqs.report;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file's bytes up to and including its last line break. The job's sinks append whole lines, each
 * ending in {@code \n}, so bytes after the last one are a line being written right now; a report
 * rewritten while the job runs must not read half a row as a row.
 */
final class CompleteLines {
    private CompleteLines() {}

    /** An open stream of the file's complete lines, and how many bytes were left out. */
    record Opened(InputStream in, long leftOut) {}

    static Opened open(Path file) throws IOException {
        long end = lastLineEnd(file);
        long size = Files.size(file);
        InputStream raw = Files.newInputStream(file);
        return new Opened(
                new BufferedInputStream(new Limited(raw, end), 1 << 16), Math.max(0, size - end));
    }

    /** The offset just after the file's last {@code \n}, or 0 when it has none. */
    static long lastLineEnd(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (pos > 0) {
                int n = (int) Math.min(buf.capacity(), pos);
                pos -= n;
                buf.clear().limit(n);
                while (buf.hasRemaining()) {
                    if (ch.read(buf, pos + buf.position()) < 0) {
                        break;
                    }
                }
                for (int i = buf.position() - 1; i >= 0; i--) {
                    if (buf.get(i) == '\n') {
                        return pos + i + 1;
                    }
                }
            }
            return 0;
        }
    }

    /** At most {@code limit} bytes of a stream. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, left));
            left -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }
    }
}
