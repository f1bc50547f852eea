#!/usr/bin/env bash
# Set everything up (test extras, Debian's Chromium, PostgreSQL if present) and run the whole suite.
# Options are passed to pytest, e.g.: bash scripts/test.sh -k survey -x
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" "test"
cd "$CAREERKIT_ROOT"

# Browser tests drive Debian's Chromium (never a downloaded browser build).
if [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium for the browser tests"
  if ! { command -v apt-get >/dev/null && as_root apt-get update -qq && as_root apt-get install -y -qq chromium >/dev/null; }; then
    say "Chromium is not installed and could not be installed here (needs root and apt-get)."
    say "Browser tests will be skipped; under CI they fail. Install it with: sudo apt-get install chromium"
  fi
fi

# The proxy tests run JupyterHub's proxy (configurable-http-proxy, from npm) into .tools/node.
CHP="$CAREERKIT_ROOT/.tools/node/node_modules/.bin/configurable-http-proxy"
if [ ! -x "$CHP" ] && [ -z "${CAREERKIT_CHP:-}" ]; then
  if command -v npm >/dev/null; then
    say "installing configurable-http-proxy (npm) into .tools/node for the proxy tests"
    npm install --silent --no-audit --no-fund --prefix "$CAREERKIT_ROOT/.tools/node" \
      'configurable-http-proxy@^4' || say "configurable-http-proxy could not be installed."
  else
    say "npm is missing: the reverse-proxy and JupyterHub tests will be skipped (under CI they fail)."
  fi
fi

# Store tests need a PostgreSQL server at 127.0.0.1:5432 (CAREERKIT_TEST_POSTGRES_URL to change it).
if command -v pg_lsclusters >/dev/null && pg_lsclusters --no-header 2>/dev/null | grep -q down; then
  say "starting the local PostgreSQL cluster"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi

# Two workers (CAREERKIT_TEST_WORKERS to change), each taking whole test files, so a file's
# servers and browser are started once: most of a browser test is waiting on a server.
status=0
python -m pytest -n "${CAREERKIT_TEST_WORKERS:-2}" --dist loadfile "$@" || status=$?
if [ "$status" = 5 ]; then say "pytest collected no tests"; fi
exit "$status"
