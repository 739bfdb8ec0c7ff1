#!/usr/bin/env bash
# Starts a throwaway TimescaleDB server for the TimescaleDB ITCases from the prebuilt extension in
# shared/timescaledb (see its README) and prints its superuser JDBC URL on the last line; the
# caller exports it as STREAMWALL_TIMESCALEDB_URL and stops the server with
#   .ci/timescaledb.sh stop DIR       (DIR is printed on the line before the URL)
# Needs Debian's PostgreSQL 15 server; installs or upgrades it when root (the extension is built
# against a newer 15.x than some images carry: it then fails to load with "undefined symbol").
#   .ci/timescaledb.sh            # or STREAMWALL_TIMESCALEDB_HOME=/path/to/shared/timescaledb
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

home=""
for candidate in "${STREAMWALL_TIMESCALEDB_HOME:-}" "$repo/../shared/timescaledb" /work/shared/timescaledb; do
  if [ -n "$candidate" ] && [ -x "$candidate/start-cluster.sh" ]; then home="$(cd "$candidate" && pwd)"; break; fi
done
if [ -z "$home" ]; then
  echo "timescaledb: no shared/timescaledb found (set STREAMWALL_TIMESCALEDB_HOME)" >&2
  exit 1
fi

pg_bin=/usr/lib/postgresql/15/bin
if [ "${1:-}" = stop ]; then
  "$home/stop-cluster.sh" "${2:?data directory}"
  case "$2" in /tmp/streamwall-timescaledb.*) rm -rf "$2" ;; esac
  exit 0
fi
upgrade_postgres() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "timescaledb: PostgreSQL 15 server missing or too old, and not root to install it" >&2
    exit 1
  fi
  echo "timescaledb: installing Debian's current postgresql-15 ($1)" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq postgresql-15; } > "$dir/apt.log" 2>&1; then
    echo "timescaledb: apt-get failed:" >&2; cat "$dir/apt.log" >&2; exit 1
  fi
  # The package starts a cluster of its own on 5432; the tests do not use it.
  pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
}
dir="$(mktemp -d /tmp/streamwall-timescaledb.XXXXXX)"
[ -x "$pg_bin/postgres" ] || upgrade_postgres "no server at $pg_bin"
start() {
  for port in $(seq 5440 5459); do
    if url="$("$home/start-cluster.sh" "$dir" "$port" 2>/dev/null)"; then echo "$url"; return 0; fi
    if grep -q "undefined symbol" "$dir/server.log" 2>/dev/null; then return 2; fi
  done
  return 1
}
status=0; url="$(start)" || status=$?
if [ "$status" -eq 2 ]; then
  upgrade_postgres "$(grep -o 'undefined symbol: [a-z_]*' "$dir/server.log" | head -1)"
  : > "$dir/server.log"
  status=0; url="$(start)" || status=$?
fi
if [ "$status" -ne 0 ]; then
  echo "timescaledb: the server did not start; its log:" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
fi
version="$("$pg_bin/postgres" --version)"
echo "timescaledb: $(psql "${url#jdbc:}" -Atc "SELECT 'timescaledb ' || default_version FROM pg_available_extensions WHERE name = 'timescaledb'" 2>/dev/null || echo '?') on $version, data in $dir" >&2
echo "$dir"
echo "$url"
