#!/usr/bin/env bash
# CI: build the event-laptop folder from a clean clone and run the frozen program's self-test.
# Called by .ci/run after `make test`; on its own it sets up everything it needs from scratch
# (VENV names the virtual environment, default .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
if command -v apt-get >/dev/null 2>&1; then
  # Xvfb to show the frozen app's first window; the xcb libraries Qt's X11 plugin loads, so that
  # PyInstaller finds and bundles them (laptops without them could not open a window)
  pkgs=$(grep -v '^#' requirements/debian.txt)
  # shellcheck disable=SC2086
  if ! dpkg -s $pkgs >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq $pkgs >/dev/null
  fi
fi
VENV=${VENV:-.venv}
make install-build VENV="$VENV"  # the app and PyInstaller, from requirements/build.txt
export PY="$VENV/bin/python"
rm -rf dist/BeginAgainKiosk build/pyinstaller
out=$(mktemp)
trap 'rm -f "$out"' EXIT
bash build_scripts/build.sh | tee "$out"
grep -q "^self-test passed: .*(kiosk .*, frozen)" "$out" || { echo "ci_build: no passing frozen self-test" >&2; exit 1; }
size=$(du -sk dist/BeginAgainKiosk | cut -f1)
if [ "$(uname -s)" = "Linux" ] && [ "$size" -gt $((170 * 1024)) ]; then
  echo "ci_build: the onedir build is $((size / 1024)) MB, over the 170 MB target" >&2
  exit 1
fi
