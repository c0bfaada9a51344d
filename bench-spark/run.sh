#!/usr/bin/env bash
# Spark through the Snaplog connector vs Apache Iceberg's Spark runtime, same Spark, same rows, one run.
#   bench-spark/run.sh                     1,000,000 rows, 3 rounds (a few minutes on 2 cores)
#   bench-spark/run.sh --rows 10000000     the size BENCHMARKS.md reports
# Writes bench-spark/target/results.md. Data goes to tmpfs when there is one (--dir PATH to choose).
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
if [[ " $* " != *" --dir "* ]]; then
  if [ -d /dev/shm ]; then base=/dev/shm; else base="${TMPDIR:-/tmp}"; fi
  args+=(--dir "$base/snaplog-spark-bench-$$")
  trap 'rm -rf "$base/snaplog-spark-bench-$$"' EXIT
fi
mvn -q -DskipTests install
mvn -q -f bench-spark/pom.xml exec:exec -Dbench.args="${args[*]} --out $PWD/bench-spark/target/results.md"
