/**
 * The text forms of outputs: CSV lines and JSON documents with the contract's column names
 * (CONTRACT.md §3, §4), the sentence of {@code nl_all_rows.txt}, plain decimals. Pure functions of
 * records, free of Flink; imports {@code record} only. Sinks ({@code io}) and commands use them, so
 * a file row and a topic message of the same output say the same thing.
 */
package com.dataquality.dqs.format;
