#!/usr/bin/env bash
# (a) End-to-end ingestion — HTTP batches of 1,000 passages → verdicts stored and published — beside Kafka's raw
# producer rate (ProducerPerformance, 200-byte records, acks=all, same broker) measured in the same run.
# usage: bench/ingest.sh [passages=1000000]
# BENCH_JFR=/tmp/x.jfr records a JFR profile (settings=profile) of the ZES JVM during the first (full-speed) run.
source "$(dirname "$0")/lib.sh"
PASSAGES=${1:-1000000}
OUT=$(mktemp /tmp/zes-bench-ingest.XXXXXX)
machine | tee "$OUT"
start_zes
KCP=$(kafka_tools_classpath)
BOOT="127.0.0.1:$BENCH_KAFKA_PORT"

log "baseline: Kafka ProducerPerformance, $PASSAGES records of 200 bytes"
timeout 300 java -cp "$KCP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOT" --create --if-not-exists \
  --topic zes-bench-raw --partitions 4 --replication-factor 1 >&2
timeout "$BENCH_TIMEOUT" java -Xmx512m -cp "$KCP" org.apache.kafka.tools.ProducerPerformance --topic zes-bench-raw \
  --num-records "$PASSAGES" --record-size 200 --throughput -1 \
  --producer-props bootstrap.servers="$BOOT" acks=all enable.idempotence=true | tee -a "$OUT"
KAFKA_RATE=$(tail -1 "$OUT" | sed -E 's/.* records sent, ([0-9.]+) records\/sec.*/\1/')

log "ZES: $PASSAGES passages as fast as it takes them (8 batches in flight)"
if [ -n "${BENCH_JFR:-}" ]; then
  jcmd "$ZES_PID" JFR.start name=bench settings=profile filename="$BENCH_JFR" >&2
fi
run_sim nl.zes.simulator.bench.IngestBench --url "$BENCH_URL" --admin-key "$BENCH_ADMIN_KEY" --passages "$PASSAGES" \
  --kafka "$BOOT" --baseline-rate "$KAFKA_RATE" --concurrency 8 | tee -a "$OUT" || log "the ZES run failed"
if [ -n "${BENCH_JFR:-}" ]; then
  jcmd "$ZES_PID" JFR.stop name=bench >&2 || log "JFR could not be stopped"
fi
E2E=$(result "$OUT" "ingest accepted" e2e_rate)

HALF=$(awk -v r="$E2E" 'BEGIN { printf "%d", r / 2 }')
if [ "${HALF:-0}" -gt 0 ]; then
  log "ZES: p99 of a 1,000-passage POST at half that rate ($HALF passages/s)"
  run_sim nl.zes.simulator.bench.IngestBench --url "$BENCH_URL" --admin-key "$BENCH_ADMIN_KEY" \
    --passages $((PASSAGES / 4)) --rate "$HALF" --from 2025-10-01 --kafka "$BOOT" --concurrency 8 | tee -a "$OUT" || log "the half-rate run failed"
fi
echo
echo "== ingestion end to end: $(figure "$E2E" passages/s) vs Kafka producer $(figure "$KAFKA_RATE" records/s)" \
  "= ratio $(ratio "$E2E" "$KAFKA_RATE")"
echo "== full output: $OUT"
