#!/usr/bin/env bash
# Which locks each revision's upgrade takes: the SQL of the revision's changeset (as bench/run.sh's floor
# replays it) runs in one transaction on a small database at the revision's parent; before the ROLLBACK
# that ends it, pg_locks lists every relation lock the transaction holds. PostgreSQL keeps a lock until
# the end of the transaction, so this is every lock the revision takes, each held from the statement that
# first needs it until COMMIT (the statement order is in the revision's SQL files).
#
# usage: bench/locks.sh REVISION...      (environment as bench/run.sh; database <prefix>locks, dropped)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
schema="${BENCH_SCHEMA:-crmp}"; su_role="${BENCH_SU_ROLE:-pcicdba}"; owner="${BENCH_OWNER:-tester}"
host="${BENCH_HOST:-localhost}"; port="${BENCH_PORT:-30599}"; admin_user="${BENCH_ADMIN_USER:-postgres}"
prefix="${BENCH_PREFIX:-g_}"; mvn_cmd="${MVN:-mvn -B -o}"
admin="host=$host port=$port user=$admin_user"; db="${prefix}locks"
aq() { psql -X -At -v ON_ERROR_STOP=1 "$admin dbname=${2:-postgres}" -c "$1"; }
trap 'aq "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true' EXIT

for rev in "$@"; do
  parent="$(/usr/bin/python3 "$here/lib/changelog.py" parent "$rev")"
  aq "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  "$root/scripts/create-database.sh" --admin "$admin" --database "$db" --owner "$owner" --schema "$schema" \
      --su-role "$su_role" >/dev/null
  (cd "$root" && $mvn_cmd -q liquibase:update -Dliquibase.url="jdbc:postgresql://$host:$port/$db" \
      -Dliquibase.username="$owner" -Dliquibase.toTag="$parent" -Dpycds.schemaName="$schema" \
      -Dpycds.suRoleName="$su_role" >/dev/null)
  psql -X -q -v ON_ERROR_STOP=1 -v schema="$schema" -v seed=1 -v rows=1000 -v owner="$owner" \
       -f "$here/generate.sql" "$admin dbname=$db" >/dev/null
  "$here/refresh.sh" "$db" "$schema"
  echo "== $rev (from $parent): relation locks held at COMMIT (tables, matviews; indexes and the"
  echo "   transaction's temporary tables omitted)"
  { echo "BEGIN;"
    echo "CREATE TEMP TABLE g_before ON COMMIT DROP AS SELECT oid, relname, relkind FROM pg_class WHERE relnamespace = '$schema'::regnamespace;"
    /usr/bin/python3 "$here/lib/changelog.py" sql "$rev" "$schema" "$su_role"
    echo "RESET ROLE;"
    echo "\\pset footer off"
    echo "SELECT coalesce(c.relname, b.relname || ' (dropped)', 'oid ' || l.relation || ' (created and dropped)') AS relation,
                 CASE coalesce(c.relkind, b.relkind) WHEN 'r' THEN 'table' WHEN 'm' THEN 'matview' WHEN 'v' THEN 'view'
                      WHEN 'S' THEN 'sequence' ELSE coalesce(c.relkind, b.relkind, '?')::text END AS kind,
                 string_agg(l.mode, ', ' ORDER BY l.mode) AS modes
            FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation LEFT JOIN g_before b ON b.oid = l.relation
           WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation'
             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND coalesce(c.relkind, b.relkind, 'r') NOT IN ('i', 'I')
             AND coalesce(c.relnamespace, '$schema'::regnamespace) = '$schema'::regnamespace
             AND (c.oid IS NOT NULL OR b.oid IS NOT NULL)
           GROUP BY 1, 2 ORDER BY 1;"
    echo "ROLLBACK;"
  } | psql -X -q -v ON_ERROR_STOP=1 "host=$host port=$port user=$owner dbname=$db options='-c search_path=$schema,public -c client_min_messages=warning'"
done
