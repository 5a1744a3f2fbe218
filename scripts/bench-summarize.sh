#!/usr/bin/env bash
# Benchmark of `dqs summarize` (issue: summaries on Flink). Generates data with `dqs generate`,
# then, in one run so the figures compare, REPEAT times (default 5), interleaved so that a busy
# moment of this shared machine hits every measure alike:
#   - summarize on a tiny input: the fixed start-up cost (JVM, embedded Flink, job submission);
#   - summarize on ROWS rows: wall time, peak RSS, and rows/s net of that start-up cost;
#   - a bare single-pass read-and-parse of the same file without Flink: the practical limit;
#   - optionally (BIG_ROWS, default 10M) the same on a much larger input, whose peak RSS must
#     stay flat: state grows with keys, not rows.
# Each repetition's figures are printed, then the medians. Start-up is taken as the median of
# the tiny runs: it varies by half a second between JVMs here, and subtracting one run's noise
# from another's would move the net rate of 1M rows by a fifth.
# Usage: [REPEAT=5] scripts/bench-summarize.sh [ROWS] [BIG_ROWS]   (BIG_ROWS=0 skips the large run)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dqs="$root/scripts/dqs"
# shellcheck source=scripts/bench-jar.sh
. "$root/scripts/bench-jar.sh"
rows=${1:-1000000}
big=${2:-10000000}
repeat=${REPEAT:-5}
work=${BENCH_DIR:-$root/bench-out}
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }

gen() { # rows dir
  [ -f "$2/rule_executions.csv" ] || "$dqs" generate --rows "$1" --seed 7 --output-dir "$2" >/dev/null
}
# Runs summarize; prints "wall_seconds peak_rss_kib records_read".
measure() { # input_dir out_dir
  /usr/bin/time -f "%e %M" -o "$work/time.txt" \
    "$dqs" summarize "$1/rule_executions.csv" "$1/rules.json" --output-dir "$2" >/dev/null 2>"$work/stderr.txt" \
    || { cat "$work/stderr.txt" >&2; exit 1; }
  echo "$(cat "$work/time.txt") $(python3 -c "import json;print(json.load(open('$2/run_report.json'))['records_read'])")"
}
bare() { # input_dir -> records/s
  bench bench-parse "$1/rule_executions.csv" | sed -E 's/.*= ([0-9]+) records\/s/\1/'
}

echo "generating data (once; kept in $work)..." >&2
gen 1000 "$work/tiny"
gen "$rows" "$work/main"
[ "$big" = "0" ] || gen "$big" "$work/big"
"$dqs" summarize "$work/tiny/rule_executions.csv" "$work/tiny/rules.json" --output-dir "$work/warmup" >/dev/null 2>&1

results="$work/summarize-results.txt"
: >"$results"
for i in $(seq 1 "$repeat"); do
  echo "repetition $i of $repeat..." >&2
  read -r tiny_wall _ _ < <(measure "$work/tiny" "$work/out-tiny")
  read -r wall rss records < <(measure "$work/main" "$work/out-main")
  rate=$(bare "$work/main")
  line="$tiny_wall $records $wall $rss $rate"
  if [ "$big" != "0" ]; then
    read -r bwall brss brecords < <(measure "$work/big" "$work/out-big")
    brate=$(bare "$work/big")
    line="$line $brecords $bwall $brss $brate"
  fi
  echo "$line" >>"$results"
done

python3 - "$results" <<'PY'
import statistics, sys
runs = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
tinies = [r[0] for r in runs]
tiny = statistics.median(tinies)
print(f"start-up (tiny runs): median {tiny:.2f} s, range {min(tinies):.2f}-{max(tinies):.2f} s")
def report(label, cols):
    nets, ratios, rsss = [], [], []
    for i, r in enumerate(runs, 1):
        records, wall, rss, bare = (r[c] for c in cols)
        net = records / max(wall - tiny, 1e-3)
        nets.append(net); ratios.append(net / bare); rsss.append(rss / 1024)
        print(f"  {i}: {records:,.0f} rows: wall {wall:.2f} s, net {net:,.0f} rows/s, "
              f"peak RSS {rss/1024:.0f} MiB; bare parse {bare:,.0f} rows/s; job / bare parse = {net/bare:.2f}")
    print(f"{label}: median net {statistics.median(nets):,.0f} rows/s, median job / bare parse "
          f"{statistics.median(ratios):.2f} (range {min(ratios):.2f}-{max(ratios):.2f}), "
          f"peak RSS {min(rsss):.0f}-{max(rsss):.0f} MiB")
report("summarize", (1, 2, 3, 4))
if len(runs[0]) > 5:
    report("summarize, large input", (5, 6, 7, 8))
PY
