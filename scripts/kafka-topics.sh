#!/usr/bin/env bash
# Creates the job's topics (CONTRACT.md §5 names) when missing, with 'dqs topics':
#   scripts/kafka-topics.sh [BOOTSTRAP (127.0.0.1:9092)] [PARTITIONS (2)] [more 'dqs topics' options]
# dq.summaries is compacted (upserts by key); dq.models has one partition and no time limit.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bootstrap=${1:-127.0.0.1:${KAFKA_PORT:-9092}}
partitions=${2:-2}
shift $(( $# > 2 ? 2 : $# ))
exec "$root/scripts/dqs" topics --kafka "$bootstrap" --partitions "$partitions" "$@"
