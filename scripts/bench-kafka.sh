#!/usr/bin/env bash
# Kafka benchmark: records/s from the input topic to committed outputs, and end-to-end latency
# from a record's publication to its summary update (p50, p99). Needs no Docker: uses the broker
# of scripts/kafka-local.sh (started here when not running, and stopped again afterwards).
#
#   scripts/bench-kafka.sh [ROWS (200000)] [PARALLELISM (2)] [CHECKPOINT_INTERVAL (1s)]
#
# What is measured (see also docs/kafka.md "Benchmark"):
# - throughput: ROWS generated records are first published to a fresh input topic; then a
#   --bounded job reads them all and finishes. A bounded job finishes only after its final
#   checkpoint committed all output transactions, so records / job wall time (job start-up
#   included) is the rate from the input topic to outputs a read_committed consumer can see.
# - latency: a summary update is published when the event-time watermark passes the end of a
#   record's business day, not per record. So an unbounded job is fed rounds of one record per
#   key, each round dated one day after the one before; a round's arrival closes the previous
#   day. Latency = from the moment a round is acknowledged by Kafka to the moment a
#   read_committed consumer sees the first / the last summary of the day it closed. It includes
#   the watermark interval (200 ms), the wait for the next checkpoint (up to one interval: the
#   transactions commit on checkpoints) and the commit itself; it is dominated by the interval.
# Results go to stdout and target/bench-kafka.txt.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rows=${1:-200000}
parallelism=${2:-2}
interval=${3:-1s}
export KAFKA_PORT=${KAFKA_PORT:-9092}
bootstrap=127.0.0.1:$KAFKA_PORT
data="$root/target/bench-kafka-data-$rows"
out="$root/target/bench-kafka.txt"

# shellcheck source=scripts/bench-jar.sh
. "$root/scripts/bench-jar.sh"
started=""
if ! "$root/scripts/kafka-local.sh" status > /dev/null 2>&1; then
  "$root/scripts/kafka-local.sh" start
  started=yes
fi
cleanup() { if [ -n "$started" ]; then "$root/scripts/kafka-local.sh" stop; fi; }
trap cleanup EXIT

if [ ! -f "$data/rules.json" ]; then
  "$root/scripts/dqs" generate --output-dir "$data" --rows "$rows" --days 365 --datasets 50 --rules 20
fi

{
  echo "# Kafka benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ): $rows rows, parallelism $parallelism, checkpoint interval $interval, $(nproc) cores"
  DQS_JAVA_OPTS=${DQS_JAVA_OPTS:--Xmx2g} bench bench-kafka --kafka "$bootstrap" \
    --input "$data" --rules "$data/rules.json" --parallelism "$parallelism" \
    --checkpoint-interval "$interval"
} | tee "$out"
