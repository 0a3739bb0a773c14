#!/usr/bin/env bash
# (d) Report latency over a simulated year of roll-ups: a year (2025) of passages for every zone at a fraction of
# real volume plus the Loket's history, then sequential GET /reports/monitoring for the whole year and
# /reports/compliance for a month, beside GET /health/live on the same gateway.
# usage: bench/reports.sh [scale=0.02] [requests=200]
source "$(dirname "$0")/lib.sh"
SCALE=${1:-0.02}
REQUESTS=${2:-200}
OUT=$(mktemp /tmp/zes-bench-reports.XXXXXX)
machine | tee "$OUT"
start_zes
run_sim nl.zes.simulator.bench.ReportBench --url "$BENCH_URL" --admin-key "$BENCH_ADMIN_KEY" --scale "$SCALE" \
  --requests "$REQUESTS" --vehicles 50000 | tee -a "$OUT" || log "the ZES run failed"
echo
echo "== reports: $(figure "$(grep '^RESULT report' "$OUT" | sed 's/^RESULT report //')" "")"
echo "== full output: $OUT"
