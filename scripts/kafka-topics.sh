#!/usr/bin/env bash
# Creates the job's topics (CONTRACT.md §5 names) when missing:
#   scripts/kafka-topics.sh [BOOTSTRAP (127.0.0.1:9092)] [PARTITIONS (2)]
# dq.summaries is compacted (upserts by key); dq.models has one partition and no time limit.
# Uses the broker jars that scripts/kafka-local.sh resolved (a Kafka admin client).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bootstrap=${1:-127.0.0.1:${KAFKA_PORT:-9092}}
partitions=${2:-2}
cp=$("$root/scripts/kafka-local.sh" classpath)
exec java -cp "$cp" "$root/scripts/kafka-local/CreateTopics.java" "$bootstrap" "$partitions"
