#!/usr/bin/env bash
# Benchmark of `dqs summarize` (issue: summaries on Flink). Generates data with `dqs generate`,
# then, in one run so the figures compare:
#   - summarize on a tiny input: the fixed start-up cost (JVM, embedded Flink, job submission);
#   - summarize on ROWS rows: wall time, peak RSS, and rows/s net of that start-up cost;
#   - a bare single-pass read-and-parse of the same file without Flink: the practical limit;
#   - optionally (BIG_ROWS, default 10M) peak RSS on a much larger input: state grows with
#     keys, not rows, so it must stay flat.
# Usage: scripts/bench-summarize.sh [ROWS] [BIG_ROWS]   (BIG_ROWS=0 skips the large run)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dqs="$root/scripts/dqs"
rows=${1:-1000000}
big=${2:-10000000}
work=${BENCH_DIR:-$root/bench-out}
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }

gen() { # rows dir
  [ -f "$2/rule_executions.csv" ] || "$dqs" generate --rows "$1" --seed 7 --output-dir "$2" >/dev/null
}
# Runs summarize; prints "wall_seconds peak_rss_kib".
measure() { # input_dir out_dir
  /usr/bin/time -f "%e %M" -o "$work/time.txt" \
    "$dqs" summarize "$1/rule_executions.csv" "$1/rules.json" --output-dir "$2" >/dev/null 2>"$work/stderr.txt" \
    || { cat "$work/stderr.txt" >&2; exit 1; }
  cat "$work/time.txt"
}

echo "generating data (once; kept in $work)..." >&2
gen 1000 "$work/tiny"
gen "$rows" "$work/main"

"$dqs" summarize "$work/tiny/rule_executions.csv" "$work/tiny/rules.json" --output-dir "$work/warmup" >/dev/null 2>&1
read -r tiny_wall tiny_rss < <(measure "$work/tiny" "$work/out-tiny")
read -r wall rss < <(measure "$work/main" "$work/out-main")
bare=$("$dqs" bench-parse "$work/main/rule_executions.csv")
bare_rate=$(echo "$bare" | sed -E 's/.*= ([0-9]+) records\/s/\1/')
records=$(python3 -c "import json;print(json.load(open('$work/out-main/run_report.json'))['records_read'])")

python3 - "$rows" "$records" "$wall" "$tiny_wall" "$rss" "$bare_rate" <<'PY'
import sys
rows, records, wall, tiny, rss, bare = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
net = records / max(wall - tiny, 1e-3)
print(f"summarize {records:,} rows: wall {wall:.1f} s, start-up {tiny:.1f} s, net {net:,.0f} rows/s, peak RSS {rss/1024:.0f} MiB")
print(f"bare parse (1 thread, no Flink): {bare:,.0f} rows/s; job / bare parse = {net/bare:.2f}")
PY

if [ "$big" != "0" ]; then
  gen "$big" "$work/big"
  read -r bwall brss < <(measure "$work/big" "$work/out-big")
  brecords=$(python3 -c "import json;print(json.load(open('$work/out-big/run_report.json'))['records_read'])")
  bbare=$("$dqs" bench-parse "$work/big/rule_executions.csv" | sed -E 's/.*= ([0-9]+) records\/s/\1/')
  python3 -c "
b,w,t,r,bare=$brecords,$bwall,$tiny_wall,$brss,$bbare
net=b/max(w-t,1e-3)
print(f'summarize {b:,} rows: wall {w:.1f} s, net {net:,.0f} rows/s, peak RSS {r/1024:.0f} MiB')
print(f'bare parse of the same {b:,} rows: {bare:,.0f} rows/s; job / bare parse = {net/bare:.2f}')"
fi
