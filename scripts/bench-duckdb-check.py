#!/usr/bin/env python3
"""Checks that DuckDB's summary (scripts/bench-duckdb.sh) agrees with full_summary.csv.

Usage: bench-duckdb-check.py FULL_SUMMARY_CSV DUCKDB_CSV LABEL

Fails (exit 1) unless both have the same keys and, per key, the same pass, fail and warning
counts (total, 1m, 3m, 12m) and the same latest business date. The latest record counts and
execution level are only reported: on a key with several records on its latest date, our summary
takes the one read last, which DuckDB's parallel CSV reader cannot tell.
"""
import csv
import sys

KEY = ("source", "tenant_id", "dataset_uuid", "dataset_name", "rule_code")
CHECKED = [f"{o}_count_{w}" for o in ("pass", "fail", "warning") for w in ("total", "1m", "3m", "12m")]
CHECKED.append("business_date_latest")
TIES = ("dataset_record_count_latest", "filtered_record_count_latest", "last_execution_level")


def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {tuple(r[k] for k in KEY): r for r in csv.DictReader(f)}


def main(ours_path, duck_path, label):
    ours, duck = load(ours_path), load(duck_path)
    only_ours, only_duck = ours.keys() - duck.keys(), duck.keys() - ours.keys()
    common = ours.keys() & duck.keys()
    differ = [k for k in common if any(ours[k][c] != duck[k][c] for c in CHECKED)]
    ties = sum(1 for k in common if any(ours[k][c] != duck[k][c] for c in TIES))
    valid = sum(int(ours[k][f"{o}_count_total"]) for k in ours for o in ("pass", "fail", "warning"))
    ok = not (only_ours or only_duck or differ)
    print(f"check {label}: {len(ours)} keys ({valid:,} valid records) in full_summary.csv,"
          f" {len(duck)} in DuckDB's; {len(only_ours)} only ours, {len(only_duck)} only DuckDB's,"
          f" {len(differ)} with different counts or latest date: {'SAME' if ok else 'DIFFERENT'};"
          f" latest counts/level differ on {ties} keys (ties on the latest date)")
    for k in sorted(differ)[:5]:
        diffs = {c: (ours[k][c], duck[k][c]) for c in CHECKED if ours[k][c] != duck[k][c]}
        print(f"  {k}: {diffs}")
    for k in sorted(only_ours | only_duck)[:5]:
        print(f"  {k} is {'only ours' if k in ours else 'only DuckDB'}")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print("usage: bench-duckdb-check.py FULL_SUMMARY_CSV DUCKDB_CSV LABEL", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
