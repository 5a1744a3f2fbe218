package com.dataquality.dqs.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The competitor of {@code dqs summarize} in {@code scripts/bench-duckdb.sh}: what a data engineer
 * would write in DuckDB's SQL for the per-key counts of {@code full_summary.csv}. One fresh JVM per
 * run, like {@code dqs summarize}, so both are timed as whole processes.
 *
 * <p>Only JDBC is used here, so this class compiles in the benchmark jar without DuckDB; the driver
 * comes on the class path from the {@code bench-duckdb} Maven profile, and the product never
 * depends on it.
 *
 * <p>The query is as strict as our parser on what it counts, so that the comparison is of the same
 * work: rows with the wrong number of fields are skipped by the reader ({@code strict_mode}, {@code
 * ignore_errors}; a lenient reader pads or merges them and invents keys), and the other rejected
 * rows are filtered by the same rules as CONTRACT.md §1 (required fields, rule code, date with an
 * optional time part, results JSON with status before result, counts). Windows are relative to the
 * greatest valid business date of the whole input, a record counts when its date is on or after the
 * reference minus 30/90/365 days, warnings apart from pass and fail (CONTRACT.md §3).
 *
 * <p>One difference is known and left: on a tie for a key's latest business date, our summary takes
 * the latest fields of the record read last; DuckDB's CSV reader has no row number to say which was
 * last without giving up its parallelism, so it takes any of them. The script compares the counts
 * and the latest date, and only reports how many keys' tied latest fields differ.
 *
 * <p>Usage: {@code DuckDbSummary OUTPUT_CSV THREADS INPUT_CSV...}
 */
public final class DuckDbSummary {
    private DuckDbSummary() {}

    public static void main(String[] args) throws SQLException {
        if (args.length < 3) {
            System.err.println("usage: DuckDbSummary OUTPUT_CSV THREADS INPUT_CSV...");
            System.exit(2);
        }
        Path output = Path.of(args[0]).toAbsolutePath();
        int threads = Integer.parseInt(args[1]);
        List<String> inputs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            Path p = Path.of(args[i]).toAbsolutePath();
            if (!Files.isReadable(p)) {
                System.err.println("DuckDbSummary: cannot read " + p);
                System.exit(2);
            }
            inputs.add(literal(p.toString()));
        }
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET threads = " + threads);
            s.execute(
                    "COPY ("
                            + query("[" + String.join(", ", inputs) + "]")
                            + ") TO "
                            + literal(output.toString())
                            + " (HEADER, DELIMITER ',')");
        }
        System.out.printf(
                "duckdb: wrote %s in %.1f s (%d threads)%n",
                output, (System.nanoTime() - t0) / 1e9, threads);
    }

    /**
     * The summary query over a list literal of CSV paths. Each costly per-row expression (JSON,
     * regular expressions) appears once, in the projection under the first aggregation: DuckDB
     * inlines a CTE's columns into every place that names them, so a status named in a filter and
     * in fifteen counts would be parsed from JSON sixteen times (measured: 10 s instead of 2 s on
     * 1M rows). Rows are grouped by key, day and outcome with their validity as group columns, and
     * the invalid groups are dropped after that first aggregation.
     */
    static String query(String files) {
        return """
                WITH raw AS (
                  SELECT * FROM read_csv(%s, header = true, all_varchar = true, delim = ',',
                                         quote = '"', escape = '"', strict_mode = true,
                                         ignore_errors = true, null_padding = false)
                ),
                parsed AS (
                  SELECT trim(source) AS source, trim(tenant_id) AS tenant_id,
                         trim(dataset_uuid) AS dataset_uuid, trim(dataset_name) AS dataset_name,
                         try_cast(regexp_extract(trim(rule_code), '^[Rr]?0*([0-9]{1,10})$', 1)
                                  AS INTEGER) AS rule_code,
                         CASE WHEN regexp_full_match(trim(business_date),
                                '[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ]([01][0-9]|2[0-3]):[0-5][0-9]'
                                || '(:[0-5][0-9](\\.[0-9]{1,9})?)?([Zz]|[+-](0[0-9]|1[0-8])'
                                || '(:?[0-5][0-9])?)?)?')
                              THEN try_cast(left(trim(business_date), 10) AS DATE) END AS day,
                         -- 1 pass, 2 fail, 3 or 4 warning, NULL rejected: status, or result when
                         -- status is absent or null. Only on valid JSON: the JSON functions throw
                         -- on other text; one extraction of both keys parses the text once.
                         list_position(['pass', 'fail', 'warning', 'warn'],
                           lower(trim(list_filter(
                             CASE WHEN json_valid(results)
                                  THEN json_extract_string(results, ['$.status', '$.result']) END,
                             s -> s IS NOT NULL)[1]))) AS outcome,
                         regexp_full_match(coalesce(trim(dataset_record_count), ''),
                                           '(\\+?[0-9]{1,18})?')
                           AND regexp_full_match(coalesce(trim(filtered_record_count), ''),
                                                 '(\\+?[0-9]{1,18})?') AS counts_ok,
                         try_cast(trim(dataset_record_count) AS BIGINT) AS dataset_count,
                         try_cast(trim(filtered_record_count) AS BIGINT) AS filtered_count,
                         coalesce(trim(level_of_execution), '') AS level_of_execution
                  FROM raw
                ),
                daily AS (
                  SELECT source, tenant_id, dataset_uuid, dataset_name, rule_code, day, outcome,
                         counts_ok, count(*) AS n, any_value(dataset_count) AS dataset_count,
                         any_value(filtered_count) AS filtered_count,
                         any_value(level_of_execution) AS level_of_execution
                  FROM parsed
                  GROUP BY ALL
                ),
                valid AS (
                  SELECT * FROM daily
                  WHERE source <> '' AND tenant_id <> '' AND dataset_uuid <> ''
                    AND dataset_name <> '' AND rule_code IS NOT NULL
                    AND day BETWEEN DATE '1900-01-01' AND DATE '9999-12-30'
                    AND outcome IS NOT NULL AND counts_ok
                ),
                reference AS (SELECT max(day) AS ref FROM valid)
                SELECT source, tenant_id, dataset_uuid, dataset_name, rule_code,
                       max(day) AS business_date_latest,
                       arg_max(dataset_count, day) AS dataset_record_count_latest,
                       arg_max(filtered_count, day) AS filtered_record_count_latest,
                       sum(CASE WHEN outcome = 1 THEN n ELSE 0 END) AS pass_count_total,
                       sum(CASE WHEN outcome = 2 THEN n ELSE 0 END) AS fail_count_total,
                       sum(CASE WHEN outcome = 1 AND day >= ref - 30 THEN n ELSE 0 END) AS pass_count_1m,
                       sum(CASE WHEN outcome = 2 AND day >= ref - 30 THEN n ELSE 0 END) AS fail_count_1m,
                       sum(CASE WHEN outcome = 1 AND day >= ref - 90 THEN n ELSE 0 END) AS pass_count_3m,
                       sum(CASE WHEN outcome = 2 AND day >= ref - 90 THEN n ELSE 0 END) AS fail_count_3m,
                       sum(CASE WHEN outcome = 1 AND day >= ref - 365 THEN n ELSE 0 END) AS pass_count_12m,
                       sum(CASE WHEN outcome = 2 AND day >= ref - 365 THEN n ELSE 0 END) AS fail_count_12m,
                       arg_max(level_of_execution, day) AS last_execution_level,
                       sum(CASE WHEN outcome >= 3 THEN n ELSE 0 END) AS warning_count_total,
                       sum(CASE WHEN outcome >= 3 AND day >= ref - 30 THEN n ELSE 0 END) AS warning_count_1m,
                       sum(CASE WHEN outcome >= 3 AND day >= ref - 90 THEN n ELSE 0 END) AS warning_count_3m,
                       sum(CASE WHEN outcome >= 3 AND day >= ref - 365 THEN n ELSE 0 END) AS warning_count_12m
                FROM valid, reference
                GROUP BY ALL
                ORDER BY source, tenant_id, dataset_uuid, dataset_name, rule_code
                """
                .formatted(files);
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
