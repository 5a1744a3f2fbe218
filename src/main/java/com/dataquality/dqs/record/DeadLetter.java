package com.dataquality.dqs.record;

/**
 * A record that could not be understood, with what is needed to find and fix it.
 *
 * @param reason one reason code of CONTRACT.md §1
 * @param detail a human sentence: which field, which value, what was expected
 * @param raw the record's text as it was read (the CSV record's physical lines, or the Kafka
 *     message value)
 * @param origin the file path, or the Kafka topic
 * @param partition the Kafka partition, or -1 for a file
 * @param position the 1-based line in the file where the record starts, or the Kafka offset
 */
public record DeadLetter(
        RejectReason reason,
        String detail,
        String raw,
        String origin,
        int partition,
        long position) {

    public static final int NO_PARTITION = -1;

    public boolean fromFile() {
        return partition == NO_PARTITION;
    }
}
