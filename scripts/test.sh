#!/usr/bin/env bash
# The one test command (`npm test`): typecheck, lint and format (side by side), unit tests (vitest, on SQLite
# and on a throwaway PostgreSQL cluster, including the migrations-vs-schema check for both) beside
# a production build, then Playwright in Chromium: the end-to-end specs and, beside them, the
# interop tests with real SP software from Debian (e2e/interop/). It ends with the time each stage took (also in
# test-results/timings.json), so that the next change sees its cost, and the closing
# "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results

ms() { echo $(($(date +%s%N) / 1000000)); }
STAGES=()
TIMES=()
STARTED=$(ms)
CURRENT=""
CURRENT_START=0

step() {
  finish_step
  CURRENT="$*"
  CURRENT_START=$(ms)
  printf '\n\033[1m== %s\033[0m\n' "$*"
}
finish_step() {
  if [ -n "$CURRENT" ]; then
    STAGES+=("$CURRENT")
    TIMES+=($(($(ms) - CURRENT_START)))
    CURRENT=""
  fi
}
# "12345" ms -> "12.3"
secs() { printf '%d.%d' $(($1 / 1000)) $((($1 % 1000) / 100)); }
print_timings() {
  finish_step
  local total=$(($(ms) - STARTED))
  printf '\n\033[1m== Timings\033[0m\n'
  local json="{"
  for i in "${!STAGES[@]}"; do
    printf '  %-44s %8s s\n' "${STAGES[$i]}" "$(secs "${TIMES[$i]}")"
    json+="$([ "$i" -gt 0 ] && echo ,)\"${STAGES[$i]}\":$(secs "${TIMES[$i]}")"
  done
  printf '  %-44s %8s s (%dm%02ds)\n' "Total" "$(secs $total)" $((total / 60000)) $(((total / 1000) % 60))
  echo "${json},\"Total\":$(secs $total)}" > test-results/timings.json
}
# Also printed when a stage fails (set -e stops the run there).
trap print_timings EXIT

# Playwright drives Debian's Chromium headless shell (chromium-headless-shell: the same build as
# /usr/bin/chromium without the browser UI, about half the CPU), or /usr/bin/chromium without it.
if [ ! -x /usr/lib/chromium/chromium-headless-shell ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    step "Installing Debian Chromium (headless shell) for Playwright"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell >/dev/null
  elif [ -x /usr/bin/chromium ]; then
    echo "Using /usr/bin/chromium; 'sudo apt-get install -y chromium-headless-shell' makes the end-to-end tests about twice as fast." >&2
  else
    echo "Playwright needs Chromium: run 'sudo apt-get install -y chromium chromium-headless-shell' first." >&2
    exit 1
  fi
fi

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && ! command -v initdb >/dev/null && [ -z "${PORTCULLIS_PG_BINDIR:-}" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    step "Installing Debian PostgreSQL for the unit tests"
    bash scripts/install-postgresql.sh
  else
    echo "The unit tests need PostgreSQL's server binaries: run 'sudo apt-get install -y postgresql' first." >&2
    exit 1
  fi
fi

step "Duo's clients and nginx (Admin API / Auth API tests), Debian's SAML SPs (interop tests)"
bash scripts/install-duo-clients.sh
bash scripts/install-sp-software.sh

step "Prisma clients"
npm run --silent db:generate

# The two are single-threaded: side by side they take the time of the longer one.
step "Typecheck, lint (with the layering rules) and format, side by side"
npx tsc --noEmit -p . >test-results/typecheck.log 2>&1 &
tsc_pid=$!
lint_ok=0
npx eslint --max-warnings 0 . || lint_ok=1
if ! npx prettier --check . >/dev/null; then
  npx prettier --list-different .
  echo "Run npm run format." >&2
  lint_ok=1
fi
tsc_ok=0
wait "$tsc_pid" || tsc_ok=1
cat test-results/typecheck.log
if [ "$tsc_ok" -ne 0 ] || [ "$lint_ok" -ne 0 ]; then exit 1; fi

# The build beside the unit tests (but test/migrations.test.ts, which runs beside the end-to-end
# tests): the test files wait on their databases and child processes
# part of the time, and the build fills the cores meanwhile. Its output is printed after.
step "Unit tests (SQLite and PostgreSQL) and the production build, side by side"
# The typecheck stage above has checked the types the build would check again.
PORTCULLIS_BUILD_TYPECHECKED=1 node scripts/with-env.mjs next build >test-results/build.log 2>&1 &
build_pid=$!
unit_ok=0
npx vitest run --project sqlite --project postgresql --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || unit_ok=1
build_ok=0
wait "$build_pid" || build_ok=1
printf '\n\033[1m-- Production build\033[0m\n'
cat test-results/build.log
if [ "$unit_ok" -ne 0 ] || [ "$build_ok" -ne 0 ]; then exit 1; fi

# test/migrations.test.ts (the Prisma CLI applying both migration histories, about 85 s of one
# core) runs beside the end-to-end tests at the lowest priority: it takes the CPU that Playwright
# leaves idle (its serial setup and the tests that run alone) instead of lengthening the unit stage.
step "End-to-end and interop tests (Playwright, Chromium); the migrations check beside them"
nice -n 19 npx vitest run --project migrations --reporter=default --reporter=json \
  --outputFile.json=test-results/vitest-migrations.json >test-results/migrations.log 2>&1 &
migrations_pid=$!
set +e
npx playwright test
e2e=$?
wait "$migrations_pid"
migrations=$?
set -e
printf '\n\033[1m-- Migrations check (test/migrations.test.ts)\033[0m\n'
cat test-results/migrations.log

trap - EXIT
print_timings
node scripts/test-summary.mjs
[ "$e2e" -eq 0 ] && [ "$migrations" -eq 0 ]
