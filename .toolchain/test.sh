#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint, format check, type check, unit and
# integration tests (Jest, including the PostgreSQL test), then end-to-end tests in
# Chromium (Playwright).
# Installs what is missing first (Node 22, dependencies, Debian's chromium).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SWITCHBOARD_ROOT"
bash .toolchain/bootstrap.sh
source .toolchain/env.sh
bash .toolchain/chromium.sh
bash .toolchain/services.sh

# Jest and Playwright behave as in CI: no watch mode, fresh servers, no test.only.
export CI=true
reports="$SWITCHBOARD_ROOT/node_modules/.cache/test-reports"
rm -rf "$reports" && mkdir -p "$reports"
status=0
started=$(date +%s)

# Static checks first (about a minute). A failing check is counted in the summary and
# the tests still run, so one run shows everything that is wrong.
checks=""
echo "== lint (backstage-cli repo lint)"
yarn backstage-cli repo lint || { checks="$checks lint"; status=1; }

echo "== format (prettier --check .)"
yarn prettier --check . || { checks="$checks format"; status=1; }

echo "== type check (tsc)"
yarn tsc || { checks="$checks tsc"; status=1; }

echo "== unit and integration tests (jest)"
yarn test:unit --json --outputFile="$reports/jest.json" || status=1

echo "== end-to-end tests (playwright, chromium)"
rm -rf node_modules/.cache/e2e-data
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" \
  yarn test:e2e --reporter=list,json || status=1

node .toolchain/summary.js "$reports" "$(( $(date +%s) - started ))" "$checks" || status=1
exit $status
