#!/usr/bin/env bash
# Drift benchmark: over several seeds and drift sizes, replays a generated year day by day the
# way the streaming job does (DriftSimulation: same detector, same trigger, same retrainer, no
# Flink) and reports detection delay, false alarms per simulated year on stationary data, and
# the realized error before and after the automatic swap. Figures go into docs/drift.md.
#
#   scripts/bench-drift.sh [SEEDS...]        default seeds: 1 2 3 7 42
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/bench-jar.sh
. "$root/scripts/bench-jar.sh"
seeds=("$@")
[ ${#seeds[@]} -eq 0 ] && seeds=(1 2 3 7 42)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dqs-bench-drift.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
sim() { java -Xmx1g -Djava.io.tmpdir="$tmp" -cp "$bench_jar" com.dataquality.dqs.bench.DriftSimulation "$@" 2>/dev/null | grep '^seed='; }

echo "# stationary data (no drift): false alarms"
for s in "${seeds[@]}"; do sim "$s" 0 0; done | tee "$tmp/stationary.txt"
echo "# drift on 2024-08-01 (fraction of series, shift of their pass probability)"
for spec in "0.3 -0.2" "0.3 -0.3" "0.3 -0.4" "0.5 -0.4"; do
  for s in "${seeds[@]}"; do sim "$s" $spec; done
done | tee "$tmp/drift.txt"

echo "# summary"
awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  FILENAME ~ /stationary/ { sd += v["quiet_days"]; se += v["false_events_per_year"] * v["quiet_days"]; st += v["triggers"]; n0++ ; next }
  {
    k = v["fraction"] " " v["size"]; runs[k]++
    if (v["delay_days"] != "none") { det[k]++; delay[k] += v["delay_days"] }
    if (v["swap_day"] != "none") { sw[k]++; b[k] += v["mae_before_swap"]; a[k] += v["mae_after_swap"]; kept[k] += v["mae_after_swap_if_kept"] }
    fe[k] += v["false_events_per_year"]
  }
  END {
    printf "stationary: %d runs, %.0f judged days, false drift events per year %.2f, retrain triggers %d\n", n0, sd, se / sd, st
    printf "%-16s %5s %9s %12s %6s %10s %10s %14s\n", "fraction size", "runs", "detected", "mean delay", "swaps", "MAE before", "MAE after", "MAE if kept"
    for (k in runs) printf "%-16s %5d %9d %12.1f %6d %10.3f %10.3f %14.3f\n", k, runs[k], det[k], det[k] ? delay[k] / det[k] : -1, sw[k], sw[k] ? b[k] / sw[k] : 0, sw[k] ? a[k] / sw[k] : 0, sw[k] ? kept[k] / sw[k] : 0
  }' "$tmp/stationary.txt" "$tmp/drift.txt"
