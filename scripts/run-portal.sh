#!/usr/bin/env bash
# Start the portal for a local trial: a Celery worker with embedded beat in the
# background (filesystem broker unless REDIS_URL is set) and Django's server in
# the foreground. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${PORTAL_HOST:-127.0.0.1}
PORT=${PORTAL_PORT:-8000}
mkdir -p var/log

.venv/bin/celery -A portal worker --beat --pool=solo --loglevel=INFO \
  --schedule var/celery/beat-schedule >var/log/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT INT TERM

echo
echo "Portal berjalan di http://$HOST:$PORT/  (worker Celery: var/log/worker.log)"
echo "Tekan Ctrl-C untuk berhenti."
$PY manage.py runserver "$HOST:$PORT" --noreload
