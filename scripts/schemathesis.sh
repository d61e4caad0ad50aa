#!/usr/bin/env bash
# Fuzzes the JSON API against its own OpenAPI document with schemathesis: a demo server on a
# fresh SQLite database and a free loopback port, every operation, a bounded number of examples
# each. Fails on any 5xx, any answer whose status, content type or body the document does not
# declare, and any input that breaks the document but is accepted.
#
# Usage: bash scripts/schemathesis.sh   (MOTCUA_FUZZ_EXAMPLES=n examples per operation, default 100)
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
VENV="${MOTCUA_VENV:-$HOME/.cache/motcua-venv}"
EXAMPLES="${MOTCUA_FUZZ_EXAMPLES:-100}"
# A hard bound on the run: schemathesis stops on its own well before.
LIMIT_SECONDS="${MOTCUA_FUZZ_LIMIT_SECONDS:-900}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/motcua-target}"

if ! "$VENV/bin/st" --version 2>/dev/null | grep -qF "$SCHEMATHESIS_VERSION"; then
  echo "installing schemathesis $SCHEMATHESIS_VERSION in $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

# The binary the test run just built ($MOTCUA_BIN, set by .ci/run), else a build of it alone
# (which resolves features differently from the workspace build, so it compiles more).
if [ -n "${MOTCUA_BIN:-}" ] && [ -x "$MOTCUA_BIN" ]; then
  BIN="$MOTCUA_BIN"
else
  cargo build --locked -p motcua
  BIN="$CARGO_TARGET_DIR/debug/motcua"
fi

WORK="$(mktemp -d)"
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
API="http://127.0.0.1:$PORT"
# Schemathesis signs in thousands of times with wrong passwords: no lock-out for this run.
printf 'login_attempts = 1000000\nlog = "warn"\n' >"$WORK/motcua.toml"

"$BIN" --database-url "sqlite://$WORK/motcua.db" --config "$WORK/motcua.toml" \
  serve --demo --demo-dossiers 60 --bind "127.0.0.1:$PORT" 2>"$WORK/server.log" &
SERVER=$!

up() { "$VENV/bin/python" -c "import urllib.request as u; u.urlopen('$API/healthz', timeout=2)" 2>/dev/null; }
until up; do
  if ! kill -0 "$SERVER" 2>/dev/null; then
    echo "the demo server stopped:" >&2
    cat "$WORK/server.log" >&2
    exit 1
  fi
  sleep 0.2
done

# The demo prints each account with its password once; the hooks read them there.
if ! grep -q '^  quantri ' "$WORK/server.log"; then
  echo "no administrator in the demo output:" >&2
  cat "$WORK/server.log" >&2
  exit 1
fi

echo "fuzzing $API with schemathesis $SCHEMATHESIS_VERSION, $EXAMPLES examples per operation"
started=$SECONDS
status=0
MOTCUA_API="$API" MOTCUA_DEMO_LOG="$WORK/server.log" \
  PYTHONPATH="scripts/schemathesis" SCHEMATHESIS_HOOKS=motcua_hooks \
  timeout "$LIMIT_SECONDS" "$VENV/bin/st" run "$API/api/v1/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection \
  --phases examples,coverage,fuzzing \
  --max-examples "$EXAMPLES" \
  --workers 1 \
  --seed 20261125 \
  --request-timeout 60 \
  --generation-database none \
  --no-color || status=$?
echo "schemathesis took $((SECONDS - started)) s"
if [ "$status" -ne 0 ]; then
  echo "--- server log (warnings and errors)" >&2
  tail -n 50 "$WORK/server.log" >&2
fi
exit "$status"
