#!/usr/bin/env bash
# Drift benchmark: over several seeds and drift sizes, replays a generated year day by day the
# way the streaming job does (DriftSimulation: same detector, same trigger, same retrainer, no
# Flink) and reports detection delay, false drift events on stationary data, the events of one
# drift episode, and the realized error before and after the automatic swap. Figures go into
# docs/drift.md.
#
#   scripts/bench-drift.sh [SEEDS...]        default seeds: 1 2 3 7 42
#   RETRAIN=noretrain scripts/bench-drift.sh the initial model serves all year (no swap)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/bench-jar.sh
. "$root/scripts/bench-jar.sh"
seeds=("$@")
[ ${#seeds[@]} -eq 0 ] && seeds=(1 2 3 7 42)
mode="${RETRAIN:-}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dqs-bench-drift.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
sim() { java -Xmx1g -Djava.io.tmpdir="$tmp" -cp "$bench_jar" com.dataquality.dqs.bench.DriftSimulation "$@" $mode 2>/dev/null | grep '^seed='; }

echo "# stationary data (no drift): false alarms"
for s in "${seeds[@]}"; do sim "$s" 0 0; done | tee "$tmp/stationary.txt"
echo "# drift on 2024-08-01 (fraction of series, shift of their pass probability)"
for spec in "0.3 -0.2" "0.3 -0.3" "0.3 -0.4" "0.5 -0.4"; do
  for s in "${seeds[@]}"; do sim "$s" $spec; done
done | tee "$tmp/drift.txt"

echo "# summary"
awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  FILENAME ~ /stationary/ { sd += v["quiet_days"]; se += v["false_events"]; st += v["triggers"]; n0++ ; next }
  {
    k = v["fraction"] " " v["size"]; runs[k]++
    if (v["delay_days"] != "none") { det[k]++; delay[k] += v["delay_days"] }
    if (v["swap_day"] != "none") { sw[k]++; b[k] += v["mae_before_swap"]; a[k] += v["mae_after_swap"]; kept[k] += v["mae_after_swap_if_kept"] }
    fe[k] += v["false_events"]; ie[k] += v["initial_model_events_after_drift"]; io[k] += v["initial_model_episodes_after_drift"]
  }
  END {
    printf "stationary: %d runs, %.0f judged days, false drift events %d (%.2f per year), retrain triggers %d\n", n0, sd, se, se * 365 / sd, st
    printf "%-14s %4s %8s %10s %12s %14s %5s %10s %10s %12s\n", "fraction size", "runs", "detected", "mean delay", "events/run*", "episodes/run*", "swaps", "MAE before", "MAE after", "MAE if kept"
    for (k in runs) printf "%-14s %4d %8d %10.1f %12.1f %14.1f %5d %10.3f %10.3f %12.3f\n", k, runs[k], det[k], det[k] ? delay[k] / det[k] : -1, ie[k] / runs[k], io[k] / runs[k], sw[k], sw[k] ? b[k] / sw[k] : 0, sw[k] ? a[k] / sw[k] : 0, sw[k] ? kept[k] / sw[k] : 0
    print "* events and episode openings of the initial model after the drift date, until it is replaced"
  }' "$tmp/stationary.txt" "$tmp/drift.txt"
