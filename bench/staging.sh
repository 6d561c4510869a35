#!/usr/bin/env bash
# Benchmark of layered staging on a MiniDFSCluster + MiniYARNCluster, with a job that needs numpy,
# pandas and pyarrow (an applyInPandas job; the wheels come from this machine's pip configuration,
# bench only, as the tests must never). Prints figures; it asserts nothing.
#
#   1. bytes staged and wall time of `mvn pyspark:submit`: the first submission, an unchanged one,
#      one after a change of the job's code only;
#   2. `mvn pyspark:submit` after a code-only change / the raw SparkSubmit call it makes (the same
#      command without the stager, everything already on HDFS), over [rounds] rounds;
#   3. the node's start of a Python process (bootstrap/python -c ...): cold (builds the venv), warm, and
#      after a code-only change (a new job layer, unpacked as YARN does, on the node's warm venv);
#   4. the plugin's heap while building and staging a 1 GB wheelhouse, Maven run with -Xmx256m.
#
# Usage: bench/staging.sh [rounds]     (PYSPARK_DIR: Spark's pyspark.zip and py4j zip, default ../shared/pyspark;
#                                       SPARK_VERSION, default 3.5.5: SPARK_VERSION=4.0.1 PYSPARK_DIR=../shared/pyspark4)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${1:-3}
WORK=$ROOT/target/bench-staging
SPARK_VERSION=${SPARK_VERSION:-3.5.5}
PYSPARK_DIR=${PYSPARK_DIR:-$ROOT/../shared/pyspark}
. bench/mini_yarn.sh

staged_bytes() { grep -o 'staged, [0-9]* bytes' "$1" | awk '{s += $2} END {print s + 0}'; }
staged_kinds() { grep -o 'pyspark-staging: [a-z-]* layer [^:]*: staged' "$1" | awk '{print $2}' | sort | uniq -c | awk '{printf "%s%s", sep, $2 ($1 > 1 ? " x" $1 : ""); sep=", "}'; }

# --- the job: pandas on the executors, numpy/pandas/pyarrow in the dependency layer ----------------
JOB=$WORK/job
mkdir -p "$JOB/src/main/python/benchjob"
cat > "$JOB/src/main/python/pyproject.toml" <<'EOF'
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "benchjob"
version = "1.0"
dependencies = ["numpy", "pandas", "pyarrow"]

[project.scripts]
benchjob = "benchjob:main"
EOF
write_job() {
  cat > "$JOB/src/main/python/benchjob/__init__.py" <<EOF
import pandas as pd
from pyspark.sql import SparkSession

CODE = "$1"


def count(pdf):
    return pd.DataFrame({"k": [pdf.k.iloc[0]], "n": [len(pdf)]})


def main():
    spark = SparkSession.builder.getOrCreate()
    groups = spark.range(1000).selectExpr("id % 10 AS k").groupBy("k").applyInPandas(count, "k long, n long")
    print("groups", groups.count(), "code", CODE, "pandas", pd.__version__)
    spark.stop()
EOF
}
write_job 0
cat > "$JOB/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>benchjob</artifactId>
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
submit() { local start; start=$(now); $MVN pyspark:submit > "$WORK/$1.log" 2>&1; elapsed "$start"; }

$MVN -q package
printf 'wheelhouse: %s MB\n' "$(du -m "$JOB/target/benchjob-1.0-wheelhouse.zip" | cut -f1)"

# --- 1. first, unchanged, code-only ---------------------------------------------------------------
for run in first unchanged; do
  t=$(submit "$run")
  printf '%-10s submit: %6.1f s, staged %11s bytes (%s)\n' "$run" "$t" "$(staged_bytes "$WORK/$run.log")" \
    "$(staged_kinds "$WORK/$run.log")"
done
write_job 1 && $MVN -q package
t=$(submit code-only)
printf '%-10s submit: %6.1f s, staged %11s bytes (%s)\n' "code-only" "$t" "$(staged_bytes "$WORK/code-only.log")" \
  "$(staged_kinds "$WORK/code-only.log")"
grep -h "Spark uploaded" "$WORK/code-only.log" | sed 's/^\[INFO\] /  /'

# --- 2. code-only re-submit / raw SparkSubmit, same cluster, everything else on HDFS ----------------
goal=() raw=()
for round in $(seq 2 $((ROUNDS + 1))); do
  write_job "$round" && $MVN -q package
  g=$(submit "goal-$round")
  $MVN pyspark:submit -Dpyspark.submit.dryRun > "$WORK/dry-$round.txt" 2>&1
  COMMAND=$(sed -n '/The command:/{n;s/^\[INFO\] //;p;}' "$WORK/dry-$round.txt" \
    | sed -E 's# io\.github\.sparkwheel\.submit\.SubmitLauncher \S+ \S+# org.apache.spark.deploy.SparkSubmit#')
  ENVIRONMENT=$(sed -n '/Its environment/,/BUILD/{s/^\[INFO\]   //p;}' "$WORK/dry-$round.txt" | grep '=' || true)
  start=$(now)
  (cd "$JOB/target/pyspark-submit" && env $ENVIRONMENT bash -c "exec $COMMAND") > "$WORK/raw-$round.log" 2>&1
  r=$(elapsed "$start")
  goal+=("$g") raw+=("$r")
  printf 'round %d: code-only mvn pyspark:submit %.1f s (staged %s bytes), raw SparkSubmit %.1f s\n' \
    "$((round - 1))" "$g" "$(staged_bytes "$WORK/goal-$round.log")" "$r"
done
G=$(median "${goal[@]}"); R=$(median "${raw[@]}")
printf 'medians: code-only mvn pyspark:submit %.1f s, raw SparkSubmit %.1f s, ratio %.3f (goal <= 1.10)\n' "$G" "$R" \
  "$(python3 -c "import sys; print(float(sys.argv[1]) / float(sys.argv[2]))" "$G" "$R")"

# --- 3. the node's start: cold, warm, after a code-only change --------------------------------------
LAYERS=$JOB/target/pyspark-submit/layers
DEPS=$(ls "$LAYERS"/dependencies-*.zip | head -1)
mapfile -t JOBS < <(ls -t "$LAYERS"/job-*.zip)
NODE=$WORK/node
container() { rm -rf "$NODE/$1" && mkdir -p "$NODE/$1/wheelhouse" "$NODE/$1/wheelhouse-deps" \
  && unzip -q "$DEPS" -d "$NODE/$1/wheelhouse-deps" && unzip -q "$2" -d "$NODE/$1/wheelhouse"; }
start_python() { (cd "$NODE/$1" && PYSPARK_WHEELHOUSE_CACHE=$NODE/cache ./wheelhouse/bootstrap/python -c "$2" 2>/dev/null); }
timed_ms() { local s; s=$(now); "$@"; python3 -c "import sys; print(round((float(sys.argv[2]) - float(sys.argv[1])) * 1000, 1))" "$s" "$(now)"; }
container a "${JOBS[0]}"
cold=$(timed_ms start_python a pass)
sleep 20   # the background byte-compilation of the new venv
warm=() changed=() warm_pandas=() changed_pandas=()
for i in 1 2 3 4 5; do
  warm+=("$(timed_ms start_python a pass)")
  warm_pandas+=("$(timed_ms start_python a 'import pandas, pyarrow')")
  # a new job layer, as YARN localizes it: unpacked, then the first Python process of the container
  job=${JOBS[$(( i % ${#JOBS[@]} ))]}
  changed+=("$(timed_ms bash -c "rm -rf '$NODE/b/wheelhouse' && mkdir -p '$NODE/b/wheelhouse' && unzip -q '$job' -d '$NODE/b/wheelhouse' && [ -d '$NODE/b/wheelhouse-deps' ] || (mkdir -p '$NODE/b/wheelhouse-deps' && unzip -q '$DEPS' -d '$NODE/b/wheelhouse-deps'); cd '$NODE/b' && PYSPARK_WHEELHOUSE_CACHE='$NODE/cache' ./wheelhouse/bootstrap/python -c pass")")
  changed_pandas+=("$(timed_ms start_python b 'import pandas, pyarrow')")
done
printf 'node start (bootstrap/python -c pass): cold %.0f ms (builds the venv), warm %.1f ms, after a code-only change %.1f ms (unpacking the new job layer included), ratio %.2f (goal <= 2)\n' \
  "$cold" "$(median "${warm[@]}")" "$(median "${changed[@]}")" \
  "$(python3 -c "import sys; print(float(sys.argv[1]) / float(sys.argv[2]))" "$(median "${changed[@]}")" "$(median "${warm[@]}")")"
printf 'node start with import pandas, pyarrow: warm %.0f ms, after a code-only change %.0f ms\n' \
  "$(median "${warm_pandas[@]}")" "$(median "${changed_pandas[@]}")"

# --- 4. heap: building and staging a 1 GB wheelhouse with -Xmx256m ----------------------------------
BIG=$WORK/big
mkdir -p "$BIG/wheels" "$BIG/src/main/python"
python3 - "$BIG/wheels" <<'EOF'
import os, sys, zipfile
for i in range(8):  # 8 pure wheels of 128 MB of incompressible data
    name = "blob%d" % i
    path = os.path.join(sys.argv[1], "%s-1.0-py3-none-any.whl" % name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as whl:
        with whl.open("%s/data.bin" % name, "w", force_zip64=True) as f:
            for _ in range(128):
                f.write(os.urandom(1 << 20))
        whl.writestr("%s/__init__.py" % name, "")
        whl.writestr("%s-1.0.dist-info/METADATA" % name, "Metadata-Version: 2.1\nName: %s\nVersion: 1.0\n" % name)
        whl.writestr("%s-1.0.dist-info/WHEEL" % name, "Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        whl.writestr("%s-1.0.dist-info/RECORD" % name, "")
EOF
(cd "$BIG/wheels" && ls *.whl | sed 's/-1.0-.*//') > "$BIG/src/main/python/requirements.txt"
printf 'print("big")\n' > "$BIG/src/main/python/job.py"
sed -e "s#<artifactId>benchjob</artifactId>#<artifactId>bigjob</artifactId>#" \
    -e "s#<hadoopConfDir>#<pipIsolated>true</pipIsolated><noIndex>true</noIndex><findLinks><findLink>$BIG/wheels</findLink></findLinks><script>job.py</script><stagingDirectory>/bench/big</stagingDirectory><hadoopConfDir>#" \
    "$JOB/pom.xml" > "$BIG/pom.xml"
start=$(now)
MAVEN_OPTS="-Xmx256m -Xlog:gc:file=$WORK/gc.log" "$ROOT/mvnw" -B -f "$BIG/pom.xml" package pyspark:stage > "$WORK/big.log" 2>&1 \
  || { tail -30 "$WORK/big.log"; exit 1; }
t=$(elapsed "$start")
python3 - "$WORK/gc.log" "$t" "$(du -m "$BIG/target/bigjob-1.0-wheelhouse.zip" | cut -f1)" "$(staged_bytes "$WORK/big.log")" <<'EOF'
import re, sys
before, after = [], []
for line in open(sys.argv[1]):
    m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
    if m:
        before.append(int(m.group(1))); after.append(int(m.group(2)))
print("1 GB wheelhouse (%s MB) built and staged (%s bytes) in %s s with Maven at -Xmx256m: heap at most %d MB before a "
      "collection, %d MB live after one (goal <= 256 MB)" % (sys.argv[3], sys.argv[4], sys.argv[2], max(before or [0]),
                                                            max(after or [0])))
EOF
