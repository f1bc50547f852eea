#!/usr/bin/env bash
# Shared by start.sh and test.sh: make ./.venv with Python >= 3.11 and install careerkit into it,
# with the tested versions of constraints.txt (the lock; refresh it with scripts/lock.sh).
# Usage: source scripts/setup.sh EXTRAS   (EXTRAS: "" for the apps, "test" for the test suite)
set -euo pipefail

CAREERKIT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${CAREERKIT_VENV:-$CAREERKIT_ROOT/.venv}"

say() { printf 'careerkit setup: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi
}

find_python() {
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  return 1
}

make_venv() {
  local py
  if ! py="$(find_python)"; then
    say "Python 3.11 or newer is needed. On Debian: sudo apt-get install python3 python3-venv"; exit 1
  fi
  if [ -x "$VENV/bin/python" ]; then return 0; fi
  if ! "$py" -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    say "Python's venv module is missing; installing Debian's python3-venv"
    if command -v apt-get >/dev/null && as_root apt-get install -y -qq python3-venv >/dev/null; then
      "$py" -m venv "$VENV"
    else
      say "Cannot create a virtual environment. Install it with: sudo apt-get install python3-venv"; exit 1
    fi
  fi
  "$VENV/bin/python" -m pip install -q --upgrade pip
}

install_careerkit() {
  local extras="${1:-}"
  local target="$CAREERKIT_ROOT"
  [ -n "$extras" ] && target="$CAREERKIT_ROOT[$extras]"
  say "installing careerkit${extras:+[$extras]} into $VENV (first run takes a few minutes)"
  "$VENV/bin/python" -m pip install -q -c "$CAREERKIT_ROOT/constraints.txt" -e "$target"
}

make_venv
install_careerkit "${1:-}"
export PATH="$VENV/bin:$PATH"
