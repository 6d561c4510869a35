#!/usr/bin/env bash
# Benchmark of pyspark:submit on a Kerberos-secured cluster (a MiniKdc, a secure MiniDFSCluster and MiniYARNCluster:
# src/test/java/.../yarn/SecureMiniYarnLauncher), with the real-PySpark word count logged in from a ticket cache
# that MIT kinit wrote (as submit-yarn-kerberos does). Prints figures; it asserts nothing.
#
#   P13: `mvn pyspark:submit` against the raw SparkSubmit call it makes (the same command line and environment,
#        captured with -Dpyspark.submit.dryRun, with SparkSubmit itself as the main class: no cluster check), same
#        ticket, same job, same cluster, cluster mode, after one warm-up of each, alternating. -Dpyspark.staging=false
#        for both: the raw call cannot stage (bench/staging.sh measures staging).
#   The time from Maven's start to the "no ticket" error, against Maven alone (mvn validate on the same project).
#
# Usage: bench/kerberos.sh [rounds]   (PYSPARK_DIR: Spark's pyspark.zip and py4j zip, default ../shared/pyspark)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${1:-3}
WORK=$ROOT/target/bench-kerberos
SPARK_VERSION=3.5.5
PYSPARK_DIR=${PYSPARK_DIR:-$ROOT/../shared/pyspark}
rm -rf "$WORK" && mkdir -p "$WORK/secure/tmp"

./mvnw -B -q install -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
python3 src/it/real_pyspark.py 3.5 "$PYSPARK_DIR" "$WORK/pyspark"
(cd "$WORK/secure" && exec java -Xmx768m --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djava.io.tmpdir="$WORK/secure/tmp" \
  -cp "$ROOT/target/test-classes:$(cat "$ROOT/target/test.classpath")" io.github.sparkwheel.yarn.SecureMiniYarnLauncher \
  "$WORK/secure" "$ROOT/src/test/secure-harness" > "$WORK/secure.log" 2>&1) &
CLUSTER_PID=$!
trap 'touch "$WORK/secure/stop"; sleep 2; kill $CLUSTER_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do [ -f "$WORK/secure/secure.properties" ] && break; sleep 1; done
prop() { sed -n "s/^$1=//p" "$WORK/secure/secure.properties"; }
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$1" "$(now)"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { local start; start=$(now); "$@" > /dev/null 2>&1 || true; elapsed "$start"; }

export KRB5CCNAME="FILE:$WORK/alice.ccache"
KRB5_CONFIG=$(prop krb5Conf) kinit -kt "$(prop keytabs)/alice.keytab" "alice@$(prop realm)"

mkdir -p "$WORK/job"
sed -e "s#@project.groupId@#io.github.sparkwheel#; s#@project.artifactId@#pyspark-maven-plugin#; s#@project.version@#$VERSION#" \
    -e "s#@python@#python3#g; s#@itWheels@#$ROOT/target/it-wheels#; s#@secureDir@#$WORK/secure#g; s#@itPyspark@#$WORK/pyspark#g; s#@itPyspark4@#$WORK/pyspark#g" \
    -e "s#@exampleSources@#$ROOT/examples/wordcount/src/main/python#" \
    src/it/submit-yarn-kerberos/pom.xml > "$WORK/job/pom.xml"
MVN="$ROOT/mvnw -B -q -f $WORK/job/pom.xml -Dpyspark.staging=false"
$MVN package

$ROOT/mvnw -B -f "$WORK/job/pom.xml" -Dpyspark.staging=false pyspark:submit -Dpyspark.submit.dryRun > "$WORK/dry-run.txt"
COMMAND=$(sed -n '/The command:/{n;s/^\[INFO\] //;p;}' "$WORK/dry-run.txt")
ENVIRONMENT=$(sed -n '/Its environment/,/BUILD/{s/^\[INFO\]   //p;}' "$WORK/dry-run.txt" | grep '=' || true)
RAW_COMMAND=$(sed 's/ io\.github\.sparkwheel\.helpers\.SubmitLauncher [0-9]* - / org.apache.spark.deploy.SparkSubmit /' <<< "$COMMAND")
[[ "$RAW_COMMAND" == *"org.apache.spark.deploy.SparkSubmit"* ]] || { echo "no launcher in: $COMMAND" >&2; exit 1; }

run_goal() { ${MVN/ -q / } pyspark:submit > "$WORK/goal-$1.log" 2>&1; }
run_raw() { (cd "$WORK/job/target/pyspark-submit" && env $ENVIRONMENT bash -c "exec $RAW_COMMAND") > "$WORK/raw-$1.log" 2>&1; }
run_goal warmup; run_raw warmup
goal=() raw=()
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 )); then g=$(timed run_goal "$round"); r=$(timed run_raw "$round")
  else r=$(timed run_raw "$round"); g=$(timed run_goal "$round"); fi
  goal+=("$g") raw+=("$r")
  grep -q 'finished: SUCCEEDED' "$WORK/goal-$round.log" || echo "round $round: the goal's application did not succeed" >&2
  grep -q 'final status: SUCCEEDED' "$WORK/raw-$round.log" || echo "round $round: the raw application did not succeed" >&2
  printf 'round %d: mvn pyspark:submit %.1f s, raw SparkSubmit %.1f s (same ticket, same cluster)\n' "$round" "$g" "$r"
done
G=$(median "${goal[@]}"); R=$(median "${raw[@]}")
printf 'P13 medians over %d rounds: mvn pyspark:submit %.1f s, raw SparkSubmit %.1f s, ratio %.3f (goal <= 1.05)\n' \
  "$ROUNDS" "$G" "$R" "$(python3 -c "import sys; print(float(sys.argv[1]) / float(sys.argv[2]))" "$G" "$R")"

validate=() noticket=()
for _ in 1 2 3; do
  validate+=("$(timed $MVN validate)")
  noticket+=("$(KRB5CCNAME="FILE:$WORK/nobody.ccache" timed $MVN pyspark:submit)")
done
KRB5CCNAME="FILE:$WORK/nobody.ccache" $MVN pyspark:submit > "$WORK/no-ticket.log" 2>&1 || true
grep -q 'No Kerberos ticket' "$WORK/no-ticket.log" || echo "the no-ticket run did not say so: $WORK/no-ticket.log" >&2
V=$(median "${validate[@]}"); N=$(median "${noticket[@]}")
printf 'no ticket: mvn pyspark:submit fails after %.1f s; Maven alone (mvn validate) %.1f s; %.1f s beyond Maven'"'"'s own start (goal <= 5 s)\n' \
  "$N" "$V" "$(python3 -c "import sys; print(float(sys.argv[1]) - float(sys.argv[2]))" "$N" "$V")"
