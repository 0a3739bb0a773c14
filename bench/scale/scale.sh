#!/usr/bin/env bash
# Scale: end-to-end ingestion (HTTP batches of 1,000 → verdicts stored and published) with 1, 2 and 4
# passage-service instances. Every service runs as its own process on a loopback cluster — `zes up --cluster 1`
# (PostgreSQL, Kafka, one process of each service) plus N-1 more passage-service processes that join it. Each
# passage-service instance ingests (the gateway spreads requests over them on the event bus) and evaluates (the
# `passage-evaluator` consumer group spreads the received topic's 4 partitions over them).
# usage: bench/scale/scale.sh [passages=200000] [instances="1 2 4"]
BENCH_HTTP_PORT=${BENCH_HTTP_PORT:-18180}
BENCH_PG_PORT=${BENCH_PG_PORT:-25532}
BENCH_KAFKA_PORT=${BENCH_KAFKA_PORT:-29192}
BENCH_KAFKA_CONTROLLER_PORT=${BENCH_KAFKA_CONTROLLER_PORT:-29193}
source "$(dirname "$0")/../lib.sh"
PASSAGES=${1:-200000}
INSTANCES=${2:-"1 2 4"}
OUT=$(mktemp /tmp/zes-bench-scale.XXXXXX)
BOOT="127.0.0.1:$BENCH_KAFKA_PORT"
# `zes up --cluster 1` gives its four processes the Hazelcast ports 5701..5704 (ServiceProcesses)
MEMBERS="127.0.0.1:5701,127.0.0.1:5702,127.0.0.1:5703,127.0.0.1:5704"
DEVSTACK_JAR=$(ls "$ROOT"/infra/devstack/target/zes-devstack-*-runnable.jar 2>/dev/null | head -1 || true)
PASSAGE_JAR="$ROOT/passage-service/target/passage-service-0.1.0-SNAPSHOT-runnable.jar"
if [ -z "$DEVSTACK_JAR" ] || [ ! -f "$PASSAGE_JAR" ]; then
  log "the runnable jars are missing: run ./zes build first"; exit 1
fi
machine | tee "$OUT"

start_cluster() {
  BENCH_DATA=$(mktemp -d /tmp/zes-bench.XXXXXX)
  log "starting zes up --cluster 1 on $BENCH_URL (data $BENCH_DATA)"
  (cd "$ROOT" && ZES_DATA_DIR="$BENCH_DATA" ZES_HTTP_PORT="$BENCH_HTTP_PORT" ZES_DEV_PG_PORT="$BENCH_PG_PORT" \
    ZES_DEV_KAFKA_PORT="$BENCH_KAFKA_PORT" ZES_DEV_KAFKA_CONTROLLER_PORT="$BENCH_KAFKA_CONTROLLER_PORT" \
    ZES_BOOTSTRAP_ADMIN_KEY="$BENCH_ADMIN_KEY" exec java -Xmx1g -XX:+UseParallelGC \
    -Dlogback.configurationFile=logback-devstack.xml -jar "$DEVSTACK_JAR" up --cluster 1) >"$BENCH_DATA/zes.log" 2>&1 &
  ZES_PID=$!
  trap cleanup EXIT INT TERM
  await "ZES ready" 300 curl -fsS -o /dev/null "$BENCH_URL/health/ready"
}

# One more passage-service process joining the cluster, with the environment `zes up` gives its own.
add_passage_service() { # index
  local log="$BENCH_DATA/logs/passage-service-extra-$1.log"
  PGHOST=127.0.0.1 PGPORT="$BENCH_PG_PORT" PGDATABASE=zes PGUSER=zes ZES_KAFKA_BOOTSTRAP_SERVERS="$BOOT" \
    ZES_CLUSTER_MEMBERS="$MEMBERS" ZES_CLUSTER_HOST=127.0.0.1 ZES_CLUSTER_PORT=$((5704 + $1)) \
    background java -Xmx512m -XX:+UseSerialGC -jar "$PASSAGE_JAR" >"$log" 2>&1
  await "passage-service extra #$1 deployed" 120 grep -q "Succeeded in deploying verticle" "$log"
}

evaluators() {
  timeout 60 java -cp "$(kafka_tools_classpath)" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand \
    --bootstrap-server "$BOOT" --describe --group passage-evaluator --members 2>/dev/null \
    | awk '$1 == "passage-evaluator" && $NF ~ /^[0-9]+$/ && $NF > 0' | wc -l
}

await() { # what seconds command...
  local what=$1 bound=$2 waited=0; shift 2
  until "$@" 2>/dev/null; do
    if [ "$waited" -ge "$bound" ]; then log "$what: not within ${bound}s"; exit 1; fi
    sleep 2; waited=$((waited + 2))
  done
  log "$what after ${waited}s"
}

declare -A RATE
for n in $INSTANCES; do
  start_cluster
  for i in $(seq 1 $((n - 1))); do add_passage_service "$i"; done
  await "$n evaluators holding partitions" 120 test "$(evaluators)" -eq "$n"
  log "ingesting $PASSAGES passages with $n passage-service instance(s)"
  run_sim nl.zes.simulator.bench.IngestBench --url "$BENCH_URL" --admin-key "$BENCH_ADMIN_KEY" --passages "$PASSAGES" \
    --kafka "$BOOT" --concurrency 8 | tee -a "$OUT" || log "the run with $n instance(s) failed"
  RATE[$n]=$(result "$OUT" "ingest accepted" e2e_rate)
  echo "RESULT scale instances=$n e2e_rate=${RATE[$n]:-}" | tee -a "$OUT"
  cleanup
  trap - EXIT INT TERM
  ZES_PID=""; BENCH_DATA=""; BENCH_CHILDREN=()
done

echo
FIRST=$(echo "$INSTANCES" | awk '{print $1}')
for n in $INSTANCES; do
  echo "== $n passage-service instance(s): $(figure "${RATE[$n]:-}" passages/s end to end)" \
    "= $(ratio "${RATE[$n]:-}" "${RATE[$FIRST]:-}") x the $FIRST-instance rate"
done
echo "== full output: $OUT"
