-- Least privilege: the jobs write as `<database>_writer`, Grafana and `streamwall sql` read as
-- `<database>_reader` (for the database `streamwall`: streamwall_writer and streamwall_reader),
-- and only the owner, who runs these migrations, changes the schema. The roles are created by an
-- administrator (sql/bootstrap/roles.sql; creating roles needs CREATEROLE, which the owner has not);
-- where they do not exist nothing is granted, and everything keeps working as the owner. This is a
-- Flyway callback, run after every migrate (every job start, unless --no-migrate): roles created
-- later and tables added by new migrations get their grants on the next start; the statements are
-- idempotent. TimescaleDB gives new chunks their hypertable's privileges.
--   writer: SELECT, INSERT, UPDATE on the suite's tables (an upsert reads the row it conflicts
--           with), nothing on the migration history, no DELETE, no DDL; TEMPORARY on the
--           database (the sinks stage a replayed batch in a temporary table of their session),
--           where the migrating role may grant it (it owns the database).
--   reader: SELECT on the suite's tables and views.

DO $migration$
DECLARE
    writer text := current_database() || '_writer';
    reader text := current_database() || '_reader';
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = writer) THEN
        EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', writer);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO %I', writer);
        EXECUTE format('REVOKE ALL ON flyway_schema_history FROM %I', writer);
        BEGIN
            EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO %I', current_database(), writer);
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'not granting TEMPORARY on % to % (not the database owner)',
                current_database(), writer;
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = reader) THEN
        EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', reader);
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I', reader);
        EXECUTE format('REVOKE ALL ON flyway_schema_history FROM %I', reader);
    END IF;
END
$migration$;
