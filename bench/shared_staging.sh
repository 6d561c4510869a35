#!/usr/bin/env bash
# Benchmark of <sharedStagingDirectory> on a MiniDFSCluster + MiniYARNCluster (permissions on, simple
# authentication): the first submission of a real-PySpark job by a first user, then by a second user, with a
# shared directory open to all (1777). Each round uses fresh directories: the first user uploads the Spark
# runtime and pyspark's zips into the shared directory, the second finds them there (their sha256 checked) and
# uploads only his own private layers. Prints bytes staged and wall time of both and their ratio; it asserts nothing.
#
# Usage: bench/shared_staging.sh [rounds]   (PYSPARK_DIR, default ../shared/pyspark; SPARK_VERSION, default 3.5.5)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${1:-3}
WORK=$ROOT/target/bench-shared-staging
SPARK_VERSION=${SPARK_VERSION:-3.5.5}
PYSPARK_DIR=${PYSPARK_DIR:-$ROOT/../shared/pyspark}
. bench/mini_yarn.sh
WEBHDFS=$(sed -n 's/^webhdfs=//p' "$WORK/yarn/yarn.properties")
ME=$(id -un)
admin() { curl -sf -X PUT "$WEBHDFS$1?op=$2&user.name=$ME" > /dev/null; }
admin /user/bob MKDIRS && admin /user/bob "SETOWNER&owner=bob&group=bob"

staged_bytes() { grep -o 'staged[a-z ]*, [0-9]* bytes' "$1" | grep -o '[0-9]* bytes' | awk '{s += $1} END {print s + 0}'; }
runtime_bytes() { grep -o 'spark-runtime layer [^:]*: staged[a-z ]*, [0-9]* bytes' "$1" | grep -o '[0-9]* bytes' | awk '{s += $1} END {print s + 0}'; }

# --- the job: a SparkSession, a DataFrame, SQL and a Python UDF ------------------------------------
JOB=$WORK/job
mkdir -p "$JOB/src/main/python"
cat > "$JOB/src/main/python/job.py" <<'EOF'
from pyspark.sql import SparkSession
from pyspark.sql.functions import udf

spark = SparkSession.builder.getOrCreate()
double = udf(lambda n: n * 2, "long")
spark.range(100).select(double("id").alias("d")).createOrReplaceTempView("t")
print("sum", spark.sql("SELECT sum(d) FROM t").first()[0])
spark.stop()
EOF
cat > "$JOB/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>sharedjob</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.sparkwheel</groupId>
        <artifactId>pyspark-maven-plugin</artifactId>
        <version>$VERSION</version>
        <executions><execution><goals><goal>wheelhouse</goal></goals></execution></executions>
        <configuration>
          <pipIsolated>true</pipIsolated>
          <noIndex>true</noIndex>
          <script>job.py</script>
          <hadoopConfDir>$WORK/yarn/conf</hadoopConfDir>
          <pysparkArchives>
            <pysparkArchive>$WORK/pyspark/pyspark.zip</pysparkArchive>
            <pysparkArchive>$WORK/pyspark/py4j.zip</pysparkArchive>
          </pysparkArchives>
          <driverMemory>768m</driverMemory>
          <executorMemory>768m</executorMemory>
          <numExecutors>1</numExecutors>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
EOF
MVN="$ROOT/mvnw -B -f $JOB/pom.xml -Dpyspark.sparkVersion=$SPARK_VERSION"
$MVN -q package

first=() second=()
for round in $(seq 1 "$ROUNDS"); do
  # owned by an admin: the second user finds a layer of the first user's, and checks its sha256 before using it
  admin "/bench-shared-$round" "MKDIRS&permission=1777" && admin "/bench-shared-$round" "SETOWNER&owner=hdfs&group=hadoop"
  start=$(now)
  $MVN pyspark:submit -Dpyspark.stagingDirectory="/user/$ME/bench-$round" \
    -Dpyspark.sharedStagingDirectory="/bench-shared-$round" > "$WORK/first-$round.log" 2>&1 \
    || { tail -30 "$WORK/first-$round.log"; exit 1; }
  a=$(elapsed "$start")
  start=$(now)
  HADOOP_USER_NAME=bob $MVN pyspark:submit -Dpyspark.stagingDirectory="/user/bob/bench-$round" \
    -Dpyspark.sharedStagingDirectory="/bench-shared-$round" > "$WORK/second-$round.log" 2>&1 \
    || { tail -30 "$WORK/second-$round.log"; exit 1; }
  b=$(elapsed "$start")
  first+=("$a") second+=("$b")
  printf 'round %d: first user %.1f s, staged %s bytes (Spark runtime %s); second user %.1f s, staged %s bytes (Spark runtime %s); ratio %.3f\n' \
    "$round" "$a" "$(staged_bytes "$WORK/first-$round.log")" "$(runtime_bytes "$WORK/first-$round.log")" \
    "$b" "$(staged_bytes "$WORK/second-$round.log")" "$(runtime_bytes "$WORK/second-$round.log")" \
    "$(python3 -c "import sys; print(float(sys.argv[1]) / float(sys.argv[2]))" "$b" "$a")"
  printf '  the first user uploads the Spark runtime in %s; the second checks it (%s) and staged his own layers; stager output:\n' \
    "$(grep -ho 'spark-runtime layer [^:]*: staged in the shared directory, [0-9]* bytes in [0-9.]* s' "$WORK/first-$round.log" | grep -o '[0-9.]* s$')" \
    "$(grep -h 'spark-runtime layer' "$WORK/second-$round.log" | grep -o 'its content checked in [0-9.]* s' || echo 'trusted by owner')"
  grep -h "pyspark-staging: .* layer" "$WORK/second-$round.log" | sed -E 's/^\[INFO\] pyspark-staging: /    /; s/-[0-9a-f]{64}/-…/' | cut -c1-160
done
A=$(median "${first[@]}"); B=$(median "${second[@]}")
printf "medians: first user's first submit %.1f s, second user's first submit %.1f s, ratio %.3f (goal <= 0.5, no runtime bytes)\n" \
  "$A" "$B" "$(python3 -c "import sys; print(float(sys.argv[1]) / float(sys.argv[2]))" "$B" "$A")"
