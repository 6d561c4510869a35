#!/usr/bin/env bash
# Benchmark of the test goal on examples/wordcount (3 pytest tests on a local SparkSession, real PySpark from
# ../shared/pyspark or PYSPARK_DIR, pytest from ../shared/wheels, offline):
#   1. a cold `mvn test` (no target/), broken down with bench/test_phases.py: Maven and the wheelhouse, the test
#      dependencies, Spark's jars, the environment the bootstrap builds, the Spark JVM's start (the session fixture's
#      setup, from pytest --durations) and the tests themselves;
#   2. warm `mvn test` (everything up to date) / the same pytest run by hand in the environment the goal built, with
#      the same Spark home, PYTHONPATH and Spark arguments, alternating which goes first.
# Prints figures; it asserts nothing.   Usage: bench/test.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
PYSPARK_DIR=$(realpath "${PYSPARK_DIR:-../shared/pyspark}")
EX=$PWD/examples/wordcount
T=$EX/target/pyspark-test
./mvnw -B -q install -DskipTests                          # the plugin, and target/it-wheels for offline builds
MVN=(./mvnw -B -f "$EX/pom.xml" test -Poffline -Dpyspark.pysparkArchives="$PYSPARK_DIR/pyspark.zip,$(ls "$PYSPARK_DIR"/py4j-*-src.zip)")
STAMPS=(-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS)
mkdir -p target/bench-test

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

echo "== cold mvn test (no target/)"
rm -rf "$EX/target"
echo "$(date +%H:%M:%S.%3N) [BENCH] mvn starts" > target/bench-test/cold.log
PYTEST_ADDOPTS="--durations=0 --durations-min=0" "${MVN[@]}" "${STAMPS[@]}" >> target/bench-test/cold.log
python3 bench/test_phases.py target/bench-test/cold.log

# the pytest run the goal makes, by hand: its interpreter, environment and arguments (PythonTests, LocalSparkHome)
PY=$T/wheelhouse/bootstrap/python
SUBMIT_ARGS="--conf spark.jars.ivy=$T/spark/ivy --conf spark.local.dir=$T/spark/spark-local"
SUBMIT_ARGS="$SUBMIT_ARGS --conf spark.sql.warehouse.dir=file://$T/spark/spark-warehouse/ pyspark-shell"
raw() {
    env -u PYTHONPATH PYSPARK_WHEELHOUSE_PYTHON="$(command -v python3)" PYSPARK_WHEELHOUSE_CACHE="$T/cache" \
        PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY" SPARK_HOME="$T/spark-home" PYSPARK_SUBMIT_ARGS="$SUBMIT_ARGS" \
        PYTHONPYCACHEPREFIX="$T/pycache" \
        PYTHONPATH="$T/test-dependencies/test-site:$T/runner:$PYSPARK_DIR/pyspark.zip:$(ls "$PYSPARK_DIR"/py4j-*-src.zip)" \
        "$PY" -m pytest "$EX/src/test/python" -o cache_dir="$T/pytest-cache" --rootdir="$EX/src/test/python" -q \
        > target/bench-test/raw.log 2>&1
}
goal() { "${MVN[@]}" > target/bench-test/warm.log 2>&1; }

echo "== warm: mvn test / pytest by hand, $ROUNDS rounds after one warm-up of each"
goal; raw
G=(); R=()
for i in $(seq 1 "$ROUNDS"); do
    if (( i % 2 )); then
        s=$(now); goal; g=$(elapsed "$s" "$(now)"); s=$(now); raw; r=$(elapsed "$s" "$(now)")
    else
        s=$(now); raw; r=$(elapsed "$s" "$(now)"); s=$(now); goal; g=$(elapsed "$s" "$(now)")
    fi
    grep -q "Tests run: 3, Failures: 0" target/bench-test/warm.log || { echo "mvn test failed: target/bench-test/warm.log"; exit 1; }
    grep -q "3 passed" target/bench-test/raw.log || { echo "pytest failed: target/bench-test/raw.log"; exit 1; }
    echo "round $i: mvn test ${g} s, pytest by hand ${r} s, ratio $(python3 -c "print('%.3f' % ($g / $r))")"
    G+=("$g"); R+=("$r")
done
python3 - "${G[*]}" "${R[*]}" <<'EOF'
import statistics, sys
g = [float(x) for x in sys.argv[1].split()]
r = [float(x) for x in sys.argv[2].split()]
print("medians: mvn test %.2f s, pytest by hand %.2f s, ratio %.3f (goal <= 1.15)"
      % (statistics.median(g), statistics.median(r), statistics.median(g) / statistics.median(r)))
EOF
