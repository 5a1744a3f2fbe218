package com.dataquality.dqs.format;

import com.dataquality.dqs.record.DeadLetter;

/** The {@code dead_letters.csv} format: why, where, and the record as it was read. */
public final class DeadLetterCsv {
    private DeadLetterCsv() {}

    public static String header() {
        return "reason,detail,file,line,raw";
    }

    public static String line(DeadLetter d) {
        return Csv.line(
                d.reason().name(), d.detail(), d.origin(), Long.toString(d.position()), d.raw());
    }
}
