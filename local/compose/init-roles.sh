#!/bin/bash
# Runs once, when the compose database is first created (the postgres image runs the scripts of
# /docker-entrypoint-initdb.d on an empty data volume only): the read-only role Grafana connects as.
# The migrations' callback (afterMigrate__grants.sql) grants it SELECT on every table and view when
# the first job migrates. An older volume never gets it: `docker compose down -v` starts afresh.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v reader_password="$STREAMWALL_READER_PASSWORD" <<'SQL'
CREATE ROLE streamwall_reader LOGIN PASSWORD :'reader_password';
GRANT CONNECT ON DATABASE streamwall TO streamwall_reader;
SQL
