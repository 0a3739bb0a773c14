#!/usr/bin/env bash
# (c) Register import (POST /vehicles/import, the three RDW exports) beside PostgreSQL's COPY of the very same
# files into scratch tables of text columns (psql \copy), on the same PostgreSQL.
# usage: bench/import.sh [vehicles=1500000]
source "$(dirname "$0")/lib.sh"
VEHICLES=${1:-1500000}
OUT=$(mktemp /tmp/zes-bench-import.XXXXXX)
DIR=$(mktemp -d /tmp/zes-bench-import-files.XXXXXX)
machine | tee "$OUT"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
start_zes

run_sim nl.zes.simulator.bench.ImportBench --url "$BENCH_URL" --admin-key "$BENCH_ADMIN_KEY" --vehicles "$VEHICLES" \
  --dir "$DIR" | tee -a "$OUT" || log "the ZES import failed"
ZES_RPS=$(result "$OUT" import rows_per_s)

PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$BENCH_PG_PORT" -U zes -d zes)
log "baseline: psql \\copy of the same files"
ROWS=0
START=$(date +%s.%N)
for file in "$DIR"/*.csv; do
  table="bench_copy_$(basename "$file" .csv | tr 'A-Z' 'a-z' | sed 's/[^a-z0-9]/_/g' | tail -c 30)"
  columns=$(head -1 "$file" | tr -d '\r' | sed -E 's/"//g; s/([^,]+)/"\1" text/g')
  "${PSQL[@]}" -c "DROP TABLE IF EXISTS $table; CREATE UNLOGGED TABLE $table ($columns)"
  "${PSQL[@]}" -c "\\copy $table FROM '$file' WITH (FORMAT csv, HEADER true)"
  ROWS=$((ROWS + $(tail -n +2 "$file" | wc -l)))
done
SECS=$(awk -v s="$START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.3f", e - s }')
COPY_RPS=$(awk -v r="$ROWS" -v s="$SECS" 'BEGIN { printf "%.0f", r / s }')
for file in "$DIR"/*.csv; do
  "${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_copy_$(basename "$file" .csv | tr 'A-Z' 'a-z' | sed 's/[^a-z0-9]/_/g' | tail -c 30)"
done
echo "RESULT copy rows=$ROWS seconds=$SECS rows_per_s=$COPY_RPS" | tee -a "$OUT"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
rm -rf "$DIR"
echo
echo "== import: ZES $(figure "$ZES_RPS" rows/s) vs COPY $(figure "$COPY_RPS" rows/s): ratio $(ratio "$ZES_RPS" "$COPY_RPS")"
echo "== full output: $OUT"
