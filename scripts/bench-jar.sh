#!/usr/bin/env bash
# Sourced by the scripts/bench-*.sh: builds the benchmark jar (mvn -Pbench package, its own
# build directory target/bench) when it is missing or older than the sources, and defines
# `bench ARGS...` to run it. The benchmarks are not part of the product's jar.
bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_jar="$bench_root/target/bench/dq-summarizer-bench.jar"
if [ ! -f "$bench_jar" ] || [ -n "$(find "$bench_root/src/main" "$bench_root/src/bench" "$bench_root/pom.xml" -newer "$bench_jar" -print -quit 2>/dev/null)" ]; then
  echo "bench: building $(basename "$bench_jar") (mvn -Pbench package)..." >&2
  (cd "$bench_root" && mvn -q -B -Pbench package -DskipTests -Dspotless.check.skip=true >&2)
fi
bench() {
  bench_java -jar "$bench_jar" "$@"
}
# `java ARGS...` with its own java.io.tmpdir, removed afterwards: LightGBM (and DuckDB) unpack
# native libraries there, and a second JVM rewriting LightGBM's under a running one crashes it.
bench_java() {
  local tmp status=0
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/dqs-bench.XXXXXX")
  # shellcheck disable=SC2086
  java ${DQS_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} -Djava.io.tmpdir="$tmp" "$@" || status=$?
  rm -rf "$tmp"
  return $status
}
