#!/usr/bin/env bash
# Runs the Snaplog vs Apache Iceberg benchmarks (issue 6) and writes bench/target/results-<mode>.md.
#   bench/run.sh            quick mode (about 11 min on 2 cores; smaller history/tables/rows, see BENCHMARKS.md)
#   bench/run.sh --full     the sizes the issue asks for (run time in BENCHMARKS.md)
#   bench/run.sh --quick --only 1,2,5   a subset of workloads (8: planning a table partitioned by day)
#   bench/run.sh --storage s3            workloads 1, 2, 3, 5 on the S3 test server only (default: local,s3)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="--quick"
if [[ $# -gt 0 && ( "$1" == "--quick" || "$1" == "--full" || "$1" == "--smoke" ) ]]; then
  mode="$1"
  shift
fi
# a reactor build: this checkout's modules are used as built here, nothing is installed into ~/.m2
mvn -q -pl core,manifest,catalog,s3-io,bench -am -DskipTests package
cp="bench/target/classes:core/target/classes:manifest/target/classes:catalog/target/classes"
cp="$cp:s3-io/target/classes:s3-io/target/test-classes"
cp="$cp:$(cat bench/target/classpath.txt)"
out="bench/target/results-${mode#--}.md"
# data on tmpfs when there is one: the numbers then measure the formats, not this machine's slow file creates
# (about 1-2 ms per new file on its disk); pass --dir /some/disk/path to measure on a disk instead
dir_args=()
if [[ " $* " != *" --dir "* && -d /dev/shm ]]; then
  dir_args=(--dir "/dev/shm/snaplog-bench-$$")
fi
# Iceberg logs every lost commit race with a stack trace, and Testcontainers an error when no Docker engine
# answers (the S3 harness then starts a Ceph RGW): neither is a result
exec java -Xmx8g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.apache.iceberg=error \
  -Dorg.slf4j.simpleLogger.log.org.testcontainers=off -cp "$cp" dev.snaplog.bench.BenchMain \
  "$mode" --out "$out" "${dir_args[@]}" "$@"
