#!/usr/bin/env bash
# The floor under ./crmp upgrade head from an empty schema (docs/benchmarks.md, "Start-up", third run): the same SQL
# sent by psql, and by a JVM program that only connects and sends it (bench/SqlFloor.java, with its own
# class-data-sharing archive), side by side with the launcher; hyperfine drops and re-creates the schema before each
# run (untimed). Also the server's own time for the launcher's run and for psql's (log_min_duration_statement).
#
# usage: bench/sql-floor.sh [--port 30612] [--runs 10] [--log SERVER_LOG]
#   SERVER_LOG: the cluster's log file (scripts/local-db.sh: .local/postgres/postgres.log of the checkout that made
#   the cluster); without it, pg_current_logfile() when the cluster has a logging collector, else no server times.
#   Before: PYCDS_LOCAL_PORT=30612 scripts/local-db.sh; mvn -q -B package -DskipTests; apt-get install hyperfine.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
port=30612; runs=10; logfile=
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --log) logfile="$2"; shift 2 ;;
    *) echo "sql-floor: unknown argument $1" >&2; exit 2 ;;
  esac
done
out="$here/target/bench-floor"
mkdir -p "$out"
admin="psql -X -q -h localhost -p $port -U postgres"
reset="$admin pycds_test2 -c 'SET client_min_messages = warning' -c 'DROP SCHEMA IF EXISTS crmp CASCADE' -c 'CREATE SCHEMA crmp AUTHORIZATION tester'"
url="jdbc:postgresql://localhost:$port/pycds_test2"

./crmp -x "url=$url" -x user=tester upgrade base:head --sql > "$out/head.sql"
javac -d "$out/classes" bench/SqlFloor.java
jar --create --file "$out/floor.jar" -C "$out/classes" .   # an archive takes jars, not directories
pgjdbc=$(ls target/lib/postgresql-*.jar)
cp="$pgjdbc:$out/floor.jar"
bash -c "$reset"
java -XX:DumpLoadedClassList="$out/floor.classlist" -cp "$cp" SqlFloor "$out/head.sql" "$url?user=tester" 2>/dev/null
java -Xshare:dump -XX:SharedClassListFile="$out/floor.classlist" -XX:SharedArchiveFile="$out/floor.jsa" -cp "$cp" \
  >/dev/null 2>&1

hyperfine -N -w 2 -r "$runs" --prepare "bash -c \"$reset\"" \
  "./crmp -x url=$url -x user=tester upgrade head" \
  "psql -X -q -v ON_ERROR_STOP=1 -h localhost -p $port -U tester -f $out/head.sql pycds_test2" \
  "java -XX:SharedArchiveFile=$out/floor.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp $cp SqlFloor $out/head.sql $url?user=tester"

# The server's own time: every statement's duration, summed, for one run of each.
if [ -z "$logfile" ]; then
  logfile=$($admin -Atc "SELECT pg_current_logfile()" postgres)
  case "$logfile" in ""|/*) ;; *) logfile="$($admin -Atc "SHOW data_directory" postgres)/$logfile" ;; esac
fi
if [ -z "$logfile" ] || [ ! -r "$logfile" ]; then
  echo "sql-floor: no server log to read (--log FILE): no server times" >&2
  exit 0
fi
$admin pycds_test2 -c "ALTER ROLE tester IN DATABASE pycds_test2 SET log_min_duration_statement = 0"
server() { # label, command
  bash -c "$reset"
  local before; before=$(wc -l < "$logfile")
  "${@:2}" >/dev/null 2>&1
  tail -n +"$((before + 1))" "$logfile" | grep -o 'duration: [0-9.]* ms' \
    | awk -v what="$1" '{s += $2} END {printf "%s: server time %.3f s\n", what, s / 1000}'
}
server "./crmp" ./crmp -x "url=$url" -x user=tester upgrade head
server "psql -f" psql -X -q -h localhost -p "$port" -U tester -f "$out/head.sql" pycds_test2
$admin pycds_test2 -c "ALTER ROLE tester IN DATABASE pycds_test2 RESET log_min_duration_statement"
bash -c "$reset"
