#!/usr/bin/env bash
# Benchmark of the big-table revisions: Liquibase (the real `mvn liquibase:update -Dliquibase.toTag=R`)
# against the floor (the same SQL files of R's changeset, ${schemaName}/${suRoleName} substituted, through
# `psql --single-transaction`), both on identical copies of a database holding ROWS synthetic observations.
#
# usage: bench/run.sh ROWS [REVISION... | big | all | refresh]
#   ROWS       obs_raw rows to generate (bench/generate.sql)
#   REVISION   any revision of the master changelog except the first (it needs a parent to start from);
#              "big" (the default) = the revisions that read or index obs_raw or build matviews from it,
#              among those present: 8fd8f556c548 7a3b247c577b bdc28573df56 e688e520d265 0d99ba90c229
#              96729d6db8b3 bf366199f463 22819129a609 bb2a222a1d4a fecff1a73d7e 3505750d3416
#              081f17262852 8c05da87cb79 f6d5a4c2e901; "all" = every revision present but the first.
#   refresh    REFRESH MATERIALIZED VIEW of every native matview at the last revision of the master
#              changelog, each timed on its own through psql (SQL only: no revision, Liquibase has no part)
#              on a copy of a database prepared at that revision; reported in a table of its own
#              (refresh-<rows>-<time>.tsv).
# environment (defaults):
#   BENCH_REPEAT=1          timed runs per revision and path (each on a fresh copy; the order of the two
#                           paths alternates between repetitions); the summary shows medians
#   BENCH_SEED=1 BENCH_STATIONS=300     generator parameters
#   BENCH_SCHEMA=crmp BENCH_SU_ROLE=pcicdba BENCH_OWNER=tester
#   BENCH_HOST=localhost BENCH_PORT=30599 BENCH_ADMIN_USER=postgres   the dev cluster (scripts/local-db.sh)
#   BENCH_PREFIX=g_         prefix of every database the benchmark creates (and drops)
#   BENCH_KEEP_TEMPLATES=0  1 keeps the prepared databases (<prefix>tpl_<rows>_<parent>) for another run
#   BENCH_OUT=target/bench  where the logs, the replayed SQL and results-<rows>-<time>.tsv go
#   MVN="mvn -B -o"         the Maven command (drop -o when the local repository is not complete)
#
# Per revision R: a database is migrated by Liquibase to R's parent, filled by bench/generate.sql, brought
# up to date by bench/refresh.sh, VACUUM ANALYZEd and kept as a template; each timed run starts from
# CREATE DATABASE ... TEMPLATE (FILE_COPY) and a CHECKPOINT. Measured per run: wall time and the client's peak RSS
# (/usr/bin/time -v fields "Elapsed" and "Maximum resident set size" via -f), the server side's peak
# private memory (bench/lib/pgmem.py: RssAnon summed over the backends and parallel workers of that
# database, sampled every 50 ms) and its temporary-file bytes (pg_stat_database.temp_bytes delta). After
# the Liquibase run a second `liquibase:update` to the same tag (nothing to run) measures Liquibase's
# fixed cost (JVM, Maven, changelog parsing, lock, changelog table), reported as "noop s"; the "net ratio"
# is (liquibase s - noop s) / psql s. Both results are checked to be at R (tag recorded / same relations).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows="${1:?usage: bench/run.sh ROWS [REVISION... | big | all]}"; shift
[[ "$rows" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: ROWS must be a positive integer" >&2; exit 2; }

repeat="${BENCH_REPEAT:-1}"; seed="${BENCH_SEED:-1}"; stations="${BENCH_STATIONS:-300}"
schema="${BENCH_SCHEMA:-crmp}"; su_role="${BENCH_SU_ROLE:-pcicdba}"; owner="${BENCH_OWNER:-tester}"
host="${BENCH_HOST:-localhost}"; port="${BENCH_PORT:-30599}"; admin_user="${BENCH_ADMIN_USER:-postgres}"
prefix="${BENCH_PREFIX:-g_}"; keep="${BENCH_KEEP_TEMPLATES:-0}"
out="${BENCH_OUT:-$root/target/bench}"; mvn_cmd="${MVN:-mvn -B -o}"
admin="host=$host port=$port user=$admin_user"
export BENCH_ADMIN="$admin"
lb_db="${prefix}lb"; sql_db="${prefix}sql"
mkdir -p "$out"
stamp="$(date +%Y%m%d-%H%M%S)"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
tsv="$out/results-$rows-$stamp.tsv"

big="8fd8f556c548 7a3b247c577b bdc28573df56 e688e520d265 0d99ba90c229 96729d6db8b3 bf366199f463
     22819129a609 bb2a222a1d4a fecff1a73d7e 3505750d3416 081f17262852 8c05da87cb79 f6d5a4c2e901"
present="$(/usr/bin/python3 "$here/lib/changelog.py" revisions)"
revisions=(); refresh=0
if [ $# -eq 0 ]; then set -- big; fi
for arg in "$@"; do
  case "$arg" in
    refresh) refresh=1 ;;
    big) for r in $present; do [[ " $(echo $big) " == *" $r "* ]] && revisions+=("$r"); done ;;
    all) revisions+=($(echo "$present" | tail -n +2)) ;;
    *) echo "$present" | grep -qx "$arg" || { echo "run.sh: $arg is not in the master changelog" >&2; exit 2; }
       revisions+=("$arg") ;;
  esac
done
[ ${#revisions[@]} -gt 0 ] || [ "$refresh" = 1 ] || { echo "run.sh: no revision to run" >&2; exit 2; }

aq() { psql -X -At -v ON_ERROR_STOP=1 "$admin dbname=${2:-postgres}" -c "$1"; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
sampler_pid=""
cleanup() {
  if [ -n "$sampler_pid" ]; then kill "$sampler_pid" 2>/dev/null || true; fi
  aq "DROP DATABASE IF EXISTS $lb_db WITH (FORCE)" >/dev/null 2>&1 || true
  aq "DROP DATABASE IF EXISTS $sql_db WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

[ -d "$root/target/classes/org" ] || (cd "$root" && $mvn_cmd compile)
postmaster="$(head -1 "$(aq 'SHOW data_directory')/postmaster.pid")"

liquibase() { # DB TAG LOGFILE TIMEFILE
  (cd "$root" && /usr/bin/time -o "$4" -f '%e %M %U %S' $mvn_cmd liquibase:update \
      -Dliquibase.url="jdbc:postgresql://$host:$port/$1" -Dliquibase.username="$owner" \
      -Dliquibase.toTag="$2" -Dpycds.schemaName="$schema" -Dpycds.suRoleName="$su_role" \
      -Dliquibase.logLevel=INFO -Dorg.slf4j.simpleLogger.log.org.liquibase.maven.plugins=info >"$3" 2>&1)
}
floor() { # DB SQLFILE LOGFILE TIMEFILE
  /usr/bin/time -o "$4" -f '%e %M %U %S' psql -X -q -v ON_ERROR_STOP=1 --single-transaction -f "$2" \
      "host=$host port=$port user=$owner dbname=$1 options='-c search_path=$schema,public'" >"$3" 2>&1
}
clone() { # TEMPLATE DB
  aq "DROP DATABASE IF EXISTS $2 WITH (FORCE)" >/dev/null
  aq "CREATE DATABASE $2 TEMPLATE $1 OWNER $owner STRATEGY FILE_COPY" >/dev/null
  aq "CHECKPOINT" >/dev/null
}
wait_idle() { # DB: until its backends are gone (their statistics are flushed when they exit)
  for _ in $(seq 1 100); do
    [ "$(aq "SELECT count(*) FROM pg_stat_activity WHERE datname = '$1'")" = 0 ] && return 0
    sleep 0.1
  done
}
temp_bytes() { aq "SELECT coalesce(temp_bytes, 0) FROM pg_stat_database WHERE datname = '$1'"; }
relations() { aq "SELECT md5(string_agg(relname || ':' || relkind::text, ',' ORDER BY relname)) FROM pg_class
                  WHERE relnamespace = '$schema'::regnamespace AND relname NOT LIKE 'databasechangelog%'" "$1"; }
timed() { # KIND DB ARG LOG TIMEFILE -> sets r_s r_rss (client kB) r_srv (server kB) r_tmp (temp bytes)
  local kind="$1" db="$2" arg="$3" logf="$4" tf="$5" memf="$5.mem" t0 t1 ok=1
  t0="$(temp_bytes "$db")"
  /usr/bin/python3 "$here/lib/pgmem.py" "$postmaster" "$db" "$memf" & sampler_pid=$!
  if [ "$kind" = lb ]; then liquibase "$db" "$arg" "$logf" "$tf" || ok=0; else floor "$db" "$arg" "$logf" "$tf" || ok=0; fi
  kill "$sampler_pid"; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
  if [ "$ok" = 0 ]; then echo "run.sh: $kind run failed, see $logf" >&2; tail -20 "$logf" >&2; exit 1; fi
  wait_idle "$db"; sleep 0.2
  t1="$(temp_bytes "$db")"
  read -r r_s r_rss r_cu r_cs <"$tf"; r_cpu="$(echo "$r_cu + $r_cs" | bc)"
  r_srv="$(cut -d' ' -f1 "$memf")"
  r_tmp=$((t1 - t0))
}

prepare() { # PARENT TEMPLATE
  local parent="$1" tpl="$2" s0 s1
  if [ "$keep" = 1 ] && [ "$(aq "SELECT count(*) FROM pg_database WHERE datname = '$tpl'")" = 1 ]; then
    log "reusing $tpl"; return 0
  fi
  s0=$(date +%s)
  aq "DROP DATABASE IF EXISTS $tpl WITH (FORCE)" >/dev/null
  "$root/scripts/create-database.sh" --admin "$admin" --database "$tpl" --owner "$owner" \
      --schema "$schema" --su-role "$su_role" >/dev/null
  log "$tpl: liquibase:update to $parent"
  liquibase "$tpl" "$parent" "$out/prepare-$tpl.log" "$out/prepare-$tpl.time" \
    || { echo "run.sh: preparing $tpl failed, see $out/prepare-$tpl.log" >&2; exit 1; }
  log "$tpl: generating $rows rows (seed $seed, $stations stations)"
  g0=$(date +%s.%N)
  psql -X -q -v ON_ERROR_STOP=1 -v schema="$schema" -v seed="$seed" -v rows="$rows" -v stations="$stations" \
       -v owner="$owner" -f "$here/generate.sql" "$admin dbname=$tpl" >"$out/generate-$tpl.log"
  g1=$(date +%s.%N)
  log "$tpl: generated in $(printf %.1f "$(echo "$g1 - $g0" | bc)") s; refreshing derived relations"
  "$here/refresh.sh" "$tpl" "$schema"
  g2=$(date +%s.%N)
  log "$tpl: refreshed in $(printf %.1f "$(echo "$g2 - $g1" | bc)") s; VACUUM ANALYZE"
  aq "VACUUM ANALYZE" "$tpl" >/dev/null
  s1=$(date +%s)
  log "$tpl: ready in $((s1 - s0)) s ($(aq "SELECT pg_size_pretty(pg_database_size('$tpl'))"))"
}

printf 'revision\trows\trep\tliquibase_s\tnoop_s\tchangesets_s\tpsql_s\tratio\tnet_ratio\tchangeset_ratio\tliquibase_rows_per_s\tpsql_rows_per_s\tliquibase_client_rss_kB\tpsql_client_rss_kB\tliquibase_server_kB\tpsql_server_kB\tliquibase_temp_bytes\tpsql_temp_bytes\tnoop_client_rss_kB\tliquibase_client_cpu_s\tnoop_client_cpu_s\tpsql_client_cpu_s\tfirst\n' >"$tsv"

for rev in ${revisions[@]+"${revisions[@]}"}; do
  parent="$(/usr/bin/python3 "$here/lib/changelog.py" parent "$rev")"
  [ -n "$parent" ] || { log "skipping $rev: the first revision has no parent to start from"; continue; }
  tpl="${prefix}tpl_${rows}_${parent:0:8}"
  prepare "$parent" "$tpl"
  sqlf="$out/$rev.sql"
  /usr/bin/python3 "$here/lib/changelog.py" sql "$rev" "$schema" "$su_role" >"$sqlf"
  for rep in $(seq 1 "$repeat"); do
    if [ $((rep % 2)) = 1 ]; then order="lb sql"; else order="sql lb"; fi
    for kind in $order; do
      if [ "$kind" = lb ]; then
        clone "$tpl" "$lb_db"
        log "$rev rep $rep: liquibase"
        timed lb "$lb_db" "$rev" "$out/$rev-$rep-liquibase.log" "$out/$rev-$rep-liquibase.time"
        lb_s=$r_s lb_rss=$r_rss lb_srv=$r_srv lb_tmp=$r_tmp lb_cpu=$r_cpu
        liquibase "$lb_db" "$rev" "$out/$rev-$rep-noop.log" "$out/$rev-$rep-noop.time" \
          || { echo "run.sh: the no-op update failed, see $out/$rev-$rep-noop.log" >&2; exit 1; }
        read -r noop_s noop_rss noop_cu noop_cs <"$out/$rev-$rep-noop.time"; noop_cpu="$(echo "$noop_cu + $noop_cs" | bc)"
        # Liquibase's own account of the two changesets (main + tag): "ran successfully in N ms"
        cs_ms="$(grep -o 'ran successfully in [0-9]*ms' "$out/$rev-$rep-liquibase.log" | grep -o '[0-9]*' \
                 | awk '{ t += $1 } END { print t + 0 }')"
        [ "$(aq "SELECT count(*) FROM $schema.databasechangelog WHERE tag = '$rev'" "$lb_db")" = 1 ] \
          || { echo "run.sh: $lb_db is not tagged $rev after the Liquibase run" >&2; exit 1; }
        # dropped at once, so that nothing of this copy (autovacuum of the rows just written, dirty pages)
        # runs during the other path's measurement
        rel_lb="$(relations "$lb_db")"
        aq "DROP DATABASE $lb_db WITH (FORCE)" >/dev/null
      else
        clone "$tpl" "$sql_db"
        log "$rev rep $rep: psql"
        timed sql "$sql_db" "$sqlf" "$out/$rev-$rep-psql.log" "$out/$rev-$rep-psql.time"
        sql_s=$r_s sql_rss=$r_rss sql_srv=$r_srv sql_tmp=$r_tmp sql_cpu=$r_cpu
        rel_sql="$(relations "$sql_db")"
        aq "DROP DATABASE $sql_db WITH (FORCE)" >/dev/null
      fi
    done
    [ -n "$rel_lb" ] && [ "$rel_lb" = "$rel_sql" ] \
      || { echo "run.sh: $rev: the Liquibase and psql results have different relations" >&2; exit 1; }
    awk -v OFS='\t' -v rev="$rev" -v rows="$rows" -v rep="$rep" -v l="$lb_s" -v n="$noop_s" -v c="$cs_ms" -v p="$sql_s" \
        -v lr="$lb_rss" -v pr="$sql_rss" -v ls="$lb_srv" -v ps="$sql_srv" -v lt="$lb_tmp" -v pt="$sql_tmp" -v nr="$noop_rss" -v lc="$lb_cpu" -v nc="$noop_cpu" -v pc="$sql_cpu" -v first="${order%% *}" \
        'BEGIN { print rev, rows, rep, l, n, c / 1000, p, sprintf("%.2f", l / p), sprintf("%.2f", (l - n) / p),
                       sprintf("%.2f", c / 1000 / p),
                       int(rows / l), int(rows / p), lr, pr, ls, ps, lt, pt, nr, lc, nc, pc, first }' >>"$tsv"
    log "$rev rep $rep: liquibase ${lb_s}s (changesets ${cs_ms}ms, noop ${noop_s}s), psql ${sql_s}s"
  done
  if [ "$keep" != 1 ]; then aq "DROP DATABASE IF EXISTS $tpl WITH (FORCE)" >/dev/null; fi
done

rtsv="$out/refresh-$rows-$stamp.tsv"
if [ "$refresh" = 1 ]; then
  head_rev="$(echo "$present" | tail -n 1)"
  tpl="${prefix}tpl_${rows}_${head_rev:0:8}"
  prepare "$head_rev" "$tpl"
  printf 'matview\trows\trep\tpsql_s\tpsql_rows_per_s\tpsql_client_rss_kB\tpsql_server_kB\tpsql_temp_bytes\tmatview_rows\n' >"$rtsv"
  matviews="$("$here/refresh.sh" --list "$tpl" "$schema")"
  for rep in $(seq 1 "$repeat"); do
    clone "$tpl" "$sql_db"
    for mv in $matviews; do
      echo "REFRESH MATERIALIZED VIEW $schema.$mv;" >"$out/refresh-$mv.sql"
      aq "CHECKPOINT" >/dev/null
      log "refresh $mv rep $rep"
      timed sql "$sql_db" "$out/refresh-$mv.sql" "$out/refresh-$mv-$rep-psql.log" "$out/refresh-$mv-$rep-psql.time"
      n="$(aq "SELECT count(*) FROM $schema.$mv" "$sql_db")"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mv" "$rows" "$rep" "$r_s" \
        "$(awk -v r="$rows" -v s="$r_s" 'BEGIN { print (s > 0 ? int(r / s) : 0) }')" "$r_rss" "$r_srv" "$r_tmp" "$n" >>"$rtsv"
      log "refresh $mv rep $rep: ${r_s}s, $n rows"
    done
    aq "DROP DATABASE $sql_db WITH (FORCE)" >/dev/null
  done
  if [ "$keep" != 1 ]; then aq "DROP DATABASE IF EXISTS $tpl WITH (FORCE)" >/dev/null; fi
fi

echo
echo "rows=$rows seed=$seed stations=$stations repeat=$repeat; $(nproc) cores, load average $load_start at the start," \
     "$(cut -d' ' -f1-3 /proc/loadavg) at the end; PostgreSQL $(aq 'SHOW server_version' | cut -d' ' -f1)"
echo "medians over the repetitions (ratio columns: median of the per-repetition ratios); raw: $tsv"
/usr/bin/python3 - "$tsv" "$rtsv" <<'EOF'
import csv, os, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
by = {}
for r in rows:
    by.setdefault(r["revision"], []).append(r)
hdr = ["revision", "rows", "n", "liquibase s", "noop s", "changesets s", "psql s", "ratio", "net ratio", "cs ratio",
       "lb rows/s", "psql rows/s", "lb RSS MB", "psql RSS MB", "lb srv MB", "psql srv MB", "lb tmp MB", "psql tmp MB"]
out = [hdr]
for rev, rs in by.items():
    m = lambda k: statistics.median(float(r[k]) for r in rs)
    out.append([rev, rs[0]["rows"], str(len(rs)), f"{m('liquibase_s'):.2f}", f"{m('noop_s'):.2f}",
                f"{m('changesets_s'):.2f}", f"{m('psql_s'):.2f}",
                f"{m('ratio'):.2f}", f"{m('net_ratio'):.2f}", f"{m('changeset_ratio'):.2f}",
                f"{int(float(rs[0]['rows']) / m('liquibase_s'))}", f"{int(float(rs[0]['rows']) / m('psql_s'))}",
                f"{m('liquibase_client_rss_kB') / 1024:.0f}", f"{m('psql_client_rss_kB') / 1024:.0f}",
                f"{m('liquibase_server_kB') / 1024:.0f}", f"{m('psql_server_kB') / 1024:.0f}",
                f"{m('liquibase_temp_bytes') / 2**20:.0f}", f"{m('psql_temp_bytes') / 2**20:.0f}"])
w = [max(len(r[i]) for r in out) for i in range(len(hdr))]
for r in out if len(out) > 1 else []:
    print("  ".join(c.rjust(w[i]) for i, c in enumerate(r)))
if os.path.exists(sys.argv[2]):
    rs = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
    by = {}
    for r in rs:
        by.setdefault(r["matview"], []).append(r)
    hdr = ["matview (REFRESH, psql only)", "rows", "n", "psql s", "psql rows/s", "psql RSS MB", "psql srv MB",
           "psql tmp MB", "matview rows"]
    out = [hdr]
    for mv, rr in by.items():
        m = lambda k: statistics.median(float(r[k]) for r in rr)
        out.append([mv, rr[0]["rows"], str(len(rr)), f"{m('psql_s'):.2f}",
                    f"{int(float(rr[0]['rows']) / max(m('psql_s'), 0.01))}",
                    f"{m('psql_client_rss_kB') / 1024:.0f}", f"{m('psql_server_kB') / 1024:.0f}",
                    f"{m('psql_temp_bytes') / 2**20:.0f}", rr[0]["matview_rows"]])
    total = sum(statistics.median(float(r["psql_s"]) for r in rr) for rr in by.values())
    out.append(["all matviews", out[1][1] if len(out) > 1 else "", "", f"{total:.2f}", "", "", "", "", ""])
    w = [max(len(r[i]) for r in out) for i in range(len(hdr))]
    print()
    for r in out:
        print("  ".join(c.rjust(w[i]) for i, c in enumerate(r)))
EOF
