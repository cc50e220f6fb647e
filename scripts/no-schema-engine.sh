#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded on these machines.
# `prisma generate` never runs it; migrations go through scripts/migrate.mjs (wasm engine).
echo "The native Prisma schema engine is not used here: run 'npm run db:migrate' instead." >&2
exit 1
