package com.dataquality.dqs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.RuleExecution;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds CSV text and reads it back through {@link CsvRecordReader}. */
final class CsvFixtures {
    static final String ORIGIN = "data/in.csv";
    static final String HEADER = String.join(",", Columns.NAMES);
    static final String PASS = "\"{\"\"status\"\":\"\"Pass\"\"}\"";

    private CsvFixtures() {}

    /** A valid row in canonical column order, with the given rule code, date and results. */
    static String row(String ruleCode, String date, String results) {
        return "src,t1,uuid-1,Sales,"
                + ruleCode
                + ","
                + date
                + ","
                + results
                + ",100,90,DATASET,,ctx";
    }

    static String goodRow() {
        return row("R101", "2024-03-01", PASS);
    }

    static List<ParseResult> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
    }

    /** Reads with the stream handing out at most {@code chunk} bytes per read call. */
    static List<ParseResult> read(byte[] bytes, int chunk) {
        List<ParseResult> results = read(new CsvRecordReader(new Chunked(bytes, chunk), ORIGIN, 0));
        // The file source leaves validation to the task's thread: the same results that way.
        assertEquals(
                results,
                readUnvalidated(new CsvRecordReader(new Chunked(bytes, chunk), ORIGIN, 0)));
        return results;
    }

    /** Through {@link CsvRecordReader#nextUnvalidated()}, validating each record afterwards. */
    static List<ParseResult> readUnvalidated(CsvRecordReader reader) {
        List<Object> read = new ArrayList<>();
        try (reader) {
            Object r;
            while ((r = reader.nextUnvalidated()) != null) {
                read.add(r);
                assertEquals(read.size(), reader.recordsReturned());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Validated only after the whole file is read: nothing may depend on the reader's state.
        List<ParseResult> out = new ArrayList<>();
        for (Object r : read) {
            out.add(r instanceof CsvRecordReader.Unvalidated u ? u.validate() : (ParseResult) r);
        }
        return out;
    }

    static List<ParseResult> read(CsvRecordReader reader) {
        List<ParseResult> out = new ArrayList<>();
        try (reader) {
            ParseResult r;
            while ((r = reader.next()) != null) {
                out.add(r);
                assertEquals(out.size(), reader.recordsReturned());
            }
            assertEquals(out.size(), reader.recordsReturned());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static RuleExecution onlyValid(String text) {
        List<ParseResult> results = read(text);
        assertEquals(1, results.size(), results.toString());
        assertTrue(results.get(0).isValid(), results.get(0).toString());
        return results.get(0).execution();
    }

    static DeadLetter onlyRejected(String text) {
        List<ParseResult> results = read(text);
        assertEquals(1, results.size(), results.toString());
        assertFalse(results.get(0).isValid(), results.get(0).toString());
        return results.get(0).deadLetter();
    }

    /**
     * The single data row {@code row} under the canonical header is rejected for {@code reason}.
     */
    static DeadLetter rejectedRow(String row, RejectReason reason, String... detailParts) {
        DeadLetter d = onlyRejected(HEADER + "\n" + row + "\n");
        assertEquals(reason, d.reason(), d.detail());
        for (String part : detailParts) {
            assertTrue(d.detail().contains(part), () -> d.detail() + " lacks " + part);
        }
        assertEquals(row, d.raw());
        assertEquals(ORIGIN, d.origin());
        assertEquals(DeadLetter.NO_PARTITION, d.partition());
        assertEquals(2, d.position());
        return d;
    }

    /** An input stream that returns few bytes per read, to cut records at every offset. */
    static final class Chunked extends InputStream {
        private final byte[] bytes;
        private final int chunk;
        private int pos;
        boolean closed;

        Chunked(byte[] bytes, int chunk) {
            this.bytes = bytes;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
