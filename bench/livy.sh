#!/usr/bin/env bash
# Benchmark of pyspark:submit through Apache Livy against the direct transport, on one open MiniYARNCluster
# (src/test/java/.../yarn/MiniYarnLauncher) with a real Livy 0.7.1 server over Spark 3.5.5 in front of it
# (LivyLauncher), the real-PySpark word count (examples/wordcount). Prints figures; it asserts nothing.
#
#   P14: `mvn pyspark:submit` through Livy (the layers staged on the cluster's HDFS, <livyDelivery>staging) against
#        the same goal with the direct transport (SparkSubmit run here, the same layers staged), same job, same
#        cluster, cluster mode, after one warm-up of each, alternating; the median of each.
#   What a code-only change re-submitted through Livy uploads: the bytes of the layers staged, before and after a
#   one-line change to the job's code.
#
# Usage: bench/livy.sh [rounds]   (PYSPARK_DIR: Spark's pyspark.zip and py4j zip, default ../shared/pyspark)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${1:-3}
WORK=$ROOT/target/bench-livy
PYSPARK_DIR=${PYSPARK_DIR:-$ROOT/../shared/pyspark}
rm -rf "$WORK" && mkdir -p "$WORK/yarn/tmp" "$WORK/livy"

./mvnw -B -q install -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
python3 src/it/real_pyspark.py 3.5 "$PYSPARK_DIR" "$WORK/pyspark"
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/test.classpath")"
(cd "$WORK/yarn" && exec java -Xmx768m --add-opens=java.base/java.lang=ALL-UNNAMED -Djava.io.tmpdir="$WORK/yarn/tmp" \
  -cp "$CP" io.github.sparkwheel.yarn.MiniYarnLauncher "$WORK/yarn" > "$WORK/yarn.log" 2>&1) &
YARN_PID=$!
(exec java -Xmx256m -DlocalRepository="$HOME/.m2/repository" -cp "$CP" io.github.sparkwheel.yarn.LivyLauncher \
  "$WORK/livy" "$WORK/yarn" "$PYSPARK_DIR" > "$WORK/livy.log" 2>&1) &
LIVY_PID=$!
trap 'touch "$WORK/yarn/stop" "$WORK/livy/stop"; sleep 2; kill $YARN_PID $LIVY_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do [ -f "$WORK/livy/livy.properties" ] && break; sleep 1; done
[ -f "$WORK/livy/livy.properties" ] || { echo "Livy did not start: $WORK/livy.log" >&2; exit 1; }
LIVY_URL=$(sed -n 's/^url=//p' "$WORK/livy/livy.properties")
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$1" "$(now)"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# the word count, with its sources copied (the code-only change edits them) and pyspark for the direct transport
mkdir -p "$WORK/job"
cp -r examples/wordcount/src/main/python "$WORK/job/python"
sed -e "s#@project.groupId@#io.github.sparkwheel#; s#@project.artifactId@#pyspark-maven-plugin#; s#@project.version@#$VERSION#" \
    -e "s#@python@#python3#g; s#@itWheels@#$ROOT/target/it-wheels#; s#@exampleSources@#$WORK/job/python#" \
    -e "s#@livyDir@#$WORK/livy#; s#@yarnDir@#$WORK/yarn#; s#__LIVY_URL__#$LIVY_URL#g; s#__GATEWAY_URL__#$LIVY_URL#" \
    -e "s#<livyTrustStore>__GATEWAY_CA__</livyTrustStore>##; s#__REPOSITORY_URL__#http://127.0.0.1:9/none#" \
    -e "s#<nodePython>#<pysparkArchives><pysparkArchive>$WORK/pyspark/pyspark.zip</pysparkArchive><pysparkArchive>$WORK/pyspark/py4j.zip</pysparkArchive></pysparkArchives><nodePython>#" \
    src/it/submit-livy/pom.xml > "$WORK/job/pom.xml"
MVN="$ROOT/mvnw -B -f $WORK/job/pom.xml"
$MVN -q package

run_livy() { $MVN pyspark:submit -Dpyspark.livyDelivery=staging > "$WORK/livy-$1.log" 2>&1; }
run_direct() { $MVN pyspark:submit -Dit.livyUrl= > "$WORK/direct-$1.log" 2>&1; }
timed() { local start; start=$(now); "$@" || { echo "failed: $* (see $WORK)" >&2; exit 1; }; elapsed "$start"; }
run_livy warmup; run_direct warmup
livy=() direct=()
for round in $(seq 1 "$ROUNDS"); do
  livy+=("$(timed run_livy "$round")")
  direct+=("$(timed run_direct "$round")")
done
L=$(median "${livy[@]}") D=$(median "${direct[@]}")
echo "P14 through Livy: ${livy[*]} s (median $L)"
echo "P14 direct:       ${direct[*]} s (median $D)"
python3 -c "import sys; print('P14 Livy / direct = %.3f (goal <= 1.15)' % (float(sys.argv[1]) / float(sys.argv[2])))" "$L" "$D"
grep -h "Livy batch .* runs as YARN" "$WORK"/livy-*.log | head -1

# a code-only change, re-submitted through Livy: what is uploaded
staged() { grep -o 'staged, [0-9]* bytes' "$1" | awk '{s += $2} END {print s + 0}'; }
echo "# a trivial change to wordcount's code" >> "$(find "$WORK/job/python" -name '*.py' -path '*wordcount*' | sort | head -1)"
$MVN -q package
run_livy code-change
echo "code-only change through Livy: $(staged "$WORK/livy-code-change.log") bytes staged ($(grep -c ': staged,' "$WORK/livy-code-change.log") layers; the first submission staged $(staged "$WORK/livy-warmup.log") bytes, the direct one's warm-up $(staged "$WORK/direct-warmup.log"))"
grep -h "pyspark-staging: .*layer" "$WORK/livy-code-change.log" | sed 's/^\[INFO\] /  /' | cut -c1-160
