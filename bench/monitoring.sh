#!/usr/bin/env bash
# (f) Issue 5 at full roll-up size: a simulated year of evaluated passages for 30 municipalities (every roll-up
# cell of every municipality-day) plus a year of exemption changes, published straight onto Kafka and counted by
# the reporting-service's own consumer (its rate: time until the offsets stored with the roll-ups reach the
# topic's end), then GET /reports/monitoring for random two-month periods, beside GET /health/live: once right
# after the load, once after VACUUM (ANALYZE) and CHECKPOINT (the settled figures).
# usage: bench/monitoring.sh [events-per-day=200] [requests=1000]
source "$(dirname "$0")/lib.sh"
PER_DAY=${1:-200}
REQUESTS=${2:-1000}
OUT=$(mktemp /tmp/zes-bench-monitoring.XXXXXX)
machine | tee "$OUT"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
start_zes
if [ -n "${BENCH_JFR:-}" ]; then
  jcmd "$ZES_PID" JFR.start name=bench settings=profile filename="$BENCH_JFR" >&2
fi
run_sim nl.zes.simulator.bench.MonitoringBench --url "$BENCH_URL" --admin-key "$BENCH_ADMIN_KEY" \
  --kafka "127.0.0.1:$BENCH_KAFKA_PORT" --pg-port "$BENCH_PG_PORT" --events-per-day "$PER_DAY" \
  --requests "$REQUESTS" | tee -a "$OUT" || log "the ZES run failed"
if [ -n "${BENCH_JFR:-}" ]; then
  jcmd "$ZES_PID" JFR.stop name=bench >&2 || log "JFR could not be stopped"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
echo
echo "== consumer: $(figure "$(result "$OUT" consumer rate)" "events/s") end to end," \
  "steady $(figure "$(result "$OUT" consumer steady_rate)" "events/s")," \
  "$(result "$OUT" consumer rollup_rows) roll-up rows, exact=$(result "$OUT" consumer exact)"
echo "== monitoring, random two months: p50 $(figure "$(result "$OUT" monitoring two_months_p50)" ms)," \
  "p99 $(figure "$(result "$OUT" monitoring p99)" ms), p99.9 $(figure "$(result "$OUT" monitoring p999)" ms)" \
  "vs GET /health/live p99 $(figure "$(result "$OUT" monitoring baseline_p99)" ms);" \
  "whole year p99 $(figure "$(result "$OUT" monitoring year_p99)" ms)"
echo "== the same right after the load (checkpoint and autovacuum still running): two months" \
  "p50 $(figure "$(result "$OUT" fresh two_months_p50)" ms), p99 $(figure "$(result "$OUT" fresh p99)" ms);" \
  "whole year p99 $(figure "$(result "$OUT" fresh year_p99)" ms)"
echo "== full output: $OUT"
