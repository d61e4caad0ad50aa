# Sourced by the benchmark scripts: where their data is kept ($BENCH_DIR, default
# ~/.cache/motcua-bench), the release build, and $BIN, the motcua binary it made.
BENCH_DIR="${BENCH_DIR:-$HOME/.cache/motcua-bench}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/motcua-target}"
mkdir -p "$BENCH_DIR"

echo "== build" >&2
cargo build --release --locked -p motcua >&2
BIN="$CARGO_TARGET_DIR/release/motcua"
