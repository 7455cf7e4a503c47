#!/usr/bin/env bash
# Bring every relation derived from obs_raw up to date, whatever revision the schema is at, the way the
# operators' refresh jobs would after loading data: fake matview tables (revisions 1-19) are refilled from
# their companion views, manual matview tables (weather anomaly, revisions 4-23) by TRUNCATE + INSERT of
# their defining query (the CREATE TABLE AS of objects/matviews/<name>/8fd8f556c548.sql), native matviews
# by REFRESH MATERIALIZED VIEW; in dependency order (every matview after the relations it reads).
#
# usage: bench/refresh.sh DBNAME [SCHEMA]     (env BENCH_ADMIN: superuser conninfo without dbname,
#                                              default "host=localhost port=30599 user=postgres")
#        bench/refresh.sh --list DBNAME [SCHEMA]   the native matviews of SCHEMA, in refresh order
#        bench/refresh.sh --time DBNAME [SCHEMA]   REFRESH MATERIALIZED VIEW of each native matview, one psql
#                                                  session each (server defaults, as the migration user
#                                                  BENCH_OWNER, default tester), in refresh order; prints
#                                                  "matview <TAB> seconds <TAB> rows" (bench/run.sh ROWS refresh
#                                                  measures the same with memory and temporary files)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mode=refresh
case "${1:-}" in --list) mode=list; shift ;; --time) mode=time; shift ;; esac
db="$1"; schema="${2:-crmp}"
admin="${BENCH_ADMIN:-host=localhost port=30599 user=postgres}"
objects="$here/../changelog/objects"

q() { psql -X -At -v ON_ERROR_STOP=1 "$admin dbname=$db" -c "$1"; }
kind() { q "SELECT relkind FROM pg_class WHERE oid = to_regclass('$schema.$1')"; }
has_view() { [ "$(kind "$1")" = v ]; }
# Dependency order (every matview after the relations it reads): every matview after the relations it reads.
order="vars_per_history_mv collapsed_vars_mv climo_obs_count_mv station_obs_stats_mv
       obs_count_per_month_history_mv discarded_obs_raw_mv
       daily_max_temperature_mv daily_min_temperature_mv monthly_total_precipitation_mv
       monthly_average_of_daily_max_temperature_mv monthly_average_of_daily_min_temperature_mv"

if [ "$mode" != refresh ]; then
  native=()
  for name in $order; do [ "$(kind "$name")" = m ] && native+=("$name"); done
  # a native matview this list does not know would be missed: refuse
  others="$(q "SELECT string_agg(matviewname, ' ') FROM pg_matviews WHERE schemaname = '$schema'
               AND matviewname <> ALL (string_to_array('$(echo $order)', ' '))")"
  [ -z "$others" ] || { echo "refresh.sh: unknown matviews in $schema: $others" >&2; exit 1; }
  if [ "$mode" = list ]; then printf '%s\n' "${native[@]}"; exit 0; fi
  owner="${BENCH_OWNER:-tester}"
  for name in "${native[@]}"; do
    t0=$(date +%s.%N)
    psql -X -q -v ON_ERROR_STOP=1 "$admin user=$owner dbname=$db" -c "REFRESH MATERIALIZED VIEW $schema.$name"
    t1=$(date +%s.%N)
    printf '%s\t%.2f\t%s\n' "$name" "$(echo "$t1 - $t0" | bc)" "$(q "SELECT count(*) FROM $schema.$name")"
  done
  exit 0
fi

{
  echo "SET search_path TO $schema, public; SET work_mem = '64MB'; SET client_min_messages = warning;"
  for name in $order; do
    k="$(kind "$name")"
    case "$k" in
      m) echo "REFRESH MATERIALIZED VIEW $schema.$name;" ;;
      r)
        case "$name" in
          vars_per_history_mv)
            echo "TRUNCATE $schema.vars_per_history_mv;"
            echo "INSERT INTO $schema.vars_per_history_mv (history_id, vars_id)"
            echo "  SELECT DISTINCT history_id, vars_id FROM $schema.obs_raw WHERE history_id IS NOT NULL AND vars_id IS NOT NULL;" ;;
          collapsed_vars_mv)
            if has_view collapsed_vars_v; then
              echo "TRUNCATE $schema.collapsed_vars_mv;"
              echo "INSERT INTO $schema.collapsed_vars_mv (history_id, vars, display_names)"
              echo "  SELECT history_id, vars, display_names FROM $schema.collapsed_vars_v;"
            fi ;;
          climo_obs_count_mv)
            if has_view climo_obs_count_v; then
              echo "TRUNCATE $schema.climo_obs_count_mv;"
              echo "INSERT INTO $schema.climo_obs_count_mv (count, history_id) SELECT count, history_id FROM $schema.climo_obs_count_v;"
            fi ;;
          station_obs_stats_mv)
            if has_view station_obs_stats_v; then
              echo "TRUNCATE $schema.station_obs_stats_mv;"
              echo "INSERT INTO $schema.station_obs_stats_mv (station_id, history_id, min_obs_time, max_obs_time, obs_count)"
              echo "  SELECT station_id, history_id, min_obs_time, max_obs_time, obs_count FROM $schema.station_obs_stats_v;"
            fi ;;
          obs_count_per_month_history_mv)
            if has_view obs_count_per_month_history_v; then
              echo "TRUNCATE $schema.obs_count_per_month_history_mv;"
              echo "INSERT INTO $schema.obs_count_per_month_history_mv (count, date_trunc, history_id)"
              echo "  SELECT count, date_trunc, history_id FROM $schema.obs_count_per_month_history_v;"
            fi ;;
          *temperature_mv|*precipitation_mv)
            sed -e "s/^CREATE TABLE IF NOT EXISTS \${schemaName}\.\([a-z_]*\) AS\$/TRUNCATE \${schemaName}.\1; INSERT INTO \${schemaName}.\1/" \
                -e "s/\${schemaName}/$schema/g" "$objects/matviews/$name/8fd8f556c548.sql" ;;
        esac ;;
    esac
  done
} | psql -X -q -v ON_ERROR_STOP=1 --single-transaction "$admin dbname=$db"
