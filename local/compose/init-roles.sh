#!/bin/bash
# Runs once, when the compose database is first created (the postgres image runs the scripts of
# /docker-entrypoint-initdb.d on an empty data volume only): the role the jobs write as and the
# read-only role Grafana connects as, as sql/bootstrap/roles.sql makes them for a real server. The
# migrations' callback (afterMigrate__grants.sql) grants them their rights on every table when the
# stack migrates. An older volume never gets them: `docker compose down -v` starts afresh.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v writer_password="$STREAMWALL_WRITER_PASSWORD" \
    -v reader_password="$STREAMWALL_READER_PASSWORD" <<'SQL'
CREATE ROLE streamwall_writer LOGIN PASSWORD :'writer_password';
CREATE ROLE streamwall_reader LOGIN PASSWORD :'reader_password';
REVOKE ALL ON DATABASE streamwall FROM PUBLIC;
GRANT CONNECT ON DATABASE streamwall TO streamwall_writer, streamwall_reader;
-- The jobs' sinks stage a replayed batch in a temporary table of their session.
GRANT TEMPORARY ON DATABASE streamwall TO streamwall_writer;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
