#!/usr/bin/env bash
# One command for all tests from a fresh clone: installs what is missing, then lint, typecheck,
# unit, integration (real PostgreSQL + Prometheus), build and Playwright end-to-end tests.
# Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund || exit 1
bash scripts/check-system.sh || exit 1
npm run -s db:generate >/dev/null || exit 1
exec node scripts/test-all.mjs
