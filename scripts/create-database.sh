#!/usr/bin/env bash
# Create (or complete) a database that the CRMP changelogs can migrate: the maintenance guide's
# "creating a new database" steps. Idempotent: every step is skipped when already done, so it is
# safe to re-run after a failure and on an existing database.
#
# What it makes, with an admin (superuser) connection:
#   roles     the owner (LOGIN), the elevated role (SUPERUSER NOINHERIT NOLOGIN, granted to the owner),
#             and the roles the standard grants name (NOLOGIN): inspector, viewer, steward by default
#   database  owned by the owner
#   extensions the prerequisites no revision installs: plpgsql, plpython3u, postgis, hstore, moddatetime
#             (citext and unaccent are installed by revisions 3d50ec832e47 and 78260d36e42b themselves)
#   schemas   one or more, owned by the owner
#
# usage: scripts/create-database.sh --admin CONNINFO --database NAME [--owner ROLE]
#          [--schema NAME]... [--su-role ROLE] [--grant-roles "inspector viewer steward"]
#   CONNINFO  libpq connection string of a superuser, e.g. "host=localhost port=5432 user=postgres"
#             (no dbname: the script connects to "postgres" and then to the new database)
# Defaults: owner tester; the schema and the elevated role as the migrations resolve them (--schema/--su-role,
# else PYCDS_SCHEMA_NAME / PYCDS_SU_ROLE_NAME, else the defaults of src/main/java/.../config/Parameter.java),
# validated by the same code: the project must be compiled (mvn compile).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"

admin=""
database=""
owner="tester"
schemas=()
su_role=""
grant_roles="inspector viewer steward"

die() { echo "create-database: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --admin) admin="$2"; shift 2 ;;
    --database) database="$2"; shift 2 ;;
    --owner) owner="$2"; shift 2 ;;
    --schema) schemas+=("$2"); shift 2 ;;
    --su-role) su_role="$2"; shift 2 ;;
    --grant-roles) grant_roles="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[ -n "$admin" ] || die "--admin CONNINFO is required"
[ -n "$database" ] || die "--database NAME is required"

# The schema(s) and the elevated role: resolved and checked by the project's one resolver.
[ -d "$here/target/classes/org/pacificclimate/crmp/config" ] \
  || die "the project is not compiled: run mvn compile first (the schema and role defaults and rules live in its code)"
command -v java >/dev/null || die "java not found: install a Java 17 runtime"
resolver_args=()
for schema in "${schemas[@]}"; do resolver_args+=(--schema "$schema"); done
[ -z "$su_role" ] || resolver_args+=(--su-role "$su_role")
settings="$(java -cp "$here/target/classes" org.pacificclimate.crmp.config.ShowSettings "${resolver_args[@]}")" \
  || die "refused (see above); nothing was changed"
schemas=()
while IFS='=' read -r key value; do
  case "$key" in
    schemaName) schemas+=("$value") ;;
    suRoleName) su_role="$value" ;;
  esac
done <<< "$settings"

# The other names are spliced into SQL too, so only plain lowercase identifiers are accepted.
identifier='^[a-z_][a-z0-9_]{0,62}$'
for name in "$database" "$owner" $grant_roles; do
  [[ "$name" =~ $identifier ]] || die "'$name' is not a plain lowercase SQL identifier ([a-z_][a-z0-9_]*, at most 63 characters)"
done
command -v psql >/dev/null || die "psql not found: install postgresql-client-15"

run() { # run SQL on database $1 as the admin; stop at the first error (NOTICEs about existing objects are noise)
  PGOPTIONS="-c client_min_messages=warning" psql "$admin dbname=$1" -X -q -v ON_ERROR_STOP=1 -c "$2" >/dev/null
}

psql "$admin dbname=postgres" -X -q -tAc "SELECT 1" >/dev/null \
  || die "cannot connect as admin with '$admin'"

ensure_role() { # name, attributes
  run postgres "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$1') THEN CREATE ROLE $1 $2; END IF;
  END \$\$"
}
ensure_role "$owner" "LOGIN"
ensure_role "$su_role" "SUPERUSER NOINHERIT NOLOGIN"
for role in $grant_roles; do ensure_role "$role" "NOLOGIN"; done
# The owner must be able to SET ROLE to the elevated role (plpython3u functions, ownership).
run postgres "GRANT $su_role TO $owner"

if [ -z "$(psql "$admin dbname=postgres" -X -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]; then
  run postgres "CREATE DATABASE $database OWNER $owner"
fi

for extension in plpgsql plpython3u postgis hstore moddatetime; do
  run "$database" "CREATE EXTENSION IF NOT EXISTS $extension" \
    || die "extension $extension could not be created: install postgresql-15-postgis-3 and postgresql-plpython3-15"
done

for schema in "${schemas[@]}"; do
  run "$database" "CREATE SCHEMA IF NOT EXISTS $schema AUTHORIZATION $owner"
done
# CREATE on the database lets the owner install the trusted extensions (citext, unaccent) of later revisions.
run "$database" "GRANT CREATE, CONNECT, TEMPORARY ON DATABASE $database TO $owner"

echo "create-database: $database ready (owner $owner, elevated role $su_role, schemas ${schemas[*]})"
