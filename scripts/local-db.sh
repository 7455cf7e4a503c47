#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for development, on localhost:30599, holding the databases of the
# labels "dev" (pycds_test) and "test" (pycds_test2), ready for `mvn liquibase:update -Pdev`.
#
# usage: scripts/local-db.sh [start|stop|status|destroy]     (default: start)
#
# start    installs PostgreSQL 15 + PostGIS 3 + PL/Python when missing (as root; otherwise prints the
#          packages to install), creates the cluster under .local/postgres on first use, starts it,
#          creates both databases with scripts/create-database.sh (roles tester, pcicdba, inspector,
#          viewer, steward; schema $PYCDS_SCHEMA_NAME or crmp) and compiles the project, whose
#          Liquibase extension the Maven goals load. Safe to run again at any time.
# stop     stops the cluster; destroy stops it and deletes .local/postgres.
# Local connections are trusted (no password): this cluster is for development only.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
port="${PYCDS_LOCAL_PORT:-30599}"
root="$here/.local/postgres"
data="$root/data"
sockets="$root/run"
log="$root/postgres.log"
pg_bin="/usr/lib/postgresql/15/bin"
packages="postgresql-15 postgresql-15-postgis-3 postgresql-plpython3-15"

as_postgres() { # initdb and the server refuse to run as root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_packages() {
  local missing=()
  [ -x "$pg_bin/initdb" ] || missing+=(postgresql-15)
  [ -f /usr/share/postgresql/15/extension/postgis.control ] || missing+=(postgresql-15-postgis-3)
  [ -f /usr/share/postgresql/15/extension/plpython3u.control ] || missing+=(postgresql-plpython3-15)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "local-db: missing packages: ${missing[*]}" >&2
    echo "local-db: install them with: sudo apt-get install $packages" >&2
    exit 2
  fi
  echo "local-db: installing ${missing[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
}

running() { [ -f "$data/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

start() {
  ensure_packages
  mkdir -p "$root"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$root"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    echo "local-db: creating cluster in $data"
    as_postgres "$pg_bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_postgres mkdir -p "$sockets"
  if ! running; then
    as_postgres "$pg_bin/pg_ctl" -D "$data" -l "$log" -w \
      -o "-p $port -k $sockets -c listen_addresses=localhost" start >/dev/null
  fi
  local admin="host=localhost port=$port user=postgres"
  # Compile first: the Maven goals load the project's extension from target/classes, and
  # create-database.sh takes the schema and role defaults from the project's resolver.
  if command -v mvn >/dev/null; then
    (cd "$here" && mvn -B -q -DskipTests compile)
  elif [ -x "$here/mvnw" ]; then
    (cd "$here" && ./mvnw -B -q -DskipTests compile)
  fi
  "$here/scripts/create-database.sh" --admin "$admin" --database pycds_test
  "$here/scripts/create-database.sh" --admin "$admin" --database pycds_test2
  echo "local-db: running on localhost:$port; now: mvn liquibase:update -Pdev"
}

case "${1:-start}" in
  start) start ;;
  stop) if running; then as_postgres "$pg_bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi; echo "local-db: stopped" ;;
  status) if running; then echo "local-db: running on localhost:$port ($data)"; else echo "local-db: not running"; exit 3; fi ;;
  destroy) if running; then as_postgres "$pg_bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi; rm -rf "$root"; echo "local-db: destroyed" ;;
  *) echo "usage: $0 [start|stop|status|destroy]" >&2; exit 2 ;;
esac
