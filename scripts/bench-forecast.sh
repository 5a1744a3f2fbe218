#!/usr/bin/env bash
# Forecast quality and speed on generated data (docs/forecasting.md shows a run).
#
#   scripts/bench-forecast.sh [WORK_DIR]
#
# 1. quality, on production-like noisy data (about 300 series over 400 days, ~3 executions per
#    series-day, pattern strength 0.75) for seeds 42 and 7 (SECOND_SEED): the model is trained on
#    all but the last 60 days and forecasts each of them one day ahead; the table compares the
#    mean with the baselines and an oracle that knows every series-day's true pass probability
#    (gap closed), the median's MAE with the baselines', and the intervals' coverage.
# 2. tuning: the same on seed 42 with train-model's --tune (TUNE_SECONDS, default 120).
# 3. speed: 1,000,000 generated rows; training wall time, batch-predict throughput on 1,000,000
#    requests with --history (target >= 100,000 rows/s), single-row scoring latency p50/p99.
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=target/dq-summarizer-0.1.0-SNAPSHOT.jar
WORK=${1:-target/bench-forecast}
SECOND_SEED=${SECOND_SEED:-7}
TUNE_SECONDS=${TUNE_SECONDS:-120}

if [[ ! -f $JAR ]]; then
    echo "building $JAR" >&2
    mvn -q -B package -DskipTests -Dspotless.check.skip=true
fi
dqs() { java -jar "$JAR" "$@"; }
# shellcheck source=scripts/bench-jar.sh
. scripts/bench-jar.sh
mkdir -p "$WORK"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

for seed in 42 "$SECOND_SEED"; do
    echo "=== quality: noisy data, seed $seed ==="
    bench forecast-quality --seed "$seed" --work "$WORK" 2>/dev/null
    echo
done

echo "=== tuning: noisy data, seed 42, --tune within ${TUNE_SECONDS} s ==="
bench forecast-quality --seed 42 --work "$WORK" --tune "$TUNE_SECONDS" 2>/dev/null
echo

echo "=== speed: 1,000,000 input rows ==="
dqs generate --output-dir "$WORK/data-1m" --rows 1000000 >/dev/null 2>&1
t0=$(now)
dqs train-model "$WORK/data-1m/rule_executions.csv" "$WORK/data-1m/rules.json" \
    --output-model "$WORK/model-1m.model.json" >"$WORK/train-1m.txt" 2>/dev/null
t1=$(now)
echo "train-model on 1,000,000 rows: $(elapsed "$t0" "$t1") s wall (JVM start included)"
tail -1 "$WORK/train-1m.txt"

bench bench-scoring --model "$WORK/model-1m.model.json" --history "$WORK/data-1m/rule_executions.csv" \
    --write-requests "$WORK/requests-1m.csv" --rows 1000000
t0=$(now)
dqs batch-predict --model "$WORK/model-1m.model.json" --input "$WORK/requests-1m.csv" \
    --output "$WORK/predictions-1m.csv" --history "$WORK/data-1m/rule_executions.csv" \
    2>"$WORK/batch-1m.txt"
t1=$(now)
grep 'rows/s' "$WORK/batch-1m.txt"
echo "batch-predict wall time with JVM start and history loading: $(elapsed "$t0" "$t1") s"
ls -l "$WORK"/model-*.model.json | awk '{ printf "model file %s: %d bytes\n", $NF, $5 }'
