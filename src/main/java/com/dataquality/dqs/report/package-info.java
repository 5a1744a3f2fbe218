/**
 * The HTML report of {@code dqs report} (and of {@code dqs run --report-interval}): one
 * self-contained page for data stewards, made from the files that {@code summarize} and {@code run}
 * write, a model file and a model registry.
 *
 * <p>Layer: above {@code io} (whose file names and atomic writes it uses), {@code format} (the CSV
 * forms it reads back), {@code parse} (the CSV scanner) and {@code model} (model files and the
 * registry); below {@code cli}, its only user. Free of Flink: it reads files, it runs no job.
 *
 * <p>Contract: the inputs are read as streams, row by row, never whole, and what is kept is per
 * series and day (a few numbers), so the report grows with series and days, not with rows. A file
 * that is absent is a note in the report, never an error; a row that cannot be read is counted and
 * noted. The job appends whole lines, so a last line without its line break is a line being
 * written: it is left out (and noted), which lets the report be rewritten while the job runs.
 *
 * <p>Everything from outside (names, ids, model versions, dead-letter text) reaches the page only
 * as JSON data in one {@code <script type="application/json">} block, escaped so that no text can
 * close it ({@code <}, {@code >}, {@code &} and U+2028/U+2029 as {@code \\u} escapes, unpaired
 * surrogates as U+FFFD), and the page's script shows it with {@code textContent} only. The chart
 * library (uPlot, from its WebJar) is inlined; a Content-Security-Policy forbids every network
 * request at view time.
 */
package com.dataquality.dqs.report;
