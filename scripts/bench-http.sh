#!/usr/bin/env bash
# HTTP benchmarks recorded in BENCHMARKS.md: durable intake throughput (SQLite with and without
# group commit, PostgreSQL), p99 latency at a fixed 500 requests/s, idle RSS and cold start.
# The load comes from a second process (motcua-load) on loopback. Usage: bash scripts/bench-http.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/motcua-target}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
cargo build --release --locked -p motcua -p motcua-bench
BIN="$CARGO_TARGET_DIR/release/motcua"
LOAD="$CARGO_TARGET_DIR/release/motcua-load"
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
UNIT=$(python3 -c 'import json;print(next(u["code"] for u in json.load(open("data/demo/units.json"))["units"] if u["kind"] in ("ward","commune")))')
PROC=$(python3 -c 'import json;print(json.load(open("data/demo/procedures.json"))["procedures"][0]["code"])')
PORT=18080

install() { # $1 = database URL
  "$BIN" --database-url "$1" migrate >/dev/null
  "$BIN" --database-url "$1" import units data/demo/units.json >/dev/null
  "$BIN" --database-url "$1" import procedures data/demo/procedures.json >/dev/null
  echo "mat-khau-bench-123" | "$BIN" --database-url "$1" user create --username bench --role tiep_nhan --unit "$UNIT" >/dev/null
}

serve() { # $1 = database URL
  MOTCUA_LOG=warn "$BIN" --database-url "$1" serve --bind "127.0.0.1:$PORT" >/dev/null 2>&1 &
  SERVER=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.05; done
  echo "server did not start" >&2; exit 1
}

token() {
  curl -sf -H 'Content-Type: application/json' -d '{"username":"bench","password":"mat-khau-bench-123"}' \
    "http://127.0.0.1:$PORT/api/v1/auth/token" | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])'
}

run_suite() { # $1 = label, $2 = database URL
  echo "### $1"
  serve "$2"
  sleep 1
  echo "idle RSS: $(ps -o rss= -p "$SERVER" | awk '{printf "%.1f MB", $1/1024}')"
  TOKEN=$(token)
  ARGS=(--addr "127.0.0.1:$PORT" --token "$TOKEN" --unit "$UNIT" --procedure "$PROC" --seconds "$SECONDS_PER_RUN")
  "$LOAD" throughput "${ARGS[@]}" --connections 64
  "$LOAD" rate "${ARGS[@]}" --rps 500 --connections 64
  echo "RSS after load: $(ps -o rss= -p "$SERVER" | awk '{printf "%.1f MB", $1/1024}')"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
DB="$WORK/bench.db"
install "sqlite://$DB"
run_suite "SQLite, group commit (default)" "sqlite://$DB"
run_suite "SQLite, one commit per request" "sqlite://$DB?group_commit=off"

echo "### cold start (SQLite, migrated database)"
"$LOAD" startup --addr "127.0.0.1:$((PORT + 1))" -- "$BIN" --database-url "sqlite://$DB" serve --bind "127.0.0.1:$((PORT + 1))"

PGDB="motcua_bench_$$"
psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $PGDB" >/dev/null
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"; psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $PGDB" >/dev/null' EXIT
install "postgres://postgres@127.0.0.1:5432/$PGDB"
run_suite "PostgreSQL (local, default settings)" "postgres://postgres@127.0.0.1:5432/$PGDB"
