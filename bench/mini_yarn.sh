# Sourced by the benchmarks that submit to a MiniDFSCluster + MiniYARNCluster: builds and installs the plugin,
# prepares Spark's real pyspark, starts the cluster under $WORK/yarn (stopped when the script exits) and defines
# the timing helpers. Expects ROOT, WORK (emptied here), SPARK_VERSION, PYSPARK_DIR; YARN_HEAP (default 768m).
rm -rf "$WORK" && mkdir -p "$WORK/yarn/tmp"

./mvnw -B -q install -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
python3 src/it/real_pyspark.py "${SPARK_VERSION%.*}" "$PYSPARK_DIR" "$WORK/pyspark"
[ -f "$WORK/pyspark/pyspark.zip" ] || { echo "no pyspark in $PYSPARK_DIR: set PYSPARK_DIR" >&2; exit 1; }

(cd "$WORK/yarn" && exec java "-Xmx${YARN_HEAP:-768m}" --add-opens=java.base/java.lang=ALL-UNNAMED -Djava.io.tmpdir="$WORK/yarn/tmp" \
  -cp "$ROOT/target/test-classes:$(cat "$ROOT/target/test.classpath")" io.github.sparkwheel.yarn.MiniYarnLauncher "$WORK/yarn" \
  > "$WORK/yarn.log" 2>&1) &
YARN_PID=$!
trap 'touch "$WORK/yarn/stop"; sleep 2; kill $YARN_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do [ -f "$WORK/yarn/yarn.properties" ] && break; sleep 1; done
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$1" "$(now)"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
