#!/usr/bin/env bash
# Benchmark of the streaming job `dqs run` (summaries and forecasts). In one run:
#   1. throughput: a bounded `dqs run` with a model over ROWS generated rows, net of the start-up
#      cost measured on a tiny input;
#   2. forecast latency p50/p99, read back from the job's own histogram metric through the REST
#      API of a continuous run over the same rows;
#   3. model swap: the time from a new model file landing in the watched models directory to
#      (a) the job serving it (the model_version gauge) and (b) the first forecast carrying its
#      version in predictions.csv (this includes waiting for the next day to close and for the
#      next checkpoint, which commits the file).
# Usage: scripts/bench-stream.sh [ROWS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dqs="$root/scripts/dqs"
rows=${1:-1000000}
work=${BENCH_DIR:-$root/bench-out}/stream
port=${BENCH_PORT:-8099}
mkdir -p "$work"

data="$work/data-$rows"
[ -f "$data/rule_executions.csv" ] || "$dqs" generate --rows "$rows" --seed 7 --output-dir "$data" >/dev/null
[ -f "$work/tiny/rule_executions.csv" ] || "$dqs" generate --rows 1000 --seed 7 --output-dir "$work/tiny" >/dev/null
[ -f "$work/m1.model.json" ] || "$dqs" train-model "$data/rule_executions.csv" "$data/rules.json" --output-model "$work/m1.model.json" >/dev/null 2>&1
[ -f "$work/m2.model.json" ] || "$dqs" train-model "$work/tiny/rule_executions.csv" "$work/tiny/rules.json" --output-model "$work/m2.model.json" >/dev/null 2>&1

run_bounded() { # input_dir out_dir -> wall seconds
  local start end
  start=$(date +%s.%N)
  "$dqs" run --rules "$1/rules.json" --input "$1/rule_executions.csv" --model "$work/m1.model.json" \
    --output-dir "$2" --web-ui-port "$port" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
  end=$(date +%s.%N)
  python3 -c "print($end - $start)"
}

echo "1. bounded run with forecasts..." >&2
tiny_wall=$(run_bounded "$work/tiny" "$work/out-tiny")
wall=$(run_bounded "$data" "$work/out-bounded")
# predictions.csv holds one row per forecast, after its header.
forecasts=$(( $(wc -l < "$work/out-bounded/predictions.csv") - 1 ))

echo "2. continuous run: forecast latency from the metric..." >&2
rm -rf "$work/watch" "$work/models" "$work/out-live"
mkdir -p "$work/watch" "$work/models"
"$dqs" run --rules "$data/rules.json" --input "$work/watch" --continuous --model "$work/m1.model.json" \
  --models-dir "$work/models" --monitor-interval 500ms --checkpoint-interval 1s \
  --output-dir "$work/out-live" --web-ui-port "$port" >"$work/live.out" 2>&1 &
live=$!
trap 'kill $live 2>/dev/null || true' EXIT

metric() { # vertex-substring metric-substring -> value (first match)
  python3 - "$port" "$1" "$2" <<'PY'
import json, sys, urllib.request
port, vertex, name = sys.argv[1], sys.argv[2], sys.argv[3]
def get(p):
    return json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}{p}", timeout=5))
try:
    jobs = [j for j in get("/jobs/overview")["jobs"] if j["state"] == "RUNNING"]
    job = jobs[0]["jid"]
    for v in get(f"/jobs/{job}")["vertices"]:
        if vertex in v["name"]:
            base = f"/jobs/{job}/vertices/{v['id']}/metrics"
            ids = [m["id"] for m in get(base) if m["id"].endswith(name)]
            if ids:
                print(get(base + "?get=" + ids[0])[0]["value"]); sys.exit(0)
except Exception:
    pass
print("")
PY
}
# The job is up when its REST API lists the forecast operator's metrics (the model gauges fill
# in with the first records: the initial model reaches the operator through its broadcast input).
until [ -n "$(metric 'Forecast next day' 'dqs.models_served')" ]; do sleep 1; done
cp "$data/rule_executions.csv" "$work/watch/.all.csv" && mv "$work/watch/.all.csv" "$work/watch/all.csv"
valid=$(python3 -c "import json;print(json.load(open('$data/generation_report.json'))['rows_written'])")
until [ "$(metric 'Route records, combine per key and day' 'dqs.records_read')" = "$valid" ]; do sleep 1; done
sleep 3
p50=$(metric 'Forecast next day' 'forecast_latency_us_median')
p99=$(metric 'Forecast next day' 'forecast_latency_us_p99')

echo "3. model swap..." >&2
v2=$(python3 -c "import json;print(json.load(open('$work/m2.model.json'))['version'])")
last=$(python3 -c "import json;print(json.load(open('$data/generation_report.json'))['end_date'])")
next=$(date -d "$last + 1 day" +%F); after=$(date -d "$last + 2 day" +%F)
t0=$(date +%s.%N)
cp "$work/m2.model.json" "$work/models/.m2.tmp" && mv "$work/models/.m2.tmp" "$work/models/m2.model.json"
until [ "$(metric 'Forecast next day' 'dqs.model_version')" = "$v2" ]; do sleep 0.1; done
t1=$(date +%s.%N)
# One record of each of two new days: the first closes the data's last day for its series.
head -1 "$data/rule_executions.csv" > "$work/watch/.next.csv"
sed -n 2p "$data/rule_executions.csv" | sed "s/20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]/$next/" >> "$work/watch/.next.csv"
sed -n 2p "$data/rule_executions.csv" | sed "s/20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]/$after/" >> "$work/watch/.next.csv"
mv "$work/watch/.next.csv" "$work/watch/next.csv"
until grep -q "$v2" "$work/out-live/predictions.csv" 2>/dev/null; do sleep 0.1; done
t2=$(date +%s.%N)
"$dqs" stop --savepoint-dir "$work/savepoints" --rest "http://127.0.0.1:$port" >/dev/null

python3 - "$valid" "$wall" "$tiny_wall" "$forecasts" "$p50" "$p99" "$t0" "$t1" "$t2" <<'PY'
import sys
n, wall, tiny, forecasts = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
p50, p99 = sys.argv[5], sys.argv[6]
t0, t1, t2 = map(float, sys.argv[7:10])
print(f"dqs run (bounded, summaries + forecasts) {n:,} rows: wall {wall:.1f} s, start-up {tiny:.1f} s, "
      f"net {n / max(wall - tiny, 1e-3):,.0f} rows/s, {forecasts:,} forecasts")
print(f"forecast latency (metric forecast_latency_us): p50 {float(p50):.0f} us, p99 {float(p99):.0f} us")
print(f"model swap: file landed -> served {t1 - t0:.2f} s; -> first forecast with its version in predictions.csv {t2 - t0:.2f} s")
PY
