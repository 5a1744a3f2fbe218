#!/usr/bin/env bash
# A real Flink 2.2 session cluster on this host: one JobManager and N TaskManagers, each a
# separate background JVM, with Flink's modules resolved from Maven Central (the binary
# distribution, flink-dist, is not published there) and no Docker. The configuration is the
# project's own flink-conf/config.yaml with only addresses, ports and state directories
# changed, so what runs here is what docker-compose.yml and a real cluster run.
#
#   scripts/flink-local.sh assemble            # lib/ and plugins/ from scripts/flink-local/pom.xml (cached)
#   scripts/flink-local.sh conf                # conf/ from flink-conf/ (done by start too)
#   scripts/flink-local.sh start [N]           # JobManager + N TaskManagers (default 2), waits for them
#   scripts/flink-local.sh status|stop
#   scripts/flink-local.sh kill-tm I           # kill -9 TaskManager I (1-based)
#   scripts/flink-local.sh start-tm I          # start TaskManager I again
#   scripts/flink-local.sh flink ARGS...       # the Flink CLI, as bin/flink ARGS...
#   scripts/flink-local.sh log [jm|tm I]       # path and last lines of a log
#
# Settings (environment):
#   FLINK_LOCAL_DIR     target/flink-local: lib/ plugins/ conf/ log/ state/ run/ tmp/
#   FLINK_CONF_SOURCE   flink-conf (the directory users deploy; config.yaml, log4j-*.properties)
#   FLINK_REST_PORT     18081  dashboard and REST API on 127.0.0.1 (8081 is the embedded job's)
#   FLINK_RPC_PORT      16123  JobManager RPC
#   FLINK_BLOB_PORT     16124  JobManager blob server
#   FLINK_PROM_PORTS    9250-9260  Prometheus reporter: a range, each JVM takes the next free port
#   FLINK_JM_MEMORY     1024m  JobManager process size (jobmanager.memory.process.size)
#   FLINK_TM_MEMORY     1536m  TaskManager process size (taskmanager.memory.process.size); below
#                              ~1.5g the RocksDB managed memory leaves the tasks a tiny heap
#   FLINK_START_TIMEOUT 120    seconds to wait for the REST API and the TaskManagers
#   JVM_ARGS                   extra JVM options for every Flink JVM (as in Flink's scripts)
# TaskManager ports (RPC, data) are 0: the OS picks free ones, so TaskManagers never collide.
# Checkpoints and savepoints go to FLINK_LOCAL_DIR/state; delete it to start empty.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${FLINK_LOCAL_DIR:-$root/target/flink-local}
conf_source=${FLINK_CONF_SOURCE:-$root/flink-conf}
rest_port=${FLINK_REST_PORT:-18081}
rpc_port=${FLINK_RPC_PORT:-16123}
blob_port=${FLINK_BLOB_PORT:-16124}
prom_ports=${FLINK_PROM_PORTS:-9250-9260}
jm_memory=${FLINK_JM_MEMORY:-1024m}
tm_memory=${FLINK_TM_MEMORY:-1536m}
start_timeout=${FLINK_START_TIMEOUT:-120}
pom="$root/scripts/flink-local/pom.xml"
lib="$dir/lib"
plugins="$dir/plugins"
conf="$dir/conf"
logs="$dir/log"
run="$dir/run"
rest="http://127.0.0.1:$rest_port"
bash_utils=org.apache.flink.runtime.util.bash.BashJavaUtils

# What bin/config.sh exports, so the JVMs find their configuration, jars and plugins.
export FLINK_CONF_DIR="$conf" FLINK_LIB_DIR="$lib" FLINK_PLUGINS_DIR="$plugins"

say() { echo "flink-local: $*"; }
fail() { echo "flink-local: $*" >&2; exit 1; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
jm_pidfile() { echo "$run/jobmanager.pid"; }
tm_pidfile() { echo "$run/taskmanager-$1.pid"; }
tm_index() { [[ "${1:-}" =~ ^[1-9][0-9]*$ ]] || fail "a TaskManager index is 1, 2, ...; got '${1:-}'"; }

# ---------------------------------------------------------------------------------- assemble

# Classes that may be in two jars of lib/: flink-connector-files bundles flink-connector-base
# unrelocated (Flink's own build shades it in), at the same version, so the copies are identical.
allowed_duplicates='^org/apache/flink/connector/base/'

check_lib() {
  local listing dups
  listing=$(mktemp)
  # One line per class: "path/Name.class jar". Multi-release and module-info entries are
  # per-jar by design and not conflicts.
  for jar in "$lib"/*.jar; do
    unzip -Z1 "$jar" | grep '\.class$' | grep -v -e '^META-INF/' -e 'module-info\.class$' \
      | sed "s|\$| ${jar##*/}|"
  done > "$listing"
  dups=$(cut -d' ' -f1 "$listing" | sort | uniq -d | grep -v -E "$allowed_duplicates" || true)
  if [ -n "$dups" ]; then
    echo "flink-local: classes in more than one jar of $lib:" >&2
    awk 'NR == FNR { dup[$1]; next } $1 in dup' <(echo "$dups") "$listing" | sort | head -n 40 >&2
    rm -f "$listing"
    fail "conflicting jars; exclude one in $pom"
  fi
  rm -f "$listing"
  # Logging must have exactly one backend and one slf4j binding, of one version each: a second
  # binding or version makes slf4j pick one at random or log nothing at all.
  local n
  n=$(find "$lib" -name 'slf4j-api-*.jar' | wc -l)
  [ "$n" -eq 1 ] || fail "expected one slf4j-api jar in $lib, found $n"
  n=$(find "$lib" \( -name 'log4j-slf4j*-impl-*.jar' -o -name 'logback-classic-*.jar' \
    -o -name 'slf4j-log4j12-*.jar' -o -name 'slf4j-reload4j-*.jar' -o -name 'slf4j-simple-*.jar' \) | wc -l)
  [ "$n" -eq 1 ] || fail "expected one slf4j binding in $lib, found $n"
  n=$(find "$lib" -name 'log4j-*.jar' | sed -E 's/.*-([0-9][^-]*)\.jar$/\1/' | sort -u | wc -l)
  [ "$n" -eq 1 ] || fail "log4j jars of $n different versions in $lib"
  if find "$lib" -name 'log4j-to-slf4j-*.jar' | grep -q .; then
    fail "log4j-to-slf4j and log4j-slf4j-impl together loop forever; exclude log4j-to-slf4j"
  fi
}

assemble() {
  local stamp="$lib/.assembled" want
  want=$(sha256sum "$pom" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  say "assembling lib/ and plugins/ from Maven Central (scripts/flink-local/pom.xml)..."
  # Into a fresh staging directory, then swapped in: a failed or interrupted resolution never
  # leaves a half-filled lib/ behind, and jars of an older pom never linger.
  local stage="$dir/.assemble"
  rm -rf "$stage"
  mkdir -p "$stage"
  if ! mvn -q -B -f "$pom" package -Dflink.local.home="$stage" > "$dir/assemble.log" 2>&1; then
    cat "$dir/assemble.log" >&2
    fail "Maven could not resolve Flink's modules (output above, also in $dir/assemble.log)"
  fi
  rm -rf "$lib" "$plugins"
  mv "$stage/lib" "$lib"
  mv "$stage/plugins" "$plugins"
  rm -rf "$stage"
  check_lib
  echo "$want" > "$stamp"
  mkdir -p "$logs" "$run" "$dir/state" "$dir/tmp"
  say "assembled $(find "$lib" -name '*.jar' | wc -l) jars in $lib, plugins in $plugins"
}

# Flink's classpath: every jar of lib/, in a stable order (bin/config.sh sorts them too).
classpath() {
  find "$lib" -maxdepth 1 -name '*.jar' -print0 | sort -z | tr '\0' ':' | sed 's/:$//'
}

# Runs one BashJavaUtils command (Flink's own helper of its launch scripts) and prints its
# result lines without their prefix.
bash_java_utils() {
  local out
  out=$(java -cp "$(classpath)" "$bash_utils" "$@" 2>&1) || {
    echo "$out" >&2
    fail "BashJavaUtils $1 failed"
  }
  echo "$out" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

# ---------------------------------------------------------------------------------- conf

# The keys the local cluster changes, nothing else: every JVM on 127.0.0.1, ports that do not
# collide on one host, state under FLINK_LOCAL_DIR. Memory sizes are not here: they are
# given at start as dynamic properties (-D), as with `taskmanager.sh start -D ...`.
overrides() {
  printf '%s\n' \
    "jobmanager.rpc.address=127.0.0.1" \
    "jobmanager.rpc.port=$rpc_port" \
    "jobmanager.bind-host=127.0.0.1" \
    "taskmanager.bind-host=127.0.0.1" \
    "taskmanager.host=127.0.0.1" \
    "taskmanager.rpc.port=0" \
    "taskmanager.data.port=0" \
    "blob.server.port=$blob_port" \
    "rest.address=127.0.0.1" \
    "rest.bind-address=127.0.0.1" \
    "rest.port=$rest_port" \
    "metrics.reporter.prom.port=$prom_ports" \
    "execution.checkpointing.dir=file://$dir/state/checkpoints" \
    "execution.checkpointing.savepoint-dir=file://$dir/state/savepoints"
}

write_conf() {
  assemble
  [ -f "$conf_source/config.yaml" ] || fail "no $conf_source/config.yaml"
  local args=() kv
  while IFS= read -r kv; do args+=(-D "$kv"); done < <(overrides)
  # Flink's own parser and writer (the one its docker entrypoint uses to rewrite config.yaml):
  # reads the YAML as Flink reads it, applies the -D overrides, prints flat "key: value" lines.
  local new old old_file
  # The deployed file as Flink reads it, for the list of changes; in parallel, to save a JVM start.
  old_file=$(mktemp)
  bash_java_utils UPDATE_AND_GET_FLINK_CONFIGURATION --configDir "$conf_source" -flatten > "$old_file" &
  new=$(bash_java_utils UPDATE_AND_GET_FLINK_CONFIGURATION --configDir "$conf_source" "${args[@]}" -flatten | sort)
  wait $! || fail "could not read $conf_source/config.yaml"
  old=$(sort "$old_file")
  rm -f "$old_file"
  [ -n "$new" ] || fail "could not read $conf_source/config.yaml"
  mkdir -p "$conf" "$dir/state/checkpoints" "$dir/state/savepoints"
  {
    echo "# Generated by scripts/flink-local.sh from $conf_source/config.yaml: edit that file."
    echo "# Changed here (addresses, ports, state directories): $(overrides | cut -d= -f1 | tr '\n' ' ')"
    echo "$new"
  } > "$conf/config.yaml.tmp"
  mv "$conf/config.yaml.tmp" "$conf/config.yaml"
  cp "$conf_source"/log4j-console.properties "$conf_source"/log4j-cli.properties "$conf/"
  # Merged over log4j-cli.properties by the CLI (a log4j composite configuration): flink-dist
  # bundles flink-yarn, which is not on Maven Central for 2.2.1, so without it CliFrontend
  # warns with a stack trace on every call that it cannot load the YARN command line. Its
  # errors still reach the console.
  cat > "$conf/log4j-cli-local.properties" <<'PROPS'
logger.clifrontend.name=org.apache.flink.client.cli.CliFrontend
logger.clifrontend.level=ERROR
PROPS
  # Show what differs from the deployed file, so a change beyond the intended keys is visible.
  diff <(echo "$old") <(echo "$new") | grep '^[<>]' > "$conf/changes.txt" || true
}

# A key of the generated (flat) config.yaml, without YAML quotes.
conf_value() {
  sed -n "s/^$(printf '%s' "$1" | sed 's/\./\\./g'): //p" "$conf/config.yaml" | tail -n 1 \
    | sed -e "s/^'\(.*\)'\$/\1/" -e 's/^"\(.*\)"$/\1/'
}

# The JVM options bin/config.sh builds: -XX:+IgnoreUnrecognizedVMOptions, then
# env.java.default-opts.all and env.java.opts.all (the Java 17 --add-opens/--add-exports list
# lives there), then the per-process keys. Unlike Flink's scripts the values are split on
# whitespace but not evaluated by the shell: config.yaml is data, not code.
java_opts() {
  local role=$1 s
  s="-XX:+IgnoreUnrecognizedVMOptions $(conf_value env.java.default-opts.all) $(conf_value env.java.opts.all)"
  case $role in
    jobmanager) s="$s $(conf_value env.java.default-opts.jobmanager) $(conf_value env.java.opts.jobmanager)" ;;
    taskmanager) s="$s $(conf_value env.java.default-opts.taskmanager) $(conf_value env.java.opts.taskmanager)" ;;
    client) s="$s $(conf_value env.java.opts.client)" ;;
  esac
  echo "$s ${JVM_ARGS:-}"
}

# ---------------------------------------------------------------------------------- processes

# Keeps the previous logs of a process (a killed TaskManager's last words) as .1 ... .3.
rotate() {
  local f=$1 i
  for i in 2 1; do [ -f "$f.$i" ] && mv "$f.$i" "$f.$((i + 1))"; done
  [ -f "$f" ] && mv "$f" "$f.1"
  return 0
}

declare -A resource_params=()

# Starts one Flink process in the background, as flink-daemon.sh does: JVM memory options from
# BashJavaUtils, Flink's JVM options, log4j settings, lib/ as the classpath, stdout and stderr
# (where a JVM crash such as SIGSEGV is reported) in NAME.out.
launch() {
  local name=$1 role=$2 cmd=$3 main=$4 memkey=$5 memsize=$6
  shift 6
  local pidfile="$run/$name.pid" log="$logs/$name.log" out="$logs/$name.out" tmp="$dir/tmp/$name"
  local params jvm_params dynamic opts
  # One BashJavaUtils run per kind of process: the TaskManagers share their memory sizes, and
  # each run is a JVM start, seconds on a loaded machine.
  local key="$cmd:$memsize"
  if [ -z "${resource_params[$key]:-}" ]; then
    resource_params[$key]=$(bash_java_utils "$cmd" --configDir "$conf" -D "$memkey=$memsize")
  fi
  params=${resource_params[$key]}
  [ "$(echo "$params" | wc -l)" -eq 2 ] || fail "unexpected output of BashJavaUtils $cmd: $params"
  jvm_params=$(echo "$params" | head -n 1)
  dynamic=$(echo "$params" | tail -n 1)
  opts=$(java_opts "$role")
  rotate "$log"
  rotate "$out"
  # Each JVM its own java.io.tmpdir (and so its own io.tmp.dirs, blob cache, RocksDB working
  # directories): lightgbm4j extracts lib_lightgbm*.so into java.io.tmpdir on every load, and
  # two JVMs rewriting the same file crash with SIGSEGV.
  rm -rf "$tmp"
  mkdir -p "$tmp" "$logs" "$run"
  local cmdline=()
  # A JVM crash report (hs_err) goes next to the logs, not into the working directory.
  # shellcheck disable=SC2206 # JVM options are whitespace-separated words, as in Flink's scripts
  cmdline=(java $jvm_params $opts "-Djava.io.tmpdir=$tmp" "-XX:ErrorFile=$logs/hs_err_${name}_pid%p.log"
    "-Dlog.file=$log"
    "-Dlog4j.configuration=file:$conf/log4j-console.properties"
    "-Dlog4j.configurationFile=file:$conf/log4j-console.properties"
    -classpath "$(classpath)" "$main" $dynamic -D "$memkey=$memsize" --configDir "$conf" "$@")
  # The working directory of every Flink process is the repository root, whoever starts it:
  # relative paths in a job's options (--output-dir target/...) mean the same on the client
  # (run from the root) and on the TaskManagers.
  (cd "$root" && exec nohup "${cmdline[@]}" > "$out" 2>&1 < /dev/null) &
  echo $! > "$pidfile"
}

start_jm() {
  launch jobmanager jobmanager GET_JM_RESOURCE_PARAMS \
    org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    jobmanager.memory.process.size "$jm_memory" --executionMode cluster
}

start_tm_process() {
  # A stable resource id (tm-I) names the TaskManager in the dashboard and the REST API, so
  # scripts can tell which one registered; a restarted tm-I replaces its old registration.
  launch "taskmanager-$1" taskmanager GET_TM_RESOURCE_PARAMS \
    org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    taskmanager.memory.process.size "$tm_memory" -D "taskmanager.resource-id=tm-$1"
}

# Waits until the REST API answers and lists every TaskManager id given, each registered by
# the process just started: the REST API alone would still list a killed tm-I until the
# JobManager notices (up to the heartbeat timeout), so the TaskManager's own (fresh) log must
# say it registered. On timeout or when a process died, says which log to read.
wait_for() {
  local deadline=$((SECONDS + start_timeout)) body id missing
  while :; do
    missing=()
    if body=$(curl -fsS --max-time 2 "$rest/taskmanagers" 2>/dev/null); then
      for id in "$@"; do
        if ! grep -q "\"id\":\"$id\"" <<< "$body" \
          || ! grep -q "Successful registration at resource manager" "$logs/taskmanager-${id#tm-}.log" 2>/dev/null; then
          missing+=("$id")
        fi
      done
      [ ${#missing[@]} -eq 0 ] && return 0
    else
      missing=(rest "$@")
    fi
    if ! alive "$(jm_pidfile)"; then
      echo "flink-local: the JobManager exited; see $logs/jobmanager.log and .out" >&2
      tail -n 20 "$logs/jobmanager.out" >&2 || true
      return 1
    fi
    for id in "$@"; do
      if ! alive "$(tm_pidfile "${id#tm-}")"; then
        echo "flink-local: TaskManager ${id#tm-} exited; see $logs/taskmanager-${id#tm-}.log and .out" >&2
        tail -n 20 "$logs/taskmanager-${id#tm-}.out" >&2 || true
        return 1
      fi
    done
    if [ $SECONDS -ge $deadline ]; then
      echo "flink-local: not ready after ${start_timeout}s (waiting for: ${missing[*]});" \
        "see the logs in $logs (scripts/flink-local.sh log jm | log tm I)" >&2
      return 1
    fi
    sleep 1
  done
}

start() {
  local n=${1:-2} i ids=()
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || fail "start takes the number of TaskManagers (1, 2, ...)"
  if alive "$(jm_pidfile)"; then
    fail "a cluster is already running (JobManager pid $(cat "$(jm_pidfile)")); stop it first"
  fi
  local p
  for p in "$rest_port" "$rpc_port" "$blob_port"; do
    port_open "$p" && fail "port $p is in use by another process (FLINK_REST_PORT, FLINK_RPC_PORT, FLINK_BLOB_PORT)"
  done
  write_conf
  rm -f "$run"/*.pid
  start_jm
  for i in $(seq 1 "$n"); do
    start_tm_process "$i"
    ids+=("tm-$i")
  done
  if ! wait_for "${ids[@]}"; then
    # Leave nothing running behind a failed start.
    stop > /dev/null
    exit 1
  fi
  say "running: JobManager (pid $(cat "$(jm_pidfile)")) and $n TaskManager(s); dashboard and REST $rest"
  say "logs: $logs; checkpoints and savepoints: $dir/state"
}

stop_pid() {
  local pidfile=$1 name=$2 pid
  if ! alive "$pidfile"; then
    rm -f "$pidfile"
    return 0
  fi
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; say "stopped $name"; return 0; }
    sleep 0.5
  done
  echo "flink-local: $name (pid $pid) did not stop within 30 s; killing it" >&2
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

stop() {
  local f any=false
  # TaskManagers first, then the JobManager, as stop-cluster.sh does.
  for f in "$run"/taskmanager-*.pid; do
    [ -e "$f" ] || continue
    any=true
    f=${f##*/}
    stop_pid "$run/$f" "${f%.pid}"
  done
  if [ -e "$(jm_pidfile)" ]; then
    any=true
    stop_pid "$(jm_pidfile)" jobmanager
  fi
  $any || say "not running"
}

status() {
  local f rc=0
  if alive "$(jm_pidfile)"; then
    say "jobmanager: running (pid $(cat "$(jm_pidfile)")), REST $rest"
  else
    say "jobmanager: not running"
    rc=3
  fi
  for f in "$run"/taskmanager-*.pid; do
    [ -e "$f" ] || continue
    f=${f##*/}
    if alive "$run/$f"; then
      say "${f%.pid}: running (pid $(cat "$run/$f"))"
    else
      say "${f%.pid}: not running"
    fi
  done
  if [ $rc -eq 0 ]; then
    if ! curl -fsS --max-time 2 "$rest/overview" 2>/dev/null; then
      say "REST API not answering"
    else
      echo
    fi
  fi
  return $rc
}

kill_tm() {
  tm_index "${1:-}"
  local f
  f=$(tm_pidfile "$1")
  alive "$f" || fail "TaskManager $1 is not running"
  local pid
  pid=$(cat "$f")
  kill -9 "$pid"
  # SIGKILL is delivered asynchronously: wait until the process is gone, so that a start-tm
  # right after it does not find TaskManager I still running.
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  say "killed TaskManager $1 (pid $pid) with SIGKILL"
}

start_tm() {
  tm_index "${1:-}"
  alive "$(jm_pidfile)" || fail "the JobManager is not running; use start"
  alive "$(tm_pidfile "$1")" && fail "TaskManager $1 is already running (pid $(cat "$(tm_pidfile "$1")"))"
  start_tm_process "$1"
  wait_for "tm-$1" || exit 1
  say "TaskManager $1 running (pid $(cat "$(tm_pidfile "$1")"))"
}

# The Flink CLI as bin/flink runs it: Flink's JVM options plus env.java.opts.client,
# log4j-cli.properties (INFO to the file, warnings to the console), lib/ as the classpath.
flink_cli() {
  [ -f "$conf/config.yaml" ] || write_conf
  local tmp opts status=0
  # Its own java.io.tmpdir too: `flink run` executes the job's main here, which may load
  # LightGBM while a TaskManager does.
  mkdir -p "$dir/tmp" "$logs"
  tmp=$(mktemp -d "$dir/tmp/cli.XXXXXX")
  opts=$(java_opts client)
  # shellcheck disable=SC2086 # JVM options are whitespace-separated words, as in Flink's scripts
  java $opts "-Djava.io.tmpdir=$tmp" "-Dlog.file=$logs/flink-client.log" \
    "-Dlog4j.configuration=file:$conf/log4j-cli.properties" \
    "-Dlog4j.configurationFile=file:$conf/log4j-cli.properties,file:$conf/log4j-cli-local.properties" \
    -classpath "$(classpath)" org.apache.flink.client.cli.CliFrontend "$@" || status=$?
  rm -rf "$tmp"
  return $status
}

show_log() {
  local f
  case "${1:-jm}" in
    jm) f="$logs/jobmanager.log" ;;
    tm) tm_index "${2:-}"; f="$logs/taskmanager-$2.log" ;;
    client) f="$logs/flink-client.log" ;;
    *) fail "log jm | log tm I | log client" ;;
  esac
  [ -f "$f" ] || fail "no log $f"
  echo "==> $f (stdout and JVM errors: ${f%.log}.out)" >&2
  tail -n "${FLINK_LOG_LINES:-100}" "$f"
}

case "${1:-}" in
  assemble) assemble; check_lib; say "lib/ and plugins/ ready in $dir" ;;
  conf) write_conf; say "wrote $conf (changed keys:)"; cat "$conf/changes.txt" ;;
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  kill-tm) kill_tm "${2:-}" ;;
  start-tm) start_tm "${2:-}" ;;
  flink) shift; flink_cli "$@" ;;
  log) shift; show_log "$@" ;;
  *)
    echo "usage: $0 assemble|conf|start [N]|stop|status|kill-tm I|start-tm I|flink ARGS...|log [jm|tm I|client]" >&2
    exit 2
    ;;
esac
