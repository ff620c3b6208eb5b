#!/usr/bin/env bash
# The profile job's throughput on one machine (README, "Running on Apache Spark"):
#   scripts/spark-profile-bench.sh ROWS DIR
# writes DIR/reference_ROWS.parquet (50 columns in the benchmark kit's shape, io.driftwatch.spark.BenchTable)
# unless it exists, then times `ProfileJob --parquet` on it in local[2] mode, as spark-submit would run the
# jar with Spark's own jars on the class path. Needs `mvn -B package` first (target/driftwatch-spark.jar,
# the Spark build's test classes).
set -euo pipefail
rows=${1:?rows}
dir=${2:?directory}
cd "$(dirname "$0")/.."
java="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
cp_file=target/spark-build/classpath.txt
mvn -B -q -f src/spark/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
spark_cp=$(cat "$cp_file")
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true"
spark="-Dspark.master=local[2] -Dspark.ui.enabled=false -Dspark.driver.host=127.0.0.1
  -Dspark.driver.bindAddress=127.0.0.1 -Dlog4j2.configurationFile=src/spark/test/resources/log4j2.properties"
table="$dir/reference_$rows.parquet"
mkdir -p "$dir"
if [ ! -e "$table/_SUCCESS" ]; then
  # shellcheck disable=SC2086
  "$java" -Xmx2g $opens $spark -cp "target/spark-build/test-classes:target/driftwatch-spark.jar:$spark_cp" \
    io.driftwatch.spark.BenchTable "$rows" "$table"
fi
du -sh "$table"
# shellcheck disable=SC2086
/usr/bin/time -v "$java" -Xmx2g $opens $spark -cp "target/driftwatch-spark.jar:$spark_cp" \
  io.driftwatch.spark.ProfileJob --parquet "$table" --out "$dir/reference_$rows.sketch" 2>&1 \
  | grep -E 'sketch profile|Elapsed|Maximum resident|User time|System time'
