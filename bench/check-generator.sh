#!/usr/bin/env bash
# Check bench/generate.sql: deterministic (the same seed and rows give the same data, another seed other
# data), time linear in rows, and the shape of what it makes. Runs on the dev cluster (scripts/local-db.sh)
# at the last revision of the master changelog (obs_raw history tracking included).
#
# usage: bench/check-generator.sh [ROWS...]        (default: 100000 1000000)
# environment as bench/run.sh: BENCH_HOST BENCH_PORT BENCH_ADMIN_USER BENCH_PREFIX (g_) BENCH_SCHEMA
# BENCH_SU_ROLE BENCH_OWNER BENCH_STATIONS MVN. Databases <prefix>gen_*, dropped at the end.
#
# Per ROWS: seed 1 twice and seed 2 once, each into a fresh copy of an empty schema; prints the generation
# time, rows/s and the fingerprint (md5 over obs_raw in obs_raw_id order, computed in chunks of 10^5 ids so
# that nothing proportional to the table is held, plus the two flag tables and meta_history); then the
# shape of the seed-1 data at the largest size.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
[ $# -gt 0 ] || set -- 100000 1000000
schema="${BENCH_SCHEMA:-crmp}"; su_role="${BENCH_SU_ROLE:-pcicdba}"; owner="${BENCH_OWNER:-tester}"
host="${BENCH_HOST:-localhost}"; port="${BENCH_PORT:-30599}"; admin_user="${BENCH_ADMIN_USER:-postgres}"
prefix="${BENCH_PREFIX:-g_}"; stations="${BENCH_STATIONS:-300}"; mvn_cmd="${MVN:-mvn -B -o}"
admin="host=$host port=$port user=$admin_user"
tpl="${prefix}gen_empty"; db="${prefix}gen"
aq() { psql -X -At -v ON_ERROR_STOP=1 "$admin dbname=${2:-postgres}" -c "$1"; }
cleanup() { for d in "$db" "$tpl"; do aq "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT

aq "DROP DATABASE IF EXISTS $tpl WITH (FORCE)" >/dev/null 2>&1
"$root/scripts/create-database.sh" --admin "$admin" --database "$tpl" --owner "$owner" --schema "$schema" \
    --su-role "$su_role" >/dev/null
(cd "$root" && $mvn_cmd -q liquibase:update -Dliquibase.url="jdbc:postgresql://$host:$port/$tpl" \
    -Dliquibase.username="$owner" -Dpycds.schemaName="$schema" -Dpycds.suRoleName="$su_role" >/dev/null)
echo "schema $schema at $(aq "SELECT tag FROM $schema.databasechangelog WHERE tag IS NOT NULL ORDER BY orderexecuted DESC LIMIT 1" "$tpl"); $stations stations"

fingerprint() {
  aq "SELECT md5(string_agg(h, '' ORDER BY g)) FROM (
        SELECT obs_raw_id / 100000 AS g,
               md5(string_agg(concat_ws(',', obs_raw_id, obs_time, mod_time, datum, vars_id, history_id),
                              E'\\n' ORDER BY obs_raw_id)) AS h
          FROM $schema.obs_raw GROUP BY 1) c" "$db"
  aq "SELECT md5(string_agg(concat_ws(',', obs_raw_id, native_flag_id), E'\\n' ORDER BY obs_raw_id, native_flag_id))
        FROM $schema.obs_raw_native_flags" "$db"
  aq "SELECT md5(string_agg(concat_ws(',', obs_raw_id, pcic_flag_id), E'\\n' ORDER BY obs_raw_id, pcic_flag_id))
        FROM $schema.obs_raw_pcic_flags" "$db"
  aq "SELECT md5(string_agg(concat_ws(',', history_id, station_id, station_name, lon, lat, elev, sdate, edate, freq,
                                      sensor_id), E'\\n' ORDER BY history_id)) FROM $schema.meta_history" "$db"
}

printf '%-9s %-5s %-8s %-10s %s\n' rows seed seconds rows/s "fingerprint (obs_raw native_flags pcic_flags meta_history)"
for rows in "$@"; do
  for seed in 1 1 2; do
    aq "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
    aq "CREATE DATABASE $db TEMPLATE $tpl OWNER $owner" >/dev/null
    aq "CHECKPOINT" >/dev/null
    t0=$(date +%s.%N)
    psql -X -q -v ON_ERROR_STOP=1 -v schema="$schema" -v seed="$seed" -v rows="$rows" -v stations="$stations" \
         -v owner="$owner" -f "$here/generate.sql" "$admin dbname=$db" >/dev/null
    t1=$(date +%s.%N)
    s="$(echo "$t1 - $t0" | bc)"
    printf '%-9s %-5s %-8.2f %-10s %s\n' "$rows" "$seed" "$s" "$(echo "$rows / $s" | bc)" \
           "$(fingerprint | cut -c1-12 | tr '\n' ' ')"
    [ "$seed" = 1 ] && [ "$rows" = "${!#}" ] && last_seed1=1 || last_seed1=0
    if [ "$last_seed1" = 1 ]; then
      shape="$(psql -X -q -v ON_ERROR_STOP=1 "$admin dbname=$db" <<SQL
SET search_path TO $schema, public;
\\echo shape of the seed-1 data, $rows rows:
SELECT (SELECT count(*) FROM meta_network) AS networks, (SELECT count(*) FROM meta_station) AS stations,
       (SELECT count(*) FROM meta_history) AS histories, (SELECT count(*) FROM meta_vars) AS variables,
       (SELECT count(*) FROM meta_native_flag) AS native_flag_kinds, (SELECT count(*) FROM meta_pcic_flag) AS pcic_flag_kinds,
       (SELECT count(*) FROM obs_raw_hx) AS obs_raw_hx;
SELECT n.network_name, h.freq, count(DISTINCT h.history_id) AS histories,
       count(DISTINCT (o.history_id, o.vars_id)) AS series, count(*) AS obs,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS "obs %",
       min(o.obs_time)::date AS first, max(o.obs_time)::date AS last
  FROM obs_raw o JOIN meta_history h USING (history_id) JOIN meta_station s USING (station_id)
  JOIN meta_network n USING (network_id)
 GROUP BY 1, 2 ORDER BY 1, 2;
SELECT round(100.0 * (SELECT count(*) FROM obs_raw_native_flags) / count(*), 2) AS "native flagged %",
       round(100.0 * (SELECT count(*) FROM obs_raw_native_flags f JOIN meta_native_flag m USING (native_flag_id)
                       WHERE m.discard) / count(*), 2) AS "native discard %",
       round(100.0 * (SELECT count(*) FROM obs_raw_pcic_flags) / count(*), 2) AS "pcic flagged %",
       round(100.0 * (SELECT count(*) FROM obs_raw_pcic_flags f JOIN meta_pcic_flag m USING (pcic_flag_id)
                       WHERE m.discard) / count(*), 2) AS "pcic discard %",
       round(100.0 * count(*) FILTER (WHERE datum IS NULL) / count(*), 2) AS "NULL datum %",
       (SELECT count(*) FROM meta_station WHERE NOT publish) AS unpublished_stations,
       (SELECT count(*) FROM meta_history WHERE edate IS NULL) AS open_histories
  FROM obs_raw;
SQL
)"
    fi
  done
done
echo
echo "$shape"
