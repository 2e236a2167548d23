#!/usr/bin/env bash
# The services the tests talk to on this machine: PostgreSQL and RabbitMQ (with its
# management HTTP API, which broker discovery reads). Starts or enables what is not
# answering when it can; the tests themselves say clearly what is missing otherwise.
set -uo pipefail
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! answers 5432 && command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  echo "services: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
fi
if ! answers 5672 && command -v rabbitmq-server >/dev/null; then
  echo "services: starting RabbitMQ"
  rabbitmq-server -detached || true
  for _ in $(seq 1 30); do answers 5672 && break; sleep 1; done
fi
if answers 5672 && ! answers 15672 && command -v rabbitmq-plugins >/dev/null; then
  echo "services: enabling RabbitMQ's management plugin"
  rabbitmq-plugins enable rabbitmq_management >/dev/null || true
  for _ in $(seq 1 30); do answers 15672 && break; sleep 1; done
fi
exit 0
