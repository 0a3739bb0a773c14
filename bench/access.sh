#!/usr/bin/env bash
# (b) Access checks: in-process (the exemption-service's own index and rules over a synthetic register, one thread,
# and the heap that index takes) beside a HashMap lookup, and
# GET /access over HTTP from a load generator in its own process (HdrHistogram percentiles) beside a bare Vert.x
# HTTP server measured the same way.
# usage: bench/access.sh [vehicles=1500000] [seconds=30] [connections=32]
source "$(dirname "$0")/lib.sh"
VEHICLES=${1:-1500000}
SECONDS_RUN=${2:-30}
CONNECTIONS=${3:-32}
OUT=$(mktemp /tmp/zes-bench-access.XXXXXX)
machine | tee "$OUT"

log "in-process: building bench/access-rules against the installed exemption-service"
(cd "$ROOT/bench/access-rules" && mvn -B -q -o package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) >&2
timeout "$BENCH_TIMEOUT" java -Xmx4g -XX:+UseParallelGC -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
  -cp "$ROOT/bench/access-rules/target/classes:$(cat "$ROOT/bench/access-rules/target/classpath.txt")" \
  nl.zes.bench.AccessRulesBench --vehicles "$VEHICLES" --seconds 10 | tee -a "$OUT" || log "in-process run failed"

start_zes
DIR=$(mktemp -d /tmp/zes-bench-access-register.XXXXXX)
run_sim nl.zes.simulator.bench.ImportBench --url "$BENCH_URL" --admin-key "$BENCH_ADMIN_KEY" --vehicles "$VEHICLES" \
  --dir "$DIR" | tee -a "$OUT" || log "the register import failed"
cut -d, -f1 "$DIR/Open_Data_RDW__Gekentekende_voertuigen.csv" | tail -n +2 | shuf -n 100000 --random-source=<(yes) \
  > "$DIR/plates.txt"
LOKET=$(create_key loket || true)
AT="2025-11-18T10:30:00%2B01:00"

log "HTTP: GET /access, $CONNECTIONS connections, ${SECONDS_RUN}s after a 5 s warm-up"
run_sim nl.zes.simulator.bench.HttpLoad --label zes-access \
  --url "$BENCH_URL/api/v1/access?plate={plate}&municipality=GM0344&at=$AT" --key "$LOKET" --plates "$DIR/plates.txt" \
  --connections "$CONNECTIONS" --seconds "$SECONDS_RUN" --warmup 5 | tee -a "$OUT" || log "the ZES run failed"

log "baseline: bare Vert.x HTTP server, same load"
background java -Xmx256m -cp "$(simulator_jar)" nl.zes.simulator.bench.BareHttpServer --port $((BENCH_HTTP_PORT + 10))
sleep 3
run_sim nl.zes.simulator.bench.HttpLoad --label bare-vertx --url "http://127.0.0.1:$((BENCH_HTTP_PORT + 10))/access" \
  --connections "$CONNECTIONS" --seconds "$SECONDS_RUN" --warmup 5 | tee -a "$OUT"
rm -rf "$DIR"

ZES_RPS=$(result "$OUT" zes-access rps); BARE_RPS=$(result "$OUT" bare-vertx rps)
echo
echo "== in-process: $(grep '^RESULT access-in-process' "$OUT" | sed 's/^RESULT //')"
echo "== index heap: $(grep '^RESULT access-index' "$OUT" | sed 's/^RESULT //')"
ZES_ERRORS=$(result "$OUT" zes-access errors)
if [ "${ZES_ERRORS:-1}" != "0" ]; then ZES_RPS=""; fi   # a run of error answers measures nothing
ZES_P99=""; if [ -n "$ZES_RPS" ]; then ZES_P99=$(result "$OUT" zes-access p99); fi
echo "== HTTP: GET /access $(figure "$ZES_RPS" req/s) (p99 $(figure "$ZES_P99" ms))" \
  "vs bare Vert.x $(figure "$BARE_RPS" req/s) (p99 $(result "$OUT" bare-vertx p99) ms): ratio $(ratio "$ZES_RPS" "$BARE_RPS")"
echo "== full output: $OUT"
