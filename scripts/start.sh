#!/usr/bin/env bash
# Set everything up, then start the participant apps on the embedded SQLite store.
# Any option is passed to `careerkit serve`, e.g.: bash scripts/start.sh --host 0.0.0.0 --workshop TEAM1
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh" ""
cd "$CAREERKIT_ROOT"
exec careerkit serve "$@"
