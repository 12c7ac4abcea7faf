#!/usr/bin/env bash
# make run: a local Neo4j (unless NEO4J_URI is set), migrations, demo data, then the API.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export BRM_PORT=${BRM_PORT:-8000}
if [[ -z "${NEO4J_URI:-}" ]]; then
  scripts/neo4j.sh start
  export NEO4J_URI="bolt://127.0.0.1:${NEO4J_BOLT_PORT:-7687}"
  export NEO4J_USER=neo4j NEO4J_PASSWORD=${NEO4J_PASSWORD:-brm-local-dev}
fi
if [[ -z "${BRM_ADMIN_TOKEN:-}" ]]; then
  BRM_ADMIN_TOKEN=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(24))')
  export BRM_ADMIN_TOKEN
  echo "BRM_ADMIN_TOKEN was not set; this run's admin token: $BRM_ADMIN_TOKEN"
fi

.venv/bin/brm migrate
if [[ "${BRM_DEMO:-1}" == 1 ]]; then
  .venv/bin/brm demo --if-empty
  # Sign-ins for the web app as a rep, a lead and an exec; kept beside the database they live in.
  logins="${BRM_DATA_DIR:-.data/neo4j}/demo-logins.txt"
  if [[ ! -s "$logins" ]]; then
    mkdir -p "$(dirname "$logins")"
    .venv/bin/brm demo-logins > "$logins"
  fi
  echo "Demo sign-ins for the web app (role employee name: token):"
  cat "$logins"
fi
echo "Web app on http://127.0.0.1:$BRM_PORT/ , API docs at /docs; Ctrl-C stops it."
echo "Neo4j keeps running; stop it with: make neo4j-stop"
exec .venv/bin/uvicorn app.main:app --host 127.0.0.1 --port "$BRM_PORT" --no-access-log
