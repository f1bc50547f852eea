#!/usr/bin/env bash
# Refresh constraints.txt, the lock: one exact, tested version of every package careerkit and all
# its extras install, compiled from pyproject.toml by uv for Python 3.11 on Linux.
# Run it after changing a dependency in pyproject.toml; pins that still fit stay as they are.
# Options go to `uv pip compile`, e.g.:
#   bash scripts/lock.sh --upgrade                        # every package to its newest allowed version
#   bash scripts/lock.sh --upgrade-package jupyter-server # one package only
# Then run bash scripts/test.sh (it reinstalls .venv with the new pins) and commit both files.
# uv is a tool for this script only (installed into .venv when missing); careerkit never needs it.
set -euo pipefail

CAREERKIT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${CAREERKIT_VENV:-$CAREERKIT_ROOT/.venv}"
LOCK="$CAREERKIT_ROOT/constraints.txt"

say() { printf 'careerkit lock: %s\n' "$*" >&2; }

if [ ! -x "$VENV/bin/python" ]; then
  say "making $VENV"
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -m uv --version >/dev/null 2>&1; then
  say "installing uv into $VENV"
  "$VENV/bin/python" -m pip install -q uv
fi

cd "$CAREERKIT_ROOT"
body="$(mktemp)"
trap 'rm -f "$body"' EXIT

# Plain PyPI only: no uv.toml, no index or find-links from the environment (uv never reads pip's
# configuration), so the lock holds what any machine can install.
env -u UV_INDEX -u UV_DEFAULT_INDEX -u UV_INDEX_URL -u UV_EXTRA_INDEX_URL -u UV_FIND_LINKS \
  "$VENV/bin/python" -m uv pip compile pyproject.toml \
  --no-config --all-extras --python-version 3.11 --python-platform linux \
  --annotation-style line --no-header --quiet --output-file "$LOCK" "$@"
cp "$LOCK" "$body"

{
  cat <<'EOF'
# The lock: one exact version of every package careerkit installs, with all its extras (postgres,
# test), the set that the test suite ran with. scripts/setup.sh (so start.sh, test.sh and CI)
# installs with `pip install -c constraints.txt -e .[EXTRAS]`.
# Named for how pip reads it: constraints (-c) pin what pyproject.toml asks for and install nothing
# by themselves, so one file serves the apps and the test suite. It sits beside pyproject.toml,
# which it is compiled from. Resolved for Python 3.11 (3.11.0 and later) on Linux, from PyPI alone.
# Do not edit by hand: change pyproject.toml, then run `bash scripts/lock.sh` (README, "Dependencies
# and the lock file"). tests/project/test_lock.py checks that the two agree.
EOF
  cat "$body"
} >"$LOCK"
say "wrote $LOCK ($(grep -c '==' "$LOCK") pins)"
