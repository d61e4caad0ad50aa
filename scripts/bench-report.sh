#!/usr/bin/env bash
# The report benchmark of BENCHMARKS.md: a synthetic province of N dossiers (default 10 million)
# in SQLite, motcua's periodic report of the province and of one ward, the delay before the
# Decision 766 index shows a new dossier, and the same province report computed by DuckDB on
# the same rows, with the two answers compared row by row.
#
#   N=10000000 WARDS=120 REPEAT=30 bash scripts/bench-report.sh
#
# The database, its CSV copy and a Python environment with DuckDB (from PyPI) are kept in
# $BENCH_DIR (default ~/.cache/motcua-bench) so that a second run skips the generation.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-10000000}"
WARDS="${WARDS:-120}"
REPEAT="${REPEAT:-30}"
source scripts/bench-env.sh

DB="$BENCH_DIR/synthetic-$N-$WARDS.db"
export MOTCUA_DATABASE_URL="sqlite://$DB"
if [ ! -f "$DB.done" ]; then
  echo "== seed --synthetic $N" >&2
  rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.stats.csv"
  start=$(date +%s.%N)
  "$BIN" seed --synthetic "$N" --wards "$WARDS" >&2
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc)
  echo "seed_seconds $secs" > "$DB.done"
  echo "seed_dossiers_per_s $(echo "$N / $secs" | bc)" >> "$DB.done"
fi
cat "$DB.done"

# The 365 days up to yesterday: a period that has ended, so both sides classify as of its end.
FROM=$(date -d "365 days ago" +%F)
TO=$(date -d "yesterday" +%F)
echo "period $FROM $TO"

echo "== motcua bench report" >&2
"$BIN" bench report --from "$FROM" --to "$TO" --repeat "$REPEAT" | tee "$BENCH_DIR/motcua.txt"
"$BIN" report tthc --from "$FROM" --to "$TO" --format json --out "$BENCH_DIR/motcua.json" >&2

echo "== duckdb" >&2
VENV="$BENCH_DIR/venv"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet duckdb
fi
"$VENV/bin/python" scripts/bench-report-duckdb.py "$DB" "$FROM" "$TO" "$REPEAT" \
  "$BENCH_DIR/motcua.json" | tee "$BENCH_DIR/duckdb.txt"

ours=$(awk '/^province_report_p50_ms/ {print $2}' "$BENCH_DIR/motcua.txt")
theirs=$(awk '/^duckdb_report_p50_ms/ {print $2}' "$BENCH_DIR/duckdb.txt")
echo "ratio_motcua_to_duckdb $(echo "scale=3; $ours / $theirs" | bc)"
if [ "$(echo "$ours * 2 <= $theirs" | bc)" != 1 ]; then
  echo "the province report ($ours ms) takes more than half DuckDB's time ($theirs ms)" >&2
  exit 1
fi
