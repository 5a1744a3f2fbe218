#!/usr/bin/env bash
# A real single-node Kafka broker (KRaft: broker and controller in one process) on 127.0.0.1,
# started as a child process from Maven-resolved jars: no Docker, no download but Maven Central.
#
#   scripts/kafka-local.sh start|stop|status|classpath
#
# Settings (environment): KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
# KAFKA_LOCAL_DIR (target/kafka-local: classpath, config, data, log), KAFKA_HEAP (512m).
# Data survives stop/start; delete KAFKA_LOCAL_DIR/data to start empty.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${KAFKA_LOCAL_DIR:-$root/target/kafka-local}
port=${KAFKA_PORT:-9092}
cport=${KAFKA_CONTROLLER_PORT:-9093}
cpfile="$dir/classpath.txt"
pidfile="$dir/kafka.pid"
log="$dir/kafka.log"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

classpath() {
  if [ ! -s "$cpfile" ]; then
    mkdir -p "$dir"
    echo "kafka-local: resolving the Kafka broker's jars with Maven..." >&2
    mvn -q -B -f "$root/scripts/kafka-local/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$cpfile" >&2
  fi
  cat "$cpfile"
}

write_config() {
  mkdir -p "$dir/data"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=2
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# The job's exactly-once sinks use transactions of up to 15 minutes (the default maximum).
transaction.max.timeout.ms=900000
PROPS
  cat > "$dir/log4j2.properties" <<'PROPS'
rootLogger.level=WARN
rootLogger.appenderRef.out.ref=out
appender.out.type=Console
appender.out.name=out
appender.out.layout.type=PatternLayout
appender.out.layout.pattern=[%d] %p %m (%c)%n
logger.kafka.name=kafka
logger.kafka.level=INFO
logger.server.name=org.apache.kafka.server
logger.server.level=INFO
PROPS
}

start() {
  if running; then
    echo "kafka-local: already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"
    return 0
  fi
  if port_open "$port"; then
    echo "kafka-local: port $port is in use by another process; set KAFKA_PORT" >&2
    exit 1
  fi
  local cp
  cp=$(classpath)
  write_config
  local java_opts=(-Xms256m "-Xmx${KAFKA_HEAP:-512m}" -Dlog4j2.configurationFile="$dir/log4j2.properties")
  if [ ! -f "$dir/data/meta.properties" ]; then
    local id
    id=$(java -cp "$cp" "${java_opts[@]}" kafka.tools.StorageTool random-uuid)
    java -cp "$cp" "${java_opts[@]}" kafka.tools.StorageTool format -t "$id" \
      -c "$dir/server.properties" >> "$log" 2>&1
  fi
  nohup java -cp "$cp" "${java_opts[@]}" kafka.Kafka "$dir/server.properties" >> "$log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 120); do
    if port_open "$port"; then
      echo "kafka-local: broker running (pid $(cat "$pidfile")) on 127.0.0.1:$port; log: $log"
      return 0
    fi
    if ! running; then
      echo "kafka-local: the broker exited during start; see $log" >&2
      tail -n 20 "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "kafka-local: the broker did not open port $port within 60 s; see $log" >&2
  exit 1
}

stop() {
  if ! running; then
    echo "kafka-local: not running"
    rm -f "$pidfile"
    return 0
  fi
  local pid
  pid=$(cat "$pidfile")
  kill "$pid"
  for _ in $(seq 1 60); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      echo "kafka-local: stopped"
      return 0
    fi
    sleep 0.5
  done
  echo "kafka-local: pid $pid did not stop within 30 s; killing it" >&2
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

status() {
  if running; then
    echo "kafka-local: running (pid $(cat "$pidfile")) on 127.0.0.1:$port; data in $dir/data"
  else
    echo "kafka-local: not running"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  classpath) classpath ;;
  *) echo "usage: $0 start|stop|status|classpath" >&2; exit 2 ;;
esac
