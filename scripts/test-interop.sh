#!/usr/bin/env bash
# npm run test:interop — only the interop tests with real SP software from Debian (mod_auth_mellon,
# Shibboleth SP and SimpleSAMLphp in an Apache of their own on loopback ports, see
# e2e/interop/sp-software.ts): Playwright's "interop" project, after the setup projects, against
# the production build. `npm test` runs them with the other end-to-end tests. As root it installs
# the Debian packages it lacks (scripts/install-sp-software.sh). Builds first when .next/BUILD_ID
# is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-sp-software.sh

if [ ! -f .next/BUILD_ID ]; then
  npm run --silent build
fi

exec npx playwright test --project=interop "$@"
