#!/usr/bin/env bash
# Installs what is missing, then starts the portal on the embedded defaults (SQLite under
# .data/, the demo catalog) together with the integration runtime and its demo traffic,
# and says where to open it.
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

# The integration runtime and its demo traffic: RabbitMQ when RABBITMQ_URL is set, the
# embedded SQLite broker otherwise. Some failures are injected so the DLQs fill up.
export RUNTIME_ORDERS_PER_SECOND="${RUNTIME_ORDERS_PER_SECOND:-1}"
export RUNTIME_POISON_RATE="${RUNTIME_POISON_RATE:-0.03}"
export RUNTIME_REFUND_RATE="${RUNTIME_REFUND_RATE:-0.05}"
if [ -z "${RUNTIME_FAULTS:-}" ]; then
  export RUNTIME_FAULTS='{"legacy-erp":{"rejectRate":0.05},"payment-provider":{"errorRate":0.3}}'
fi
# Traces of the runtime's demo services and of the backend itself go to the journeys
# receiver (OTLP/HTTP at $OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces), authenticated with the
# ingest token that app-config.yaml accepts (backend.auth.externalAccess, subject
# otlp-ingest). Set OTEL_EXPORTER_OTLP_ENDPOINT yourself to send them elsewhere instead.
export JOURNEYS_INGEST_TOKEN="${JOURNEYS_INGEST_TOKEN:-journeys-ingest-dev-token}"
if [ -z "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ] && [ -z "${OTEL_EXPORTER_OTLP_TRACES_ENDPOINT:-}" ]; then
  export OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:7007/api/journeys
  export OTEL_EXPORTER_OTLP_HEADERS="${OTEL_EXPORTER_OTLP_HEADERS:-Authorization=Bearer%20${JOURNEYS_INGEST_TOKEN}}"
fi
broker_kind=embedded
if [ -n "${RABBITMQ_URL:-}" ]; then broker_kind=rabbitmq; fi
echo "Switchboard: starting the integration runtime (admin API http://localhost:7300, $broker_kind broker)"
node --enable-source-maps --require ./node_modules/@backstage/cli-node/config/nodeTransform.cjs \
  packages/integration-runtime/src/index.ts &
runtime_pid=$!
trap 'kill $runtime_pid 2>/dev/null || true' EXIT INT TERM

yarn dev
