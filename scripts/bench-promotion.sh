#!/usr/bin/env bash
# Promotion benchmark: over several seeds, how the running job's challenger comparison decides
# (PromotionSimulation: the job's decision rule on generated years, no Flink). Reports false
# promotions between two equally good models over a stationary June-December, and the days a
# retrained challenger needs to be promoted after a drift. Figures go into the README.
#
#   scripts/bench-promotion.sh [SEEDS...]        default seeds: 1 2 3 7 42
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/bench-jar.sh
. "$root/scripts/bench-jar.sh"
seeds=("$@")
[ ${#seeds[@]} -eq 0 ] && seeds=(1 2 3 7 42)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dqs-bench-promotion.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for s in "${seeds[@]}"; do
  java -Xmx1g -Djava.io.tmpdir="$tmp" -cp "$bench_jar" \
    com.dataquality.dqs.bench.PromotionSimulation "$s" 2>/dev/null | grep '^seed='
done | tee "$tmp/runs.txt"

echo "# summary"
awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  {
    n++; comparisons += 2; days += 2 * v["stationary_days"]; fp += v["stationary_false_promotions"]
    if (v["drift_decision"] == "B_better") { promoted++; dd += v["drift_days_to_decision"]; if (v["drift_days_to_decision"] > worst) worst = v["drift_days_to_decision"] }
    mc += v["drift_mae_champion"]; mx += v["drift_mae_challenger"]
  }
  END {
    printf "stationary: %d comparisons of equal models, %d compared days, false promotions: %d\n", comparisons, days, fp
    printf "drift: %d of %d retrained challengers promoted, days to decision mean %.1f, max %d; MAE champion %.2f, challenger %.2f\n", promoted, n, promoted ? dd / promoted : 0, worst, mc / n, mx / n
  }' "$tmp/runs.txt"
