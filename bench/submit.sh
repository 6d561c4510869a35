#!/usr/bin/env bash
# Benchmark of pyspark:submit on the real-PySpark word count (examples/wordcount, pyspark from
# ../shared/pyspark or -e PYSPARK_DIR): `mvn pyspark:submit` wall time against the raw SparkSubmit call
# it makes (the same command line and environment, captured with -Dpyspark.submit.dryRun), after one
# warm-up of each, alternating, on one MiniYARNCluster, cluster mode, Spark's default confs. For the
# raw calls it also prints where the time goes (bench/submit_phases.py): staging the resources (the
# Spark runtime's jars above all), and YARN's localization plus the ApplicationMaster's start.
# It runs with -Dpyspark.staging=false: every submission ships the wheelhouse and Spark's jars
# (spark.yarn.jars), as before layered staging, and the raw call is then one plain SparkSubmit (with staging
# on, the dry run's command stages in the same JVM; bench/staging.sh measures that).
# Prints figures; it asserts nothing. Usage: bench/submit.sh [rounds]
#   SPARK_VERSION=4.0.1 PYSPARK_DIR=../shared/pyspark4 bench/submit.sh   the same on Spark 4 (default 3.5.5)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${1:-5}
WORK=$ROOT/target/bench-submit
SPARK_VERSION=${SPARK_VERSION:-3.5.5}
PYSPARK_DIR=${PYSPARK_DIR:-$ROOT/../shared/pyspark}
YARN_HEAP=512m . bench/mini_yarn.sh

# the real-PySpark word count IT's project, standalone
mkdir -p "$WORK/job"
sed -e "s#@project.groupId@#io.github.sparkwheel#; s#@project.artifactId@#pyspark-maven-plugin#; s#@project.version@#$VERSION#" \
    -e "s#@python@#python3#g; s#@itWheels@#$ROOT/target/it-wheels#; s#@yarnDir@#$WORK/yarn#; s#@itPyspark@#$WORK/pyspark#g; s#@itPyspark4@#$WORK/pyspark#g" \
    -e "s#@exampleSources@#$ROOT/examples/wordcount/src/main/python#" \
    src/it/submit-yarn-wordcount-real-pyspark/pom.xml > "$WORK/job/pom.xml"
MVN="$ROOT/mvnw -B -q -f $WORK/job/pom.xml -Dpyspark.staging=false -Dpyspark.sparkVersion=$SPARK_VERSION"
$MVN package

# the exact command and environment the goal runs; the raw runs log with milliseconds
$ROOT/mvnw -B -f "$WORK/job/pom.xml" -Dpyspark.staging=false -Dpyspark.sparkVersion=$SPARK_VERSION pyspark:submit \
  -Dpyspark.submit.dryRun > "$WORK/dry-run.txt"
COMMAND=$(sed -n '/The command:/{n;s/^\[INFO\] //;p;}' "$WORK/dry-run.txt")
ENVIRONMENT=$(sed -n '/Its environment/,/BUILD/{s/^\[INFO\]   //p;}' "$WORK/dry-run.txt" | grep '=' || true)
JAVA=${COMMAND%% *}
RAW_COMMAND="$JAVA -Dlog4j2.configurationFile=$ROOT/bench/log4j2-millis.properties ${COMMAND#* }"
printf 'Spark runtime handed to YARN: %s jars, %s MB (spark.yarn.jars, uploaded by every submission)\n' \
  "$(wc -l < "$(ls "$WORK"/job/target/pyspark-submit/spark-*.classpath)")" \
  "$(xargs du -cm < "$(ls "$WORK"/job/target/pyspark-submit/spark-*.classpath)" | tail -1 | cut -f1)"

elapsed() { python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$1" "$(now)"; }
run_goal() { $MVN pyspark:submit > "$WORK/goal-$1.log" 2>&1; }
run_raw() { (cd "$WORK/job/target/pyspark-submit" && env $ENVIRONMENT bash -c "exec $RAW_COMMAND") > "$WORK/raw-$1.log" 2>&1; }
timed() { local start; start=$(now); "$@"; elapsed "$start"; }

# one uncounted run of each warms the page cache, Maven's and Spark's jars and the node's venv cache
run_goal warmup; run_raw warmup
goal=() raw=()
for round in $(seq 1 "$ROUNDS"); do
  # alternate which one goes first, so neither always follows the other's application on the cluster
  if (( round % 2 )); then g=$(timed run_goal "$round"); r=$(timed run_raw "$round")
  else r=$(timed run_raw "$round"); g=$(timed run_goal "$round"); fi
  goal+=("$g") raw+=("$r")
  printf 'round %d: mvn pyspark:submit %.1f s, raw SparkSubmit %.1f s; raw: %s\n' "$round" "$g" "$r" \
    "$(python3 bench/submit_phases.py "$WORK/raw-$round.log" "$(sed -n 's/^logDir=//p' "$WORK/yarn/yarn.properties")")"
done
G=$(median "${goal[@]}"); R=$(median "${raw[@]}")
printf 'medians over %d rounds: mvn pyspark:submit %.1f s, raw SparkSubmit %.1f s, ratio %.3f (goal <= 1.15)\n' \
  "$ROUNDS" "$G" "$R" "$(python3 -c "import sys; print(float(sys.argv[1]) / float(sys.argv[2]))" "$G" "$R")"
validate=()
for _ in 1 2 3; do validate+=("$(timed $MVN validate)"); done
printf 'for reference, Maven alone (mvn validate on the same project): %.1f s\n' "$(median "${validate[@]}")"
