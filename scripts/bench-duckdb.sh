#!/usr/bin/env bash
# `dqs summarize` side by side with DuckDB's SQL computing the same summary (issue 16): whole
# processes, each a fresh JVM, timed by GNU time (wall seconds and peak RSS).
#
#   [REPEAT=5] [DUCKDB_THREADS=2] [BENCH_DIR=target/bench-duckdb-data] scripts/bench-duckdb.sh [ROWS...]
#
# ROWS defaults to "1000000 10000000"; each size is generated once with
# `dqs generate --rows ROWS --seed 7` (bad rows mixed in) and kept in BENCH_DIR. Then, REPEAT
# times, every size and both tools run in turn, so that a busy moment of this shared machine hits
# both alike; the order of the two alternates between repetitions. Printed: each repetition's
# times, peak RSS and ratio (summarize / DuckDB), then the medians per size.
#
# DuckDB runs with 2 threads by default, as many as the cores of the machine the targets are set
# for, and as the two busy threads of `dqs summarize`; DUCKDB_THREADS="2 1" measures both counts.
# Its query (src/bench/java/.../DuckDbSummary.java) is as strict as our parser, so it does not count
# rows we reject; after the first repetition the script checks that both give the same keys and
# the same counts per key (and the same latest date), and fails when they do not. The latest
# record counts and level may differ on keys with several records on their latest date: DuckDB
# cannot tell which of them was read last; how many keys that is, is printed.
#
# DuckDB's JDBC driver comes from the bench-duckdb Maven profile (mvn -Pbench-duckdb validate), so
# the product never depends on it. Takes about 8 minutes on 2 cores with the defaults (the 10M-row
# file is about 2.2 GB; its generation adds 2 minutes the first time).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dqs="$root/scripts/dqs"
fail() { echo "bench-duckdb: $*" >&2; exit 2; }

repeat=${REPEAT:-5}
threads=${DUCKDB_THREADS:-2}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || fail "REPEAT must be a positive integer, got '$repeat'"
for n in "${sizes[@]}"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || fail "ROWS must be positive integers, got '$n'"
done
for t in $threads; do
  [[ "$t" =~ ^[1-9][0-9]*$ ]] || fail "DUCKDB_THREADS must be positive integers, got '$t'"
done
[ -x /usr/bin/time ] || fail "needs GNU time (apt-get install -y time)"
command -v python3 >/dev/null || fail "needs python3"

work=${BENCH_DIR:-$root/target/bench-duckdb-data}
mkdir -p "$work"
# shellcheck source=scripts/bench-jar.sh
. "$root/scripts/bench-jar.sh"
duckdb_jar="$root/target/bench-duckdb/duckdb_jdbc.jar"
if [ ! -f "$duckdb_jar" ]; then
  echo "bench-duckdb: fetching DuckDB's JDBC driver (mvn -Pbench-duckdb validate)..." >&2
  (cd "$root" && { mvn -q -B -o -Pbench-duckdb validate >/dev/null 2>&1 ||
    mvn -q -B -Pbench-duckdb validate >&2; }) || fail "could not get DuckDB's JDBC driver"
fi
# The compiled classes, not the shaded jar: DuckDbSummary needs only the JDK and the driver, and
# the JVM need not open a 100 MB jar.
duckdb_cp="$root/target/bench/classes:$duckdb_jar"

label() { python3 -c "n=$1; print(f'{n/1e6:g}M' if n >= 1e6 else f'{n/1e3:g}k')"; }

echo "bench-duckdb: generating data (once; kept in $work)..." >&2
for n in "${sizes[@]}"; do
  d="$work/rows-$n"
  if [ ! -f "$d/rule_executions.csv" ]; then
    "$dqs" generate --rows "$n" --seed 7 --output-dir "$d" >/dev/null
  fi
done

# Runs one tool on one size; appends "size tool threads rep wall_s rss_kib" to the results.
run_summarize() { # size rep
  local d="$work/rows-$1"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$dqs" summarize "$d/rule_executions.csv" \
    "$d/rules.json" --output-dir "$work/out-summarize-$1" >/dev/null 2>"$work/stderr.txt" ||
    { cat "$work/stderr.txt" >&2; fail "dqs summarize failed on $d"; }
  echo "$1 summarize 0 $2 $(cat "$work/time.txt")" >>"$results"
}
run_duckdb() { # size threads rep
  local d="$work/rows-$1" tmp
  # Its own java.io.tmpdir, where the driver unpacks its native library (as scripts/dqs does).
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/dqs-duckdb.XXXXXX")
  /usr/bin/time -f "%e %M" -o "$work/time.txt" java -Djava.io.tmpdir="$tmp" -cp "$duckdb_cp" \
    com.dataquality.dqs.bench.DuckDbSummary "$work/duckdb-$1-$2.csv" "$2" \
    "$d/rule_executions.csv" >/dev/null 2>"$work/stderr.txt" ||
    { rm -rf "$tmp"; cat "$work/stderr.txt" >&2; fail "the DuckDB query failed on $d"; }
  rm -rf "$tmp"
  echo "$1 duckdb $2 $3 $(cat "$work/time.txt")" >>"$results"
}
run_pair() { # size rep
  local t
  if [ $(($2 % 2)) -eq 1 ]; then
    run_summarize "$1" "$2"
    for t in $threads; do run_duckdb "$1" "$t" "$2"; done
  else
    for t in $threads; do run_duckdb "$1" "$t" "$2"; done
    run_summarize "$1" "$2"
  fi
}

results="$work/results.txt"
: >"$results"
# One untimed run of each, so the first repetition does not pay for a cold page cache alone.
echo "bench-duckdb: warming up..." >&2
for n in "${sizes[@]}"; do run_pair "$n" 0; done
: >"$results"

for i in $(seq 1 "$repeat"); do
  echo "bench-duckdb: repetition $i of $repeat..." >&2
  for n in "${sizes[@]}"; do
    run_pair "$n" "$i"
    if [ "$i" = 1 ]; then
      for t in $threads; do
        python3 "$root/scripts/bench-duckdb-check.py" "$work/out-summarize-$n/full_summary.csv" \
          "$work/duckdb-$n-$t.csv" "$(label "$n") rows, DuckDB $t threads" ||
          fail "the two summaries of $n rows differ (see above)"
      done
    fi
  done
done

echo "# dqs summarize vs DuckDB $(basename "$duckdb_jar" .jar) (whole processes, $(nproc) cores," \
  "DuckDB threads: $threads, $repeat repetitions interleaved), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
python3 - "$results" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(dict)  # (size, rep) -> {tool: (wall, rss)}
for line in open(sys.argv[1]):
    size, tool, threads, rep, wall, rss = line.split()
    key = "summarize" if tool == "summarize" else f"duckdb-{threads}"
    runs[(int(size), int(rep))][key] = (float(wall), int(rss) / 1024)
sizes = sorted({s for s, _ in runs})
for size in sizes:
    label = f"{size / 1e6:g}M" if size >= 1e6 else f"{size / 1e3:g}k"
    reps = sorted(r for s, r in runs if s == size)
    tools = sorted(k for k in runs[(size, reps[0])] if k != "summarize")
    ratios = collections.defaultdict(list)
    for r in reps:
        m = runs[(size, r)]
        sw, srss = m["summarize"]
        parts = [f"summarize {sw:6.2f} s {srss:5.0f} MiB"]
        for t in tools:
            dw, drss = m[t]
            ratios[t].append(sw / dw)
            parts.append(f"{t} {dw:6.2f} s {drss:5.0f} MiB, ratio {sw / dw:.2f}")
        print(f"{label} rep {r}: " + "; ".join(parts))
    def med(tool, i):
        return statistics.median(runs[(size, r)][tool][i] for r in reps)
    def peak(tool):
        return max(runs[(size, r)][tool][1] for r in reps)
    for t in tools:
        rs = ratios[t]
        print(f"{label} median: summarize {med('summarize', 0):.2f} s, {t} {med(t, 0):.2f} s;"
              f" ratio summarize / {t} median {statistics.median(rs):.2f}"
              f" (range {min(rs):.2f}-{max(rs):.2f}); peak RSS summarize {peak('summarize'):.0f} MiB,"
              f" {t} {peak(t):.0f} MiB")
PY
