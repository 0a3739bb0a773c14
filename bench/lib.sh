#!/usr/bin/env bash
# Shared by the benchmark scripts: a scratch ZES on its own ports and data directory (stopped at exit), the
# simulator's classpath, and RESULT-line parsing. Traffic goes to 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_HTTP_PORT=${BENCH_HTTP_PORT:-18080}
BENCH_PG_PORT=${BENCH_PG_PORT:-25432}
BENCH_KAFKA_PORT=${BENCH_KAFKA_PORT:-29092}
BENCH_KAFKA_CONTROLLER_PORT=${BENCH_KAFKA_CONTROLLER_PORT:-29093}
BENCH_URL="http://127.0.0.1:${BENCH_HTTP_PORT}"
BENCH_ADMIN_KEY=${BENCH_ADMIN_KEY:-"bench-admin-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-1800}
ZES_PID=""
BENCH_DATA=""
BENCH_CHILDREN=()

log() { echo "bench: $*" >&2; }

machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB, $(uname -sr), $(java -version 2>&1 | head -1)"
}

# A private copy of the simulator's runnable jar, made once per run (built first if missing; the simulator has no
# dependency on the services): a rebuild of the jar during a run would break the JVMs reading it.
BENCH_SIM_JAR="/tmp/zes-bench-simulator.$$.jar"
simulator_jar() {
  if [ ! -s "$BENCH_SIM_JAR" ]; then
    local jar
    jar=$(ls "$ROOT"/infra/simulator/target/zes-simulator-*-runnable.jar 2>/dev/null | head -1 || true)
    if [ -z "$jar" ]; then
      log "building infra/simulator"
      (cd "$ROOT" && (mvn -B -q -o package -DskipTests -pl infra/simulator || mvn -B -q package -DskipTests -pl infra/simulator)) >&2
      jar=$(ls "$ROOT"/infra/simulator/target/zes-simulator-*-runnable.jar | head -1)
    fi
    cp "$jar" "$BENCH_SIM_JAR"
  fi
  echo "$BENCH_SIM_JAR"
}

run_sim() {
  timeout "$BENCH_TIMEOUT" java -Xmx1g -XX:+UseParallelGC ${BENCH_LOAD_JAVA_OPTS:-} \
    -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "$(simulator_jar)" "$@"
}

# Kafka's own tools (ProducerPerformance, TopicCommand) at the broker's version, resolved by bench/kafka-tools/pom.xml.
kafka_tools_classpath() {
  local file="$ROOT/bench/kafka-tools/target/classpath.txt"
  if [ ! -s "$file" ]; then
    mkdir -p "$(dirname "$file")"
    (cd "$ROOT/bench/kafka-tools" && (mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$file" \
      || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$file")) >&2
  fi
  cat "$file"
}

# Starts ZES on the bench ports with a scratch data directory and waits for /health/ready: the devstack jar as
# last built (what `./zes up` runs; `./zes build` rebuilds it), or `./zes up` when there is none yet, or when
# BENCH_BUILD=1 asks `./zes up` to rebuild what changed first.
start_zes() {
  BENCH_DATA=$(mktemp -d /tmp/zes-bench.XXXXXX)
  local jar
  jar=$(ls "$ROOT"/infra/devstack/target/zes-devstack-*-runnable.jar 2>/dev/null | head -1 || true)
  local command=(./zes up)
  if [ -n "$jar" ] && [ -z "${BENCH_BUILD:-}" ]; then
    # a private copy: a rebuild of the jar while ZES runs would break its class loading
    cp "$jar" "$BENCH_DATA/zes-devstack.jar"
    # BENCH_ZES_JAVA_OPTS: extra JVM options for ZES, e.g. -XX:FlightRecorderOptions=stackdepth=256 for profiling
    # shellcheck disable=SC2206
    command=(java -Xmx2g -XX:+UseParallelGC ${BENCH_ZES_JAVA_OPTS:-} -Dlogback.configurationFile=logback-devstack.xml -jar "$BENCH_DATA/zes-devstack.jar" up)
  fi
  log "starting ZES on $BENCH_URL (${command[*]}; data $BENCH_DATA, log $BENCH_DATA/zes.log)"
  (cd "$ROOT" && ZES_DATA_DIR="$BENCH_DATA" ZES_HTTP_PORT="$BENCH_HTTP_PORT" ZES_DEV_PG_PORT="$BENCH_PG_PORT" \
    ZES_DEV_KAFKA_PORT="$BENCH_KAFKA_PORT" ZES_DEV_KAFKA_CONTROLLER_PORT="$BENCH_KAFKA_CONTROLLER_PORT" \
    ZES_BOOTSTRAP_ADMIN_KEY="$BENCH_ADMIN_KEY" ZES_RATE_LIMIT_PER_SECOND="${ZES_RATE_LIMIT_PER_SECOND:-10000000}" \
    exec "${command[@]}") >"$BENCH_DATA/zes.log" 2>&1 &
  ZES_PID=$!
  trap cleanup EXIT INT TERM
  local waited=0
  until curl -fsS -o /dev/null "$BENCH_URL/health/ready" 2>/dev/null; do
    if ! kill -0 "$ZES_PID" 2>/dev/null; then
      log "ZES exited before it was ready:"; tail -30 "$BENCH_DATA/zes.log" >&2; exit 1
    fi
    if [ "$waited" -ge "${BENCH_READY_SECONDS:-300}" ]; then
      log "ZES not ready after ${waited}s:"; tail -30 "$BENCH_DATA/zes.log" >&2; exit 1
    fi
    sleep 2; waited=$((waited + 2))
  done
  log "ZES ready after ${waited}s"
}

# Starts a background process that cleanup stops.
background() {
  "$@" &
  BENCH_CHILDREN+=("$!")
}

cleanup() {
  local pid
  for pid in "${BENCH_CHILDREN[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  if [ -n "$ZES_PID" ] && kill -0 "$ZES_PID" 2>/dev/null; then
    log "stopping ZES (pid $ZES_PID)"
    kill -TERM "$ZES_PID" 2>/dev/null || true
    for _ in $(seq 1 90); do kill -0 "$ZES_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$ZES_PID" 2>/dev/null || true
  fi
  if [ -n "$BENCH_DATA" ] && [ -z "${BENCH_KEEP:-}" ]; then rm -rf "$BENCH_DATA"; fi
  rm -f "$BENCH_SIM_JAR"
}

# The value of key=value in the last RESULT line with this label, from a file.
result() { # never fails: an empty value when the line is missing
  { grep "^RESULT $2" "$1" || true; } | tail -1 | tr ' ' '\n' | awk -F= -v k="$3" '$1 == k {print $2}'
}

ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.3f", a / b; else print "n/a" }'; }

# "$1 $2" or "not measured" when the value is empty.
figure() { if [ -n "${1:-}" ]; then echo "$1 $2"; else echo "not measured"; fi; }

create_key() { # role [municipality]
  local body="{\"role\":\"$1\",\"name\":\"bench $1\"${2:+,\"municipality\":\"$2\"}}"
  curl -fsS -X POST -H "Authorization: Bearer $BENCH_ADMIN_KEY" -H 'Content-Type: application/json' \
    -d "$body" "$BENCH_URL/api/v1/admin/api-keys" | sed -E 's/.*"key" *: *"([^"]+)".*/\1/'
}
