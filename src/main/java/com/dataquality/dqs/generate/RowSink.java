package com.dataquality.dqs.generate;

import java.io.IOException;

/** Where generated CSV lines go: one stream, or several files split by row count. */
@FunctionalInterface
interface RowSink {

    /** Writes one data row (without its line break). Headers are the sink's business. */
    void row(CharSequence line) throws IOException;
}
