/**
 * Rolling summaries: the pure {@link com.dataquality.dqs.summary.SummaryAccumulator} (totals, a
 * ring of per-day counts, the latest record) and the two keyed functions that hold it in state and
 * publish upserts and final rows. Imports {@code record} and {@code stream}.
 */
package com.dataquality.dqs.summary;
