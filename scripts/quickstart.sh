#!/usr/bin/env bash
# One command from a fresh clone to a running app on the embedded database:
#   bash scripts/quickstart.sh      → http://localhost:3000 (first visit: /setup creates the admin)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
exec node scripts/app.mjs
