-- The database and its three roles, created once by an administrator (a superuser, or a role with
-- CREATEROLE and CREATEDB, as managed services give):
--   psql -h HOST -U ADMIN -d postgres -v owner_password=... -v writer_password=... \
--        -v reader_password=... -f sql/bootstrap/roles.sql
-- streamwall         owns the database and runs the migrations (a job started as this role with
--                    its default --migrate): the only role that changes the schema.
-- streamwall_writer  the jobs (--jdbc-user streamwall_writer --no-migrate): read and upsert rows.
-- streamwall_reader  Grafana and `streamwall sql`: read only.
-- The grants follow from the migrations' callback (afterMigrate__grants.sql), which grants to
-- `<database>_writer` and `<database>_reader` whenever they exist: a database of another name gets
-- roles of that name.
\set ON_ERROR_STOP on
CREATE ROLE streamwall LOGIN PASSWORD :'owner_password';
CREATE ROLE streamwall_writer LOGIN PASSWORD :'writer_password';
CREATE ROLE streamwall_reader LOGIN PASSWORD :'reader_password';
CREATE DATABASE streamwall OWNER streamwall;
-- Nobody else connects; the schema's CREATE right stays with its owner (PostgreSQL 15's default).
REVOKE ALL ON DATABASE streamwall FROM PUBLIC;
GRANT CONNECT ON DATABASE streamwall TO streamwall_writer, streamwall_reader;
-- The jobs' sinks stage a replayed batch in a temporary table of their session.
GRANT TEMPORARY ON DATABASE streamwall TO streamwall_writer;
\connect streamwall
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
-- TimescaleDB, where the server preloads it (trusted: the owner could also create it).
SELECT 'CREATE EXTENSION IF NOT EXISTS timescaledb'
WHERE EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
  AND current_setting('shared_preload_libraries') LIKE '%timescaledb%' \gexec
