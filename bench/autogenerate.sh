#!/usr/bin/env bash
# Autogenerate's speed on a database at head (the comparison behind `check` and `revision --autogenerate`):
#   warm: the comparison repeated in one JVM (bench/AutogenerateBench.java), median after 3 warm-up runs;
#   cold: `./crmp check` as a user runs it (JVM start-up included), N times, median.
# usage: bench/autogenerate.sh [LABEL] [RUNS]     (default: dev, 10); the label's database at head (no differences)
#        or at an earlier revision (the differences a new revision would hold).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
label="${1:-dev}"; runs="${2:-10}"
cd "$root"
./crmp heads >/dev/null   # builds target/crmp-schema.jar when it is missing or stale
url="$(sed -n 's/^url=//p' "environments/$label.properties")"
user="$(sed -n 's/^username=//p' "environments/$label.properties")"
echo "== warm: the comparison in one JVM, $runs runs ($label: $url)"
java -cp "target/crmp-schema.jar:target/lib/*" bench/AutogenerateBench.java "$url" "$user" "${PYCDS_SCHEMA_NAME:-crmp}" "$runs"
echo "== cold: ./crmp -x db=$label check, 5 runs"
times=()
for i in 1 2 3 4 5; do
  start=$(date +%s.%N)
  ./crmp -x "db=$label" check >/dev/null 2>&1 || [ $? -eq 5 ]   # 5: differences found
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc)")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "runs:"; for (i=1;i<=NR;i++) printf " %.2f", a[i]; printf "\nmedian %.2f s\n", a[int((NR+1)/2)]}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
