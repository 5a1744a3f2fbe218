#!/usr/bin/env bash
# Where the start-up of a bounded `dqs summarize` goes (issue 16): a tiny file (ROWS, default
# 2000) summarized REPEAT times (default 7) by each JAR given (default: the build's jar), runs of
# the jars interleaved, each a fresh JVM with the options of scripts/dqs (and its class-data
# sharing archive, JAR with .jsa for .jar, when there is one newer than the jar). The phases come
# from the timestamps of the run's log (ours and Flink's) and the wall clock around the process:
#
#   jvm+cli     process start -> `summarize` starts (JVM start-up, command-line parsing)
#   prepare     -> the mini cluster starts (a jar without the "command started" line: the
#                  whole time from process start) (inputs, rules, job graph, environment)
#   cluster     -> "Flink Mini Cluster started successfully" (of which: rpc = the Pekko actor
#                  systems, rest = the REST endpoint)
#   submit      -> the source reads its first split (job submission, slots, task deployment)
#   job         -> the job is FINISHED
#   finish      -> the process has exited (cluster shutdown, outputs written, JVM exit)
#
#   [REPEAT=7] [ROWS=2000] [DQS_CDS=off] scripts/bench-startup.sh [JAR...]
#
# A jar other than the build's needs its own archive for a fair comparison:
# scripts/cds-archive.sh create OTHER.jar. Prints each run and the medians per jar.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fail() { echo "bench-startup: $*" >&2; exit 2; }
repeat=${REPEAT:-7}
rows=${ROWS:-2000}
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || fail "REPEAT must be a positive integer, got '$repeat'"
[[ "$rows" =~ ^[1-9][0-9]*$ ]] || fail "ROWS must be a positive integer, got '$rows'"
command -v python3 >/dev/null || fail "needs python3"
jars=("$@")
if [ ${#jars[@]} -eq 0 ]; then
  # Builds the jar (and its archive) when it is missing or stale.
  "$root/scripts/dqs" --version >/dev/null
  jars=("$root/target/dq-summarizer-0.1.0-SNAPSHOT.jar")
fi
for j in "${jars[@]}"; do [ -f "$j" ] || fail "no such jar: $j"; done

work=$(mktemp -d "${TMPDIR:-/tmp}/dqs-startup.XXXXXX")
trap 'rm -rf "$work"' EXIT
java -jar "${jars[0]}" generate --rows "$rows" --seed 7 --output-dir "$work/data" >/dev/null 2>&1 ||
  fail "could not generate the input"
: >"$work/runs.txt"
for i in $(seq 0 "$repeat"); do
  for k in "${!jars[@]}"; do
    jar=${jars[$k]}
    run="$work/run-$k-$i"
    mkdir -p "$run/tmp"
    cds=""
    [ "${DQS_CDS:-on}" = off ] || cds=$("$root/scripts/cds-archive.sh" options "$jar")
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    java $cds -Xmx1g -XX:+UseParallelGC -Djava.io.tmpdir="$run/tmp" -Dlog.file="$run/dqs.log" \
      -jar "$jar" summarize "$work/data/rule_executions.csv" "$work/data/rules.json" \
      --output-dir "$run/out" >/dev/null 2>"$run/stderr.txt" ||
      { cat "$run/stderr.txt" >&2; fail "summarize failed with $jar"; }
    end=$(date +%s.%N)
    # Repetition 0 warms the page cache and is not counted.
    [ "$i" = 0 ] || echo "$k $i $start $end $run/dqs.log" >>"$work/runs.txt"
  done
done

python3 - "$work/runs.txt" "${jars[@]}" <<'PY'
import collections, datetime, re, statistics, sys
runs, jars = sys.argv[1], sys.argv[2:]
marks = [  # phase ends, in order: (name, pattern of the log line)
    ("jvm+cli", r"summarize: command started"),
    ("prepare", r"Starting Flink Mini Cluster"),
    ("rpc", r"Actor system started at pekko://flink-metrics"),
    ("rest_start", r"Starting rest endpoint"),
    ("rest", r"Rest endpoint listening at"),
    ("cluster", r"Flink Mini Cluster started successfully"),
    ("submit", r"Starting split fetcher"),
    ("job", r"switched from state RUNNING to FINISHED"),
]
def stamp(line):
    return datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp()
phases = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(runs):
    k, rep, start, end, log = line.split()
    start, end = float(start), float(end)
    t = {}
    for l in open(log, errors="replace"):
        for name, pat in marks:
            if name not in t and re.search(pat, l):
                t[name] = stamp(l)
    # A jar older than the "command started" line: its JVM, CLI and preparation as one.
    cli = t.get("jvm+cli")
    p = {
        "jvm+cli": cli - start if cli else float("nan"),
        "prepare": t["prepare"] - cli if cli else t["prepare"] - start,
        "cluster": t["cluster"] - t["prepare"],
        "  rpc": t["rpc"] - t["prepare"],
        "  rest": t["rest"] - t["rest_start"],
        "submit": t["submit"] - t["cluster"],
        "job": t["job"] - t["submit"],
        "finish": end - t["job"],
        "total": end - start,
    }
    print(f"jar {k} rep {rep}: " + ", ".join(f"{n.strip()} {v:.2f}" for n, v in p.items()))
    for n, v in p.items():
        phases[int(k)][n].append(v)
print("# medians in seconds (the log's timestamps have millisecond resolution)")
names = list(phases[0].keys())
print(f"{'phase':10}" + "".join(f"{'jar ' + str(k):>10}" for k in sorted(phases)))
for n in names:
    print(f"{n:10}" + "".join(f"{statistics.median(phases[k][n]):10.2f}" for k in sorted(phases)))
for k, j in enumerate(jars):
    print(f"jar {k}: {j}")
PY
