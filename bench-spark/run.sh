#!/usr/bin/env bash
# Spark through the Snaplog connector vs Apache Iceberg's Spark runtime, same Spark, same rows, one run.
#   bench-spark/run.sh                                 1,000,000 rows, 3 rounds (a few minutes on 2 cores)
#   bench-spark/run.sh --rows 10000000 --rounds 3      a larger run
# Writes bench-spark/target/results.md. Data goes to tmpfs when there is one (--dir PATH to choose).
# Builds the modules it needs in one reactor build and runs from their build output: nothing is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
if [[ " $* " != *" --dir "* ]]; then
  if [ -d /dev/shm ]; then base=/dev/shm; else base="${TMPDIR:-/tmp}"; fi
  args+=(--dir "$base/snaplog-spark-bench-$$")
  trap 'rm -rf "$base/snaplog-spark-bench-$$"' EXIT
fi
mvn -q -B -pl bench-spark -am -DskipTests package
# Spark's JDK openings, as the parent pom lists them for the tests
java_options=$(sed -n '/<spark.java.options>/,/<\/spark.java.options>/p' pom.xml | sed 's/<[^>]*>//g' | tr -s ' \n' '  ')
classpath=bench-spark/target/classes
for module in spark catalog manifest s3-io core; do classpath="$classpath:$module/target/classes"; done
classpath="$classpath:$(cat bench-spark/target/classpath.txt)"
# shellcheck disable=SC2086 # the options are a word list
java -Xmx8g $java_options -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" \
  dev.snaplog.bench.spark.SparkBenchMain "${args[@]}" --out "$PWD/bench-spark/target/results.md"
