#!/usr/bin/env bash
# Installs what is missing, then starts the portal on the embedded defaults
# (SQLite under .data/, the demo catalog) and says where to open it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SWITCHBOARD_ROOT"
bash .toolchain/bootstrap.sh
source .toolchain/env.sh

app_url=http://localhost:3000
started=$(date +%s)
echo "Switchboard: starting the backend (http://localhost:7007) and the app ($app_url)..."
(
  # Announce the URL once the frontend answers (the first compile takes a minute).
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$app_url" 2>/dev/null && \
       curl -fsS -o /dev/null http://localhost:7007/.backstage/health/v1/readiness 2>/dev/null; then
      printf '\n  Switchboard is up after %ss: open %s (sign in as guest)\n\n' \
        "$(( $(date +%s) - started ))" "$app_url"
      exit 0
    fi
    sleep 1
  done
) &
exec yarn dev
