#!/usr/bin/env bash
# Backup drill (docs/operations.md §4.5, results in docs/reliability.md): backs up SQLite and a
# throwaway PostgreSQL while intakes go on, restores each into a fresh instance and compares every
# dossier and event acknowledged before the backup. Loopback only; stops by itself and removes
# what it made. Uses $MOTCUA_BIN, else the debug build under $CARGO_TARGET_DIR (or target/).
#
#   bash scripts/drill-backup.sh [--backend sqlite|postgres|both] [--seconds 3]
set -euo pipefail
cd "$(dirname "$0")/faults"
exec timeout 600 python3 drill_backup.py "$@"
