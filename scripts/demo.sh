#!/usr/bin/env bash
# The demo: on a fresh machine, builds the project, generates realistic sample data, and runs
# the job on an embedded Flink: a bounded summary, then the streaming job with a forecasting
# model trained on the same data. Outputs land in ./demo-out (or $1).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/demo-out}
"$root/scripts/setup.sh"
dqs="$root/scripts/dqs"

echo "== generating sample data (100,000 rule executions, 50 datasets, a year) into $out/data"
"$dqs" generate --rows 100000 --seed 42 --output-dir "$out/data"

echo "== summarizing on an embedded Flink"
"$dqs" summarize "$out/data" "$out/data/rules.json" --output-dir "$out/summary"

echo "== training a forecasting model on the same data"
"$dqs" train-model "$out/data/rule_executions.csv" "$out/data/rules.json" \
  --output-model "$out/model/demo.model.json" 2>/dev/null | tail -n 9

echo "== the streaming job over the same files (bounded), with that model"
"$dqs" run --rules "$out/data/rules.json" --input "$out/data" \
  --model "$out/model/demo.model.json" --output-dir "$out/run" --web-ui-port "${DQS_DEMO_PORT:-8081}"

echo
echo "== outputs"
echo "summarize (bounded): $out/summary"
ls -l "$out/summary"
echo "dqs run (streaming job): $out/run"
ls -l "$out/run"
echo
echo "-- first rows of full_summary.csv:"
head -n 4 "$out/summary/full_summary.csv" | cut -c1-200
echo
echo "-- first sentences of nl_all_rows.txt:"
head -n 3 "$out/summary/nl_all_rows.txt"
echo
echo "-- run_report.json (records read, valid, dead-lettered by reason):"
python3 -c "import json; r=json.load(open('$out/summary/run_report.json')); print({k: r[k] for k in ('records_read','records_valid','records_dead_lettered','invariant_holds','summary_keys','reference_date')}); print(r['dead_letters_by_reason'])" 2>/dev/null || cat "$out/summary/run_report.json"
echo
echo "-- forecasts (predictions.csv; realized values in realized.csv):"
head -n 5 "$out/run/predictions.csv"
echo
echo "For the live job with its dashboard on http://127.0.0.1:8081, see 'dqs run --continuous' in README.md."
echo
echo "== the HTML report for data stewards (one file, works offline)"
"$dqs" report "$out/summary" "$out/run" --model "$out/model/demo.model.json" --output "$out/report.html" >/dev/null
echo "report: $out/report.html (open it in a browser: file://$out/report.html)"
