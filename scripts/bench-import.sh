#!/usr/bin/env bash
# The history import benchmark of BENCHMARKS.md: generates N lines (default 1,000,000), imports
# them into a fresh SQLite database with the release build, then measures what SQLite itself
# needs to store the same rows (scripts/bench-import.py floor).
#
#   N=1000000 bash scripts/bench-import.sh
#
# The generated file is kept in $BENCH_DIR (default ~/.cache/motcua-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-1000000}"
source scripts/bench-env.sh

FILE="$BENCH_DIR/history-$N.jsonl"
if [ ! -f "$FILE" ]; then
  echo "== generate $N lines" >&2
  python3 scripts/bench-import.py lines "$N" > "$FILE.part"
  mv "$FILE.part" "$FILE"
fi

DB="$BENCH_DIR/import-$N.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
export MOTCUA_DATABASE_URL="sqlite://$DB"
"$BIN" migrate >/dev/null
echo "== motcua import dossiers ($(du -hL "$FILE" | cut -f1))"
sync
MOTCUA_LOG=info /usr/bin/time -f "wall %e s, peak memory %M KB" \
  "$BIN" import dossiers "$FILE" --create-missing 2>&1 | grep -E "checked|imported dossiers|Đã nạp|wall"
echo "database $(du -h "$DB" | cut -f1), WAL $(du -h "$DB-wal" 2>/dev/null | cut -f1)"
echo "== the same rows stored by SQLite alone"
python3 scripts/bench-import.py floor "$DB"
rm -f "$DB" "$DB-wal" "$DB-shm"
