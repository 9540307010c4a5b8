#!/usr/bin/env bash
# The one test command (`npm test`): typecheck, lint, unit tests (vitest, including the
# migrations-vs-schema check), a production build, Playwright in Chromium, and the interop
# tests with real SP software from Debian (scripts/test-interop.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    step "Installing Debian Chromium for Playwright"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Playwright needs /usr/bin/chromium: run 'sudo apt-get install -y chromium' first." >&2
    exit 1
  fi
fi

step "Prisma client"
npm run --silent db:generate

step "Typecheck"
npx tsc --noEmit -p .

step "Lint and format"
npx eslint --max-warnings 0 .
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "Run npm run format." >&2; exit 1; }

step "Unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json

step "Production build"
node scripts/with-env.mjs next build

step "End-to-end tests (Playwright, Chromium)"
set +e
npx playwright test
e2e=$?
set -e

step "Interop tests (mod_auth_mellon, Shibboleth SP, SimpleSAMLphp)"
set +e
bash scripts/test-interop.sh
interop=$?
set -e

node scripts/test-summary.mjs
[ "$e2e" -eq 0 ] && [ "$interop" -eq 0 ]
