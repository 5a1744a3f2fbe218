#!/usr/bin/env bash
# The class-data sharing (AppCDS) archive of the dqs jar: a dqs command loads about 11,000
# classes (Flink, its Pekko RPC system, Jackson, ours) and spends a good part of its start-up
# reading and verifying them; from the archive they are mapped ready to use.
#
#   scripts/cds-archive.sh create JAR    writes JAR's archive (JAR with .jsa for .jar) from a
#                                        training run: `summarize` on a small generated file
#   scripts/cds-archive.sh options JAR   prints the JVM options that use the archive, or nothing
#                                        when it is missing or older than JAR
#
# `create` runs at package time (mvn package, see pom.xml) and takes about 15 s. The archive is
# only an optimization, so it is safe when missing, stale or broken: `options` leaves out an
# archive older than the jar, and the JVM itself falls back to loading classes normally when the
# archive does not match its jar or JDK (-Xshare:auto); its warning would land in the command's
# output, so it is silenced.
set -euo pipefail
fail() { echo "cds-archive: $*" >&2; exit 2; }
[ $# -eq 2 ] || fail "usage: cds-archive.sh create|options JAR"
jar=$2
archive="${jar%.jar}.jsa"

case "$1" in
  options)
    if [ -f "$jar" ] && [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
      echo "-XX:SharedArchiveFile=$archive -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
    fi
    ;;
  create)
    [ -f "$jar" ] || fail "no such jar: $jar"
    jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
    archive="${jar%.jar}.jsa"
    work=$(mktemp -d "${TMPDIR:-/tmp}/dqs-cds.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    rm -f "$archive"
    mkdir -p "$work/tmp"
    # The same JVM options as scripts/dqs; java.io.tmpdir of its own (LightGBM, see scripts/dqs).
    java=(java -Xmx1g -XX:+UseParallelGC -Djava.io.tmpdir="$work/tmp")
    "${java[@]}" -jar "$jar" generate --rows 2000 --seed 7 --output-dir "$work/data" >/dev/null 2>&1 ||
      fail "the training data could not be generated"
    # The absolute jar path, as scripts/dqs gives it: the archive records the class path.
    "${java[@]}" -XX:ArchiveClassesAtExit="$work/dqs.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -jar "$jar" summarize "$work/data/rule_executions.csv" "$work/data/rules.json" \
      --output-dir "$work/out" >/dev/null 2>&1 || fail "the training run failed"
    mv "$work/dqs.jsa" "$archive"
    echo "cds-archive: wrote $archive ($(du -m "$archive" | cut -f1) MB)"
    ;;
  *) fail "unknown action '$1': expected create or options" ;;
esac
