#!/usr/bin/env bash
# Start-up side by side: the launcher (./crmp), Maven (the Liquibase plugin) and Alembic (the harness of
# bench/alembic/generate.py: the same 29 revisions, the same SQL, Alembic's own bookkeeping) for
#   current                 on a database at head
#   upgrade head            on a database at head (nothing to do)
#   upgrade head from empty the schema dropped and re-created (AUTHORIZATION tester) by hyperfine --prepare
# Paired rounds: each round is one hyperfine run (-N, --runs 1) of all nine commands in turn, so the three tools
# meet the same load; after one warm-up round, ROUNDS rounds; per command the median (min ... max) over rounds.
# Then the client's peak memory (/usr/bin/time -f %M: maximum resident set size of the largest process, the JVM or
# python), median of MEM_RUNS runs. Prints a markdown table; raw data under target/bench-startup/.
#
# Databases (each tool its own; created when missing with scripts/create-database.sh):
#   pycds_test    ./crmp and Maven, current and no-op upgrade (brought to head first)
#   pycds_test2   ./crmp and Maven, upgrade from empty
#   pycds_alembic Alembic, all three (its own alembic_version in crmp; brought to head first)
#
# usage: bench/startup.sh [--port 30612] [--rounds 7] [--mem-runs 5] [--no-wait]
#   Before: PYCDS_LOCAL_PORT=30612 scripts/local-db.sh; mvn -q -B package -DskipTests;
#   apt-get install python3-alembic python3-sqlalchemy python3-psycopg2 alembic hyperfine.
#   Unless --no-wait, it first waits for a quiet machine: no other Maven/surefire/failsafe process and a load
#   average below 2.5, polled every 30 s for up to 20 minutes (then it measures anyway); the load is printed.
# Internal: bench/startup.sh --reset PORT DB (hyperfine's --prepare).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"

reset_schema() { # PORT DB
  psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$1" -U postgres "$2" \
    -c "DROP SCHEMA IF EXISTS crmp CASCADE; CREATE SCHEMA crmp AUTHORIZATION tester" >/dev/null 2>&1
}
if [ "${1:-}" = "--reset" ]; then reset_schema "$2" "$3"; exit; fi

port=30612; rounds=7; mem_runs=5; wait_quiet=1
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --mem-runs) mem_runs="$2"; shift 2 ;;
    --no-wait) wait_quiet=0; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "startup: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
die() { echo "startup: $*" >&2; exit 1; }
for tool in hyperfine alembic psql mvn; do command -v "$tool" >/dev/null || die "$tool not found (see --help)"; done
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time)"
[ -f target/crmp-schema.jar ] || die "target/crmp-schema.jar missing: run mvn -q -B package -DskipTests"
psql -X -q -h localhost -p "$port" -U postgres -c 'select 1' postgres >/dev/null 2>&1 \
  || die "no cluster on localhost:$port: PYCDS_LOCAL_PORT=$port scripts/local-db.sh"

out="$here/target/bench-startup"
mkdir -p "$out"
[ -f target/alembic/alembic.ini ] || bench/alembic/generate.py >&2
for db in pycds_test pycds_test2 pycds_alembic; do
  scripts/create-database.sh --admin "host=localhost port=$port user=postgres" --database "$db" >/dev/null
done

jdbc="jdbc:postgresql://localhost:$port"
L1="./crmp -x url=$jdbc/pycds_test -x user=tester"
L2="./crmp -x url=$jdbc/pycds_test2 -x user=tester"
M1="mvn -q -o -Dliquibase.url=$jdbc/pycds_test -Dliquibase.username=tester"
M2="mvn -q -o -Dliquibase.url=$jdbc/pycds_test2 -Dliquibase.username=tester"
A="alembic -c target/alembic/alembic.ini -x url=postgresql://tester@localhost:$port/pycds_alembic"
names=(  "launcher current" "Maven current" "Alembic current"
         "launcher no-op upgrade" "Maven no-op upgrade" "Alembic no-op upgrade"
         "launcher upgrade from empty" "Maven upgrade from empty" "Alembic upgrade from empty" )
cmds=(   "$L1 current" "$M1 liquibase:status" "$A current"
         "$L1 upgrade head" "$M1 liquibase:update" "$A upgrade head"
         "$L2 upgrade head" "$M2 liquibase:update" "$A upgrade head" )
preps=(  true true true true true true
         "bench/startup.sh --reset $port pycds_test2" "bench/startup.sh --reset $port pycds_test2"
         "bench/startup.sh --reset $port pycds_alembic" )

# At head: the databases of the no-op cases.
$L1 upgrade head >/dev/null
$A upgrade head 2>/dev/null

if [ "$wait_quiet" = 1 ]; then
  for i in $(seq 1 41); do
    others=$(pgrep -af 'surefire|failsafe|maven' | grep -v -e "^$$ " -e pgrep || true)
    load=$(cut -d' ' -f1 /proc/loadavg)
    if [ -z "$others" ] && awk -v l="$load" 'BEGIN { exit !(l < 2.5) }'; then
      echo "startup: quiet (load $load, no other build) after $(( (i - 1) * 30 )) s" >&2; break
    fi
    if [ "$i" = 41 ]; then echo "startup: not quiet after 20 min (load $load); measuring anyway" >&2; break; fi
    echo "startup: waiting for a quiet machine: load $load, $(printf '%s\n' "$others" | grep -c . || true) build processes" >&2
    sleep 30
  done
fi

builds() { pgrep -af 'surefire|failsafe|maven' | grep -v -e "^$$ " -e pgrep | grep -c . || true; }
uptime_before="$(uptime | sed 's/^ *//'); other build processes: $(builds)"
echo "startup: before: $uptime_before" >&2

# hyperfine takes all --prepare options before the commands: split them.
prep_opts=(); cmd_args=()
for i in "${!cmds[@]}"; do prep_opts+=(--prepare "${preps[$i]}"); cmd_args+=("${cmds[$i]}"); done

echo "startup: warm-up round" >&2
hyperfine -N --runs 1 --style none "${prep_opts[@]}" "${cmd_args[@]}" >/dev/null
for r in $(seq 1 "$rounds"); do
  echo "startup: round $r of $rounds" >&2
  hyperfine -N --runs 1 --style none "${prep_opts[@]}" --export-json "$out/round-$r.json" "${cmd_args[@]}" >/dev/null
done

echo "startup: peak memory, $mem_runs runs each" >&2
: > "$out/memory.tsv"
for i in "${!cmds[@]}"; do
  for r in $(seq 1 "$mem_runs"); do
    [ "${preps[$i]}" = true ] || ${preps[$i]}
    # shellcheck disable=SC2086
    /usr/bin/time -f %M -o "$out/time.out" ${cmds[$i]} >/dev/null 2>&1 || die "failed: ${cmds[$i]}"
    kb=$(tail -n 1 "$out/time.out")
    printf '%s\t%s\n' "$i" "$kb" >> "$out/memory.tsv"
  done
done

uptime_after="$(uptime | sed 's/^ *//'); other build processes: $(builds)"
echo "startup: after: $uptime_after" >&2

/usr/bin/python3 - "$out" "$rounds" "$uptime_before" "$uptime_after" "${names[@]}" <<'EOF'
import json, statistics, sys
out, rounds, before, after, names = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
times = {i: [] for i in range(len(names))}
commands = {}
for r in range(1, rounds + 1):
    for i, res in enumerate(json.load(open("%s/round-%d.json" % (out, r)))["results"]):
        times[i].append(res["times"][0]); commands[i] = res["command"]
mem = {i: [] for i in range(len(names))}
for line in open(out + "/memory.tsv"):
    i, kb = line.split("\t"); mem[int(i)].append(int(kb))
med = {i: statistics.median(t) for i, t in times.items()}
print("| case | command | median s (min … max), %d rounds | client peak MB (median of %d) | ÷ Alembic |"
      % (rounds, len(mem[0])))
print("|---|---|---:|---:|---:|")
for i, name in enumerate(names):
    alembic = med[i - i % 3 + 2]
    ratio = "" if i % 3 == 2 else "%.2f×" % (med[i] / alembic)
    print("| %s | `%s` | %.2f (%.2f … %.2f) | %.0f | %s |" % (name, commands[i], med[i], min(times[i]), max(times[i]),
          statistics.median(mem[i]) / 1024, ratio))
print()
print("load before: " + before.strip())
print("load after:  " + after.strip())
json.dump({"names": names, "commands": commands, "times": times, "memory_kb": mem, "before": before,
           "after": after}, open(out + "/summary.json", "w"), indent=1)
EOF
