#!/usr/bin/env bash
# Reruns every rehearsed fault (docs/reliability.md), each bounded in time, loopback only, on
# throwaway databases it removes afterwards. The disk-full scenario needs root (it mounts a
# tmpfs). Uses $MOTCUA_BIN, else the debug build under $CARGO_TARGET_DIR (or target/).
#
#   bash scripts/faults/run-all.sh
set -uo pipefail
cd "$(dirname "$0")"
run() {
    echo "== $1"
    timeout "$2" python3 "$1" "${@:3}" || echo "($1 ended with status $?)"
}
run kill_under_load.py 600 --rounds 5
run postgres_outage.py 300 --outage 40
run three_instances.py 300
run disk_full.py 300
run drill_backup.py 600
