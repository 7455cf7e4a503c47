#!/usr/bin/env bash
# Checks the Alembic harness (bench/alembic/generate.py, built under target/alembic/) against ./crmp, revision by
# revision: both schemas emptied, then upgraded one revision at a time to head and downgraded one at a time to
# base, ./crmp on one database and alembic on another; after every step the two schemas' catalogs are dumped with
# /work/shared/tools/catalog.py (tables, columns, constraints, indexes, triggers, owners, grants, functions' signatures
# and properties, and the bodies of views, matviews and functions; alembic_version and databasechangelog left out)
# and must be identical. At base both must equal the emptied schema. Prints one line per step; exit 1 on any
# difference (the differences, by catalog_diff.py, under target/alembic-check/).
#
# usage: bench/alembic/check.sh [PORT] [CRMP_DB] [ALEMBIC_DB]     (default 30612 pycds_test2 pycds_alembic)
#   The databases must exist (scripts/create-database.sh); their schema crmp is dropped and re-created.
#   CATALOG_TOOLS: where catalog.py and catalog_diff.py are (default /work/shared/tools).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
port="${1:-30612}"; crmp_db="${2:-pycds_test2}"; alembic_db="${3:-pycds_alembic}"
tools="${CATALOG_TOOLS:-/work/shared/tools}"
py=/usr/bin/python3
out="$here/target/alembic-check"
rm -rf "$out"; mkdir -p "$out"
[ -f "$here/target/alembic/alembic.ini" ] || { echo "check: target/alembic is missing: run bench/alembic/generate.py" >&2; exit 2; }

crmp() { "$here/crmp" -x "url=jdbc:postgresql://localhost:$port/$crmp_db" -x user=tester "$@" >/dev/null; }
alembic() { command alembic -c "$here/target/alembic/alembic.ini" -x "url=postgresql://tester@localhost:$port/$alembic_db" "$@" 2>/dev/null; }
reset() { psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$port" -U postgres "$1" \
  -c "DROP SCHEMA IF EXISTS crmp CASCADE; CREATE SCHEMA crmp AUTHORIZATION tester" 2>/dev/null; }
dump() { # DB FILE: the catalog, and the bodies of views, matviews and functions under FILE.bodies/
  rm -rf "$2.bodies"
  "$py" "$tools/catalog.py" --out "$2" --bodies-dir "$2.bodies" "host=localhost port=$port user=postgres dbname=$1" crmp; }
failed=0
compare() { # STEP
  dump "$crmp_db" "$out/crmp.json"; dump "$alembic_db" "$out/alembic.json"
  if cmp -s "$out/crmp.json" "$out/alembic.json" && diff -r -q "$out/crmp.json.bodies" "$out/alembic.json.bodies" >/dev/null
  then echo "same      $1"
  else echo "DIFFERENT $1 (target/alembic-check/$1.diff)"; failed=1
    { "$py" "$tools/catalog_diff.py" "$out/crmp.json" "$out/alembic.json"
      diff -r "$out/crmp.json.bodies" "$out/alembic.json.bodies"; } > "$out/$1.diff" 2>&1 || true; fi
}

reset "$crmp_db"; reset "$alembic_db"
dump "$crmp_db" "$out/empty.json"
revs=$(awk -F'\t' '$1 == "revision" { print $3 }' "$here/target/classes/changelog/index.tsv")
for rev in $revs; do crmp upgrade "$rev"; alembic upgrade "$rev"; compare "up-$rev"; done
for rev in $(echo "$revs" | tac | tail -n +2) base; do crmp downgrade "$rev"; alembic downgrade "$rev"; compare "down-$rev"; done
dump "$alembic_db" "$out/alembic-base.json"
if cmp -s "$out/empty.json" "$out/alembic-base.json" && diff -r -q "$out/empty.json.bodies" "$out/alembic-base.json.bodies" >/dev/null; then echo "alembic downgrade base: the schema is empty again"
else echo "alembic downgrade base: the schema is NOT as before (target/alembic-check/base.diff)"; failed=1
  "$py" "$tools/catalog_diff.py" "$out/empty.json" "$out/alembic-base.json" > "$out/base.diff" 2>&1 || true; fi
# Leave both at head, as the benchmarks expect.
crmp upgrade head; alembic upgrade head
exit $failed
