#!/usr/bin/env bash
# Checks (and where it can, installs) what the project needs on a fresh machine:
# Java 17+, Maven, and libgomp1 (OpenMP, needed by LightGBM's native library).
# With --browser, also Debian's chromium, for scripts/browser-test.sh (the report in a real browser).
set -euo pipefail
browser=false
[ "${1:-}" = "--browser" ] && browser=true
fail() { echo "setup: $*" >&2; exit 1; }

command -v java >/dev/null || fail "Java 17 is required (apt-get install -y openjdk-17-jdk-headless)"
major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
[ "${major%%.*}" -ge 17 ] 2>/dev/null || fail "Java 17 or newer is required, found $major"
command -v mvn >/dev/null || fail "Maven is required (apt-get install -y maven)"

if ! ldconfig -p 2>/dev/null | grep -q 'libgomp.so.1'; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing libgomp1 (OpenMP runtime for LightGBM)..." >&2
    (apt-get update -qq && apt-get install -y -qq libgomp1) >/dev/null
  else
    fail "libgomp1 is missing: sudo apt-get install -y libgomp1"
  fi
fi

if $browser && ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing chromium (headless browser tests of the HTML report)..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  else
    fail "chromium is missing: sudo apt-get install -y chromium"
  fi
fi
