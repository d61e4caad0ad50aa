#!/usr/bin/env bash
# Browser tests need Chromium (Debian's package). Install it if this machine lacks it.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "Chromium is installed"
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
else
  sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null
fi
command -v chromium >/dev/null
