#!/usr/bin/env bash
# The HTML report in a real browser: makes real outputs (dqs generate -> train-model -> run, with
# drift, a model registry and a hand-made anomalies.jsonl), writes the report with 'dqs report', and
# opens it in headless Chromium (Debian's package, driven over the DevTools protocol from Java:
# ReportBrowserCheck), failing on any console error or network request and checking that charts
# are drawn, before and after a search and a click. Also opens a report of hostile names and one of
# summaries only. Ends with 'browser: N passed, M failed'.
#   scripts/browser-test.sh [--screenshot docs/images/report.png]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
screenshot=()
[ "${1:-}" = "--screenshot" ] && screenshot=(--screenshot "$(realpath -m "$2")")
t0=$(date +%s)
scripts/setup.sh --browser
dqs="$root/scripts/dqs"
jar="$root/target/dq-summarizer-0.1.0-SNAPSHOT.jar"
check_class=target/test-classes/com/dataquality/dqs/report/ReportBrowserCheck.class
if [ ! -f "$check_class" ] || [ -n "$(find src/test/java/com/dataquality/dqs/report -newer "$check_class" -print -quit)" ]; then
  echo "browser-test: compiling the test classes (mvn test-compile)..." >&2
  mvn -q -B test-compile -Dspotless.check.skip=true >&2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/dqs-browser.XXXXXX")
trap 'rm -rf "$work"' EXIT
port=$((20000 + RANDOM % 20000))

echo "browser-test: real outputs: generate (a drift from 2024-08-01), train on the days before it, run" >&2
"$dqs" generate --rows 30000 --seed 7 --datasets 20 --drift-date 2024-08-01 --drift-fraction 0.5 \
  --drift-size -0.4 --output-dir "$work/data" >/dev/null
"$dqs" generate --rows 17000 --days 210 --seed 7 --datasets 20 --output-dir "$work/train" >/dev/null
"$dqs" train-model "$work/train/rule_executions.csv" "$work/train/rules.json" \
  --output-model "$work/model/m.model.json" >/dev/null 2>&1
"$dqs" models add --promote --registry "$work/registry" "$work/model/m.model.json" >/dev/null
"$dqs" run --rules "$work/data/rules.json" --input "$work/data" --model "$work/model/m.model.json" \
  --output-dir "$work/run" --web-ui-port "$port" --checkpoint-interval 2s >/dev/null
# anomalies.jsonl as the anomaly stage will write it: the realized days farthest from their forecast.
awk -F, 'NR > 1 && $7 > 45 && n < 60 {
  n++; lo = $4 - 20; hi = $4 + 20; if (lo < 0) lo = 0; if (hi > 100) hi = 100
  printf "{\"dataset_uuid\":\"%s\",\"rule_code\":%s,\"business_date\":\"%s\",\"actual_pass_percentage\":%s,\"predicted_median\":%s,\"predicted_lower\":%s,\"predicted_upper\":%s,\"interval_level\":0.9,\"executions\":%s,\"model_version\":\"%s\",\"severity\":\"%s\",\"direction\":\"%s\"}\n",
    $1, $2, $3, $6, $4, lo, hi, $8, $5, ($7 > 60 ? "high" : "medium"), ($6 < $4 ? "down" : "up")
}' "$work/run/realized.csv" > "$work/run/anomalies.jsonl"
"$dqs" report "$work/run" --registry "$work/registry" --output "$work/run/report.html" >&2
t1=$(date +%s)
echo "browser-test: outputs and report in $((t1 - t0)) s; opening them in $(chromium --version 2>/dev/null | head -n 1)" >&2
# Its last line is the verdict, 'browser: N passed, M failed'; its exit code is this script's.
java -cp "$root/target/test-classes:$jar" com.dataquality.dqs.report.ReportBrowserCheck \
  --report "$work/run/report.html" --run-dir "$work/run" --work "$work/browser" "${screenshot[@]}"
