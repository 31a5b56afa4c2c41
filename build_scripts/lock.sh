#!/usr/bin/env bash
# Regenerate the lock files in requirements/ from pyproject.toml (uv's pip-compatible resolver,
# universal: one file serves Linux, Windows and macOS; every wheel and sdist carries its SHA-256).
#
#   bash build_scripts/lock.sh            (or: make lock; needs `uv`, e.g. `pip install uv`)
#
# runtime.txt is the app alone (make run); test.txt, lint.txt and build.txt add one extra each and
# are constrained by runtime.txt, so the app's packages have the same versions in every one.
# Pass --upgrade to move every pin to the newest version the ranges in pyproject.toml allow.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-uv}
compile() {  # compile OUTPUT [uv options...]
  local out=$1; shift
  "$UV" pip compile --quiet --universal --python-version 3.11 --generate-hashes \
    --custom-compile-command "bash build_scripts/lock.sh" "$@" pyproject.toml -o "requirements/$out"
}
compile runtime.txt "$@"
for extra in test lint build; do
  compile "$extra.txt" --extra "$extra" -c requirements/runtime.txt "$@"
done
