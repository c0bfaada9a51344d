#!/usr/bin/env bash
# Measures how long a short `snaplog` command takes from the shell, with and without the class data sharing
# archive bin/snaplog records on first use. Prints median and spread (min-max) of N runs per command.
#   bench/cli-start.sh [N]      (default N=7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
[ -f cli/target/snaplog.jar ] || mvn -q -DskipTests -pl cli -am package
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export SNAPLOG_WAREHOUSE="$scratch/warehouse"
printf 'id,msg\n1,a\n2,b\n' >"$scratch/rows.csv"
bin/snaplog ns create db >/dev/null
bin/snaplog create db.t --schema "id long not null, msg string" >/dev/null
bin/snaplog append db.t "$scratch/rows.csv" >/dev/null

# median and min-max of wall seconds over $runs runs of "$@"
measure() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d ms (%d-%d)", a[int((NR+1)/2)], a[1], a[NR]}'
}

printf '| command | no archive | archive | ratio |\n|---|---|---|---|\n'
for cmd in "--version" "log db.t" "scan db.t"; do
  # shellcheck disable=SC2086
  off=$(SNAPLOG_CDS=off measure bin/snaplog $cmd)
  # shellcheck disable=SC2086
  on=$(measure bin/snaplog $cmd)
  printf '| `snaplog %s` | %s | %s | %.2f |\n' "$cmd" "$off" "$on" "$(awk -v a="${on%% *}" -v b="${off%% *}" 'BEGIN {print a / b}')"
done
