#!/usr/bin/env bash
# Measures how long a short `snaplog` command takes from the shell, with and without the class data sharing
# archive bin/snaplog records on first use. Prints median and spread (min-max) of N runs per command, wall time
# and CPU time, with `java -version` as the floor.
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

# median and min-max of wall milliseconds over $runs runs of "$@", then of CPU milliseconds (user + system: less
# moved than wall time by other work on the machine)
measure() {
  local log="$scratch/times"
  : >"$log"
  local TIMEFORMAT='%R %U %S'
  for _ in $(seq "$runs"); do
    { time "$@" >/dev/null 2>&1; } 2>>"$log"
  done
  awk '{w[NR] = $1 * 1000; c[NR] = ($2 + $3) * 1000}
    function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t } }
    END { sort(w, NR); sort(c, NR); m = int((NR + 1) / 2)
      printf "%d ms (%d-%d) | %d ms (%d-%d)", w[m], w[1], w[NR], c[m], c[1], c[NR] }' "$log"
}

floor=$(measure "${JAVA:-java}" -version)
printf 'java -version, wall | cpu: %s\n\n' "$floor"
printf '| command | wall, no archive | cpu, no archive | wall, archive | cpu, archive |\n|---|---|---|---|---|\n'
for cmd in "--version" "log db.t" "scan db.t"; do
  # shellcheck disable=SC2086
  off=$(SNAPLOG_CDS=off measure bin/snaplog $cmd)
  # shellcheck disable=SC2086
  on=$(measure bin/snaplog $cmd)
  printf '| `snaplog %s` | %s | %s |\n' "$cmd" "$off" "$on"
done
