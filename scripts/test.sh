#!/bin/sh
# @module scripts/test
# What `npm test` runs, and what CI runs: build, type check, lint, then every test against both
# storage implementations (PGlite and a real PostgreSQL this script provisions), then the law's
# own YAML tests. Stops at the first failure.
set -e

cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step 'build (tsc)'
npm run --silent build

step 'type check'
npm run --silent typecheck

step 'lint and format (biome)'
npm run --silent lint

step 'PostgreSQL for the storage tests'
PGDIR=${PGDIR:-/tmp/samaki-pg}
export PGDIR
marker="$PGDIR/started-by-ensure-postgres"
before=$(cat "$marker" 2>/dev/null || true)
url_output=$(sh scripts/ensure-postgres.sh)
# ensure-postgres rewrites its marker only when it starts a server; stop only what this run
# started, so a server a developer keeps running for fast re-runs survives.
after=$(cat "$marker" 2>/dev/null || true)
if [ -n "$after" ] && [ "$after" != "$before" ]; then
  trap 'step "stopping PostgreSQL"; sh scripts/stop-postgres.sh' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
fi
SAMAKI_TEST_DATABASE_URL=$(printf '%s\n' "$url_output" | tail -n 1)
SAMAKI_REQUIRE_POSTGRES=1
export SAMAKI_TEST_DATABASE_URL SAMAKI_REQUIRE_POSTGRES

step 'tests (vitest)'
npx vitest run

if [ -f bin/samaki.js ]; then
  step 'law tests (samaki law test)'
  node bin/samaki.js law test
fi

step 'all checks passed'
