#!/usr/bin/env bash
# Benchmark of the executor bootstrap: cold start vs unzip floor and pip, warm start overhead, and the cold start
# on a shipped Python runtime (CPython 3.11.3 from Maven Central, trimmed as the nodes get it) vs the node's own.
# Prints figures; it asserts nothing. Usage: bench/bootstrap.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
export PYSPARK_PLUGIN_RESOURCES="$PWD/src/main/resources/io/github/sparkwheel"
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
RUNTIME_PYTHON=$(java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.github.sparkwheel.runtime.RuntimeBench node target/bench-runtimes)
export RUNTIME_PYTHON
exec "${PYTHON:-python3}" bench/bootstrap_bench.py "${1:-3}"
