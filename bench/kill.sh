#!/usr/bin/env bash
# kill -9 of a migration during a long statement (docs/reliability.md): how long its backend goes on, holding its
# locks and the schema's migration lock, with and without the session settings of config/Connector; then how long a
# plain rerun waits and takes. The statement is the fill of obs_raw_hx in revision 8c05da87cb79 (CPU and disk busy,
# no lock wait), on ROWS synthetic observations (bench/generate.sql).
#
# usage: [BENCH_KILL_DURING=fill|index] [BENCH_KILL_AFTER=1] bench/kill.sh [ROWS]
#        (ROWS default 3000000; the environment as bench/run.sh: BENCH_PORT, BENCH_HOST, ...)
# It builds target/crmp-schema.jar if needed and runs ./crmp; the databases <prefix>kill_* are dropped at the end.
#
# Per mode ("on": the settings as the launcher sets them; "off": the same with client_connection_check_interval=0,
# given in the URL's options, which config/Connector then leaves alone):
#   1. a copy of the template (revision a59d64cf16ca, ROWS observations) is upgraded to 8c05da87cb79 by ./crmp;
#   2. once the fill has copied its first batch (application_name 'obs_raw_hx fill ...'; with BENCH_KILL_DURING=index:
#      once the keys and indexes of obs_raw_hx are being built, pg_stat_progress_create_index), and BENCH_KILL_AFTER s
#      more (default 1), the JVM gets SIGKILL;
#   3. pg_stat_activity and pg_locks are polled every 20 ms until the backend and its locks are gone;
#   4. ("on" only) ./crmp upgrade 8c05da87cb79 again, started right after the kill: its wait for the migration lock
#      and its total time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows="${1:-3000000}"
schema="${BENCH_SCHEMA:-crmp}"; owner="${BENCH_OWNER:-tester}"
host="${BENCH_HOST:-localhost}"; port="${BENCH_PORT:-30599}"; admin_user="${BENCH_ADMIN_USER:-postgres}"
prefix="${BENCH_PREFIX:-g_}"
admin="host=$host port=$port user=$admin_user"
tpl="${prefix}kill_tpl"; run="${prefix}kill_run"
parent="a59d64cf16ca"; rev="8c05da87cb79"
aq() { psql -X -At -v ON_ERROR_STOP=1 "$admin dbname=${2:-postgres}" -c "$1"; }
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l | xargs printf '%.2f'; }
trap 'aq "DROP DATABASE IF EXISTS $run WITH (FORCE)" >/dev/null 2>&1; aq "DROP DATABASE IF EXISTS $tpl WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
export CRMP_JAVA_OPTS="${CRMP_JAVA_OPTS:--XX:TieredStopAtLevel=1}"

aq "DROP DATABASE IF EXISTS $tpl WITH (FORCE)" >/dev/null
"$root/scripts/create-database.sh" --admin "$admin" --database "$tpl" --owner "$owner" --schema "$schema" >/dev/null
"$root/crmp" -x "url=jdbc:postgresql://$host:$port/$tpl" -x "user=$owner" upgrade "$parent" >/dev/null
start="$(now)"
psql -X -q -v ON_ERROR_STOP=1 -v schema="$schema" -v seed=1 -v rows="$rows" -v owner="$owner" \
     -f "$here/generate.sql" "$admin dbname=$tpl" >/dev/null
aq "VACUUM ANALYZE" "$tpl" >/dev/null
echo "template: $rows observations at $parent in $(since "$start") s"

for mode in on off; do
  aq "DROP DATABASE IF EXISTS $run WITH (FORCE)" >/dev/null
  aq "CHECKPOINT" >/dev/null
  aq "CREATE DATABASE $run TEMPLATE $tpl STRATEGY FILE_COPY" >/dev/null
  url="jdbc:postgresql://$host:$port/$run"
  [ "$mode" = off ] && url="$url?options=-c%20client_connection_check_interval%3D0"
  log="$(mktemp)"
  "$root/crmp" -x "url=$url" -x "user=$owner" upgrade "$rev" >"$log" 2>&1 &   # the script execs java: $! is the JVM
  java=$!
  backend=""
  for _ in $(seq 1 3000); do
    if [ "${BENCH_KILL_DURING:-fill}" = index ]; then
      backend="$(aq "SELECT pid FROM pg_stat_progress_create_index WHERE datname = '$run' LIMIT 1" || true)"
    else
      backend="$(aq "SELECT pid FROM pg_stat_activity WHERE datname = '$run' AND application_name LIKE 'obs_raw_hx fill%'" || true)"
    fi
    [ -n "$backend" ] && break
    kill -0 "$java" 2>/dev/null || { echo "the migration ended before the fill:"; cat "$log"; exit 1; }
    sleep 0.02
  done
  [ -n "$backend" ] || { echo "no fill seen"; cat "$log"; exit 1; }
  sleep "${BENCH_KILL_AFTER:-1}"
  locks="$(aq "SELECT string_agg(mode || ' ' || n, ', ' ORDER BY mode) FROM (SELECT mode, count(*) n FROM pg_locks WHERE pid = $backend GROUP BY mode) m")"
  progress="$(aq "SELECT coalesce((SELECT 'CREATE INDEX, ' || phase FROM pg_stat_progress_create_index WHERE pid = $backend), application_name) FROM pg_stat_activity WHERE pid = $backend")"
  kill -9 "$java"; killed="$(now)"
  wait "$java" 2>/dev/null || true
  rerun_log="$(mktemp)"
  if [ "$mode" = on ]; then
    rerun_start="$(now)"
    "$root/crmp" -x "url=$url" -x "user=$owner" upgrade "$rev" >"$rerun_log" 2>&1 &
    rerun=$!
  fi
  while [ "$(aq "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE pid = $backend) OR EXISTS (SELECT FROM pg_locks WHERE pid = $backend)")" = t ]; do
    sleep 0.02
  done
  echo "mode $mode: killed at '$progress' holding {$locks}; backend $backend and its locks gone after $(since "$killed") s"
  if [ "$mode" = on ]; then
    status=0; wait "$rerun" || status=$?
    echo "mode $mode: rerun exit $status after $(since "$rerun_start") s; $(grep -h 'migration lock' "$rerun_log" | tr '\n' ' ')"
    tail -1 "$rerun_log"
  fi
  rm -f "$log" "$rerun_log"
done
