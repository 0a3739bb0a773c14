#!/usr/bin/env bash
# (e) The gateway's own overhead: API-key auth, routing, and an event-bus round trip to a consumer that answers at
# once (GET /api/v1/municipalities), beside a bare Vert.x HTTP server answering the same bytes from the same JVM;
# both driven open-loop at a constant rate by HttpLoad in its own JVM (OpenLoopLoad: one pacer thread writing
# pre-encoded requests, one selector thread reading; latency from each request's scheduled start, and how late the
# pacer wrote reported as "send lag"). Needs only PostgreSQL (embedded, scratch directory), not Kafka nor the services.
# usage: bench/gateway.sh [rate=10000] [seconds=20] [connections=16]
# BENCH_SERVER_JAVA_OPTS: extra JVM options for the servers, e.g. to profile the gateway:
#   BENCH_SERVER_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/gw.jfr,settings=profile' bench/gateway.sh
# BENCH_EVENT_LOOPS=1: the gateway and the consumer on one event-loop thread (shows what the hand-off between threads costs)
# BENCH_SERVER_CPUS / BENCH_LOAD_CPUS: pin the servers' JVM / the load generator to these CPUs (taskset -c), e.g. 0 and 1
# The servers' GC and safepoint log (wall-clock times) is kept beside the output, to match the generator's slow windows.
source "$(dirname "$0")/lib.sh"
RATE=${1:-10000}
SECONDS_RUN=${2:-20}
CONNECTIONS=${3:-16}
GATEWAY_PORT=$BENCH_HTTP_PORT
BARE_PORT=$((BENCH_HTTP_PORT + 10))
# the servers' JVM options; the default is what ./zes up gives the suite
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}
OUT=$(mktemp /tmp/zes-bench-gateway.XXXXXX)
machine | tee "$OUT"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"

JAR=$(ls "$ROOT"/infra/devstack/target/zes-devstack-*-runnable.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ] || [ -n "${BENCH_BUILD:-}" ]; then
  log "building the devstack jar (./zes build)"; (cd "$ROOT" && ./zes build) >&2
  JAR=$(ls "$ROOT"/infra/devstack/target/zes-devstack-*-runnable.jar | head -1)
fi
BENCH_DATA=$(mktemp -d /tmp/zes-bench.XXXXXX)
trap cleanup EXIT INT TERM
# a private copy: a rebuild during the run must not break class loading; one taken while a build was writing the jar
# is incomplete, so it is checked and taken again
for attempt in 1 2 3 4 5 6; do
  cp "$JAR" "$BENCH_DATA/zes-devstack.jar"
  unzip -tq "$BENCH_DATA/zes-devstack.jar" >/dev/null 2>&1 && break
  log "the devstack jar is being rebuilt; copying it again in 20 s"; sleep 20
done
log "starting the gateway on :$GATEWAY_PORT and the bare server on :$BARE_PORT (log $BENCH_DATA/server.log)"
# shellcheck disable=SC2086
background ${BENCH_SERVER_CPUS:+taskset -c "$BENCH_SERVER_CPUS"} timeout "$BENCH_TIMEOUT" java $GATEWAY_JAVA_OPTS \
  -Xlog:gc,safepoint:file="$OUT.gc.log":time,uptime ${BENCH_SERVER_JAVA_OPTS:-} -Dlogback.configurationFile=logback-devstack.xml \
  -cp "$BENCH_DATA/zes-devstack.jar" "$ROOT/bench/gateway-overhead/GatewayOverheadServer.java" \
  "$BENCH_DATA" "$BENCH_PG_PORT" "$GATEWAY_PORT" "$BARE_PORT" "$BENCH_ADMIN_KEY" >"$BENCH_DATA/server.log" 2>&1
SERVER=${BENCH_CHILDREN[-1]}
for waited in $(seq 1 150); do
  grep -q '^READY' "$BENCH_DATA/server.log" && break
  if ! kill -0 "$SERVER" 2>/dev/null || [ "$waited" -eq 150 ]; then
    log "the servers did not start:"; tail -30 "$BENCH_DATA/server.log" >&2; exit 1
  fi
  sleep 2
done
KEY=$(create_key loket)
curl -fsS -H "Authorization: Bearer $KEY" "$BENCH_URL/api/v1/municipalities" >/dev/null

pinned_load() { # runs its arguments (a shell function too) on BENCH_LOAD_CPUS, when set
  ( if [ -n "${BENCH_LOAD_CPUS:-}" ]; then taskset -cp "$BENCH_LOAD_CPUS" "$BASHPID" >/dev/null; fi; "$@" )
}
load() { # label url [key]
  log "$1: $RATE req/s for ${SECONDS_RUN}s after warm-ups of 15 s closed-loop and 5 s at that rate, $CONNECTIONS connections"
  echo "load average before $1: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
  local TIMEFORMAT="generator $1: %U s user + %S s system CPU in %R s (JVM start and warm-up included)"
  { time BENCH_LOAD_JAVA_OPTS="-Xlog:gc,safepoint:file=$OUT.$1-gc.log:time,uptime ${BENCH_LOAD_EXTRA_OPTS:-}" pinned_load run_sim nl.zes.simulator.bench.HttpLoad --label "$1" --url "$2" ${3:+--key "$3"} --rate "$RATE" \
    --connections "$CONNECTIONS" --seconds "$SECONDS_RUN" --closed-warmup 15 --warmup 5; } 2>&1 | tee -a "$OUT"
}
load bare-vertx "http://127.0.0.1:$BARE_PORT/api/v1/municipalities"
load gateway "$BENCH_URL/api/v1/municipalities" "$KEY"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true

echo
for label in gateway bare-vertx; do
  errors=$(result "$OUT" "$label" errors)
  rps=$(result "$OUT" "$label" rps); if [ "${errors:-1}" != "0" ]; then rps=""; fi  # error answers measure nothing
  echo "== $label: $(figure "$rps" req/s achieved of $RATE) p50 $(result "$OUT" "$label" p50) ms," \
    "p99 $(result "$OUT" "$label" p99) ms, p99.9 $(result "$OUT" "$label" p999) ms, ${errors:-?} non-2xx;" \
    "generator send lag p50 $(result "$OUT" "$label" lag50) ms, p99 $(result "$OUT" "$label" lag99) ms"
done
for p in p50 p99 p999; do
  g=$(result "$OUT" gateway $p); b=$(result "$OUT" bare-vertx $p)
  echo "== overhead $p: $(awk -v g="${g:-0}" -v b="${b:-0}" 'BEGIN { printf "%.3f", g - b }') ms" \
    "(gateway/bare ratio $(ratio "$g" "$b"))"
done
echo "== target: overhead under 0.5 ms at p50 and under 2 ms at p99 at $RATE req/s"
echo "== full output: $OUT (the servers' GC log: $OUT.gc.log)"
