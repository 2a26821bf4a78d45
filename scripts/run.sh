#!/usr/bin/env bash
# Serve the site and run the background worker side by side; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8000}
# The hourly escalation of overdue tasks re-queues itself; scheduling it again is a no-op.
.venv/bin/python manage.py escalate_overdue --schedule
.venv/bin/python manage.py db_worker --interval 1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Serving on http://127.0.0.1:$PORT  (officer inbox: /workflow/, CMS admin: /cms-admin/)"
.venv/bin/python manage.py runserver "127.0.0.1:$PORT"
