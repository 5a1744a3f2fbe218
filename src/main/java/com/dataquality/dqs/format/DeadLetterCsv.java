package com.dataquality.dqs.format;

import com.dataquality.dqs.record.DeadLetter;

/**
 * The {@code dead_letters.csv} format: why, where, and the record as it was read. The detail, the
 * file name and the raw text are text cells ({@link Csv#text}); the reason and line are ours.
 */
public final class DeadLetterCsv {
    private DeadLetterCsv() {}

    public static String header() {
        return "reason,detail,file,line,raw";
    }

    public static String line(DeadLetter d) {
        return Csv.line(
                d.reason().name(),
                Csv.text(d.detail()),
                Csv.text(d.origin()),
                Long.toString(d.position()),
                Csv.text(d.raw()));
    }
}
