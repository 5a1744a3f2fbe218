#!/usr/bin/env bash
# Sustained Kafka benchmark of `dqs run --kafka` (issue 16), on a broker of its own
# (scripts/kafka-local.sh on other ports and its own directory, started fresh and stopped at the
# end) and the real CLI, each job a separate `dqs run` process with exactly-once outputs:
#
#   [BACKLOG=2000000] [PARALLELISMS="1 2"] [CHECKPOINT_INTERVAL=1s] [LATENCY_RATE=10000]
#   [LATENCY_SECONDS=60] [LATENCY_PARALLELISM=2] scripts/bench-kafka-sustained.sh
#
# 1. Throughput: BACKLOG generated records (`dqs generate --seed 7`, bad rows mixed in) are
#    published first (`dqs publish`). Then, for each parallelism, a fresh job reads the topic from
#    the start; its records_read counters (all subtasks) are scraped from its Prometheus endpoint
#    (--metrics-port) every second, and the steady rate is the slope between the moments it had
#    read 20% and 80% of the backlog (interpolated between scrapes): start-up and the tail are left
#    out. Scraping costs the job little at this pace (the page is large: every 0.25 s it took a
#    seventh of the job's CPU samples).
# 2. Latency: a fresh job at LATENCY_PARALLELISM runs on fresh topics while records are published
#    at LATENCY_RATE per second for LATENCY_SECONDS, their business date one day later every second
#    (bench helper summary-latency, see SummaryLatencyCommand.java for what is measured): p50/p99 of
#    publication of the record that closes a day -> that day's summary read with read_committed.
#    Target: p99 <= checkpoint interval + 0.5 s.
#
# Prints one line per measure and a summary; takes about 6 minutes with the defaults on 2 cores.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dqs="$root/scripts/dqs"
fail() { echo "bench-kafka-sustained: $*" >&2; exit 2; }

backlog=${BACKLOG:-2000000}
parallelisms=${PARALLELISMS:-1 2}
interval=${CHECKPOINT_INTERVAL:-1s}
lat_rate=${LATENCY_RATE:-10000}
lat_seconds=${LATENCY_SECONDS:-60}
lat_p=${LATENCY_PARALLELISM:-2}
[ $# -eq 0 ] || fail "takes no arguments (settings are environment variables, see the script's header)"
[[ "$backlog" =~ ^[1-9][0-9]*$ ]] || fail "BACKLOG must be a positive integer, got '$backlog'"
for p in $parallelisms $lat_p; do
  [[ "$p" =~ ^[1-9][0-9]*$ ]] || fail "parallelisms must be positive integers, got '$p'"
done
[[ "$interval" =~ ^[1-9][0-9]*(ms|s)$ ]] || fail "CHECKPOINT_INTERVAL must be like 1s or 500ms, got '$interval'"
[[ "$lat_rate" =~ ^[1-9][0-9]*$ ]] || fail "LATENCY_RATE must be a positive integer, got '$lat_rate'"
[[ "$lat_seconds" =~ ^[1-9][0-9]*$ ]] && [ "$lat_seconds" -ge 15 ] ||
  fail "LATENCY_SECONDS must be an integer of at least 15 (10 days of warm-up are left out), got '$lat_seconds'"
command -v python3 >/dev/null || fail "needs python3"

work=$root/target/bench-kafka-sustained
mkdir -p "$work"
# shellcheck source=scripts/bench-jar.sh
. "$root/scripts/bench-jar.sh"

# A broker of this benchmark's own: other ports and directory than a developer's kafka-local, so
# that neither disturbs the other; emptied first, so each run starts from the same state.
export KAFKA_PORT=${BENCH_KAFKA_PORT:-19092} KAFKA_CONTROLLER_PORT=${BENCH_KAFKA_CONTROLLER_PORT:-19093}
export KAFKA_LOCAL_DIR="$work/kafka" KAFKA_HEAP=${KAFKA_HEAP:-1g}
bootstrap=127.0.0.1:$KAFKA_PORT
job_pid=""
stop_job() {
  if [ -n "$job_pid" ]; then
    # scripts/dqs runs java as its child: end that JVM (the embedded cluster), then the script.
    local jvm
    jvm=$(pgrep -P "$job_pid" java || true)
    [ -z "$jvm" ] || kill -TERM $jvm 2>/dev/null || true
    wait "$job_pid" 2>/dev/null || true
    job_pid=""
  fi
}
cleanup() { stop_job; "$root/scripts/kafka-local.sh" stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
"$root/scripts/kafka-local.sh" stop >/dev/null 2>&1 || true
rm -rf "$KAFKA_LOCAL_DIR/data"
"$root/scripts/kafka-local.sh" start >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# All of a job's topics under one prefix, so that no run reads or writes another's; the input
# topic may be another's (the shared backlog).
topic_options() { # prefix [input_topic]
  local t=$1
  echo "--input-topic ${2:-$t.in} --summaries-topic $t.summaries --predictions-topic $t.predictions" \
    "--shadow-predictions-topic $t.shadow --drift-topic $t.drift --retrain-triggers-topic $t.triggers" \
    "--dead-letter-topic $t.dead --models-topic $t.models --comparisons-topic $t.comparisons" \
    "--anomalies-topic $t.anomalies"
}
# Starts `dqs run` in the background on the topics of prefix $1 (input topic $2) at parallelism $3;
# sets job_pid and metrics_port.
start_job() { # prefix input_topic parallelism
  metrics_port=$(free_port)
  local web_port
  web_port=$(free_port)
  # shellcheck disable=SC2046
  "$dqs" run --kafka "$bootstrap" --rules "$data/rules.json" $(topic_options "$1" "$2") \
    --parallelism "$3" --checkpoint-interval "$interval" \
    --metrics-port "$metrics_port" --web-ui-port "$web_port" --transactional-id-prefix "$1" \
    --output-dir "$work/out-$1" >"$work/$1.log" 2>&1 &
  job_pid=$!
}

data="$work/data-$backlog"
if [ ! -f "$data/rule_executions.csv" ]; then
  echo "bench-kafka-sustained: generating $backlog records..." >&2
  "$dqs" generate --rows "$backlog" --seed 7 --output-dir "$data" >/dev/null
fi
run="bks$(date +%s)"
# shellcheck disable=SC2046
"$dqs" topics --kafka "$bootstrap" --partitions 2 $(topic_options "$run") >/dev/null
t0=$(date +%s.%N)
"$dqs" publish --kafka "$bootstrap" --input "$data/rule_executions.csv" --topic "$run.in" >/dev/null
t1=$(date +%s.%N)
results="$work/results.txt"
{
  echo "# Sustained Kafka benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ): $(nproc) cores, checkpoint interval $interval, exactly-once outputs"
  python3 -c "print(f'backlog: {$backlog:,} records published in {$t1 - $t0:.1f} s = {$backlog / ($t1 - $t0):,.0f} records/s (dqs publish)')"
} | tee "$results"

for p in $parallelisms; do
  echo "bench-kafka-sustained: throughput at parallelism $p..." >&2
  # Output topics of this job's own; the input is the shared backlog, read from the start.
  # shellcheck disable=SC2046
  "$dqs" topics --kafka "$bootstrap" --partitions 2 $(topic_options "$run-p$p" "$run.in") >/dev/null
  start_job "$run-p$p" "$run.in" "$p"
  python3 - "$metrics_port" "$backlog" "$p" "$job_pid" <<'PY' | tee -a "$results"
import os, sys, time, urllib.request
port, backlog, p, pid = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
metric = "flink_taskmanager_job_task_operator_dqs_records_read"
def read():
    try:
        body = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2).read().decode()
    except OSError:
        return None
    return sum(float(l.rsplit(" ", 1)[1]) for l in body.splitlines() if l.startswith(metric + "{"))
start, samples, deadline = time.time(), [], time.time() + 900
while time.time() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(f"bench-kafka-sustained: the job at parallelism {p} exited early")
    n = read()
    if n is not None:
        samples.append((time.time(), n))
        if n >= backlog:
            break
    time.sleep(1)
else:
    sys.exit(f"bench-kafka-sustained: the job at parallelism {p} did not read the backlog in 15 min")
def at(fraction):  # when the count crossed a fraction of the backlog, between two scrapes
    goal = fraction * backlog
    for (t0, n0), (t1, n1) in zip(samples, samples[1:]):
        if n1 >= goal:
            return t0 + (t1 - t0) * (goal - n0) / (n1 - n0) if n1 > n0 else t1
    return samples[-1][0]
ta, tb = at(0.2), at(0.8)
first = next((t for t, n in samples if n > 0), ta)
print(f"throughput p={p}: {0.6 * backlog / (tb - ta):,.0f} records/s steady (20%-80% of the backlog,"
      f" {0.6 * backlog:,.0f} records in {tb - ta:.1f} s); whole backlog {backlog:,} in {samples[-1][0] - start:.1f} s"
      f" from process start, first record read after {first - start:.1f} s")
PY
  stop_job
done

echo "bench-kafka-sustained: latency at $lat_rate records/s, parallelism $lat_p..." >&2
lat="$run-lat"
# shellcheck disable=SC2046
"$dqs" topics --kafka "$bootstrap" --partitions 2 $(topic_options "$lat") >/dev/null
start_job "$lat" "$lat.in" "$lat_p"
# Publishing starts once the job reads: its records_read metric exists when its tasks run.
for _ in $(seq 1 240); do
  metrics=$(curl -fs "http://127.0.0.1:$metrics_port/metrics" 2>/dev/null || true)
  [[ "$metrics" == *$'\n'flink_taskmanager_job_task_operator_dqs_records_read\{* ]] && break
  kill -0 "$job_pid" 2>/dev/null || fail "the latency job exited early (see $work/$lat.log)"
  sleep 0.5
done
bench summary-latency --kafka "$bootstrap" --input-topic "$lat.in" --summaries-topic "$lat.summaries" \
  --rate "$lat_rate" --seconds "$lat_seconds" | sed "s/^/latency p=$lat_p, $lat_rate records\/s: /" | tee -a "$results"
stop_job
echo "bench-kafka-sustained: results in $results" >&2
