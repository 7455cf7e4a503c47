#!/usr/bin/env bash
# Regenerate the head schema files of docs/schema from the changelogs:
#   head.sql               pg_dump --schema-only of a schema migrated to head, normalised
#   tables.dot, tables.svg entity-relationship diagram of the head tables
#   views.dot, views.svg   what each view and materialized view reads
# No arguments. It runs HeadSchemaFileTest with -Dcrmp.updateHeadSchema=true: the test migrates a throwaway
# database to head (as every test does), writes the files that differ, renders with Graphviz's dot the SVGs
# whose DOT changed, then checks them as it does in every `mvn verify`. Commit what it changes.
#
# Needs: Java 17 and Maven, Graphviz (dot), PostgreSQL 15's pg_dump and a test server (the local
# PostgreSQL 15 + PostGIS + PL/Python packages, or PYCDS_TEST_DATABASE_URL, or a Docker engine: see README).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v dot >/dev/null \
  || missing+=("Graphviz's dot, to render the SVGs (sudo apt-get install graphviz)")
command -v mvn >/dev/null \
  || missing+=("Maven (sudo apt-get install maven)")
[ -x /usr/lib/postgresql/15/bin/pg_dump ] \
  || missing+=("PostgreSQL 15's pg_dump, /usr/lib/postgresql/15/bin/pg_dump (sudo apt-get install postgresql-client-15)")
if [ -z "${PYCDS_TEST_DATABASE_URL:-}" ] && ! command -v docker >/dev/null; then
  server=()
  [ -x /usr/lib/postgresql/15/bin/initdb ] || server+=(postgresql-15)
  [ -f /usr/share/postgresql/15/extension/postgis.control ] || server+=(postgresql-15-postgis-3)
  [ -f /usr/share/postgresql/15/extension/plpython3u.control ] || server+=(postgresql-plpython3-15)
  [ ${#server[@]} -eq 0 ] \
    || missing+=("a PostgreSQL 15 server for the test database (sudo apt-get install ${server[*]}, or set PYCDS_TEST_DATABASE_URL=postgresql://SUPERUSER:PASSWORD@HOST:PORT/postgres)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "update-head-schema: missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 2
fi

mvn -q -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=HeadSchemaFileTest -Dcrmp.updateHeadSchema=true
git status --short -- docs/schema 2>/dev/null || true
