#!/usr/bin/env bash
# Benchmark of the wheelhouse goal: cold build / raw `pip wheel` + zip, and no-op rebuild / cold build, on a
# job with a C extension and on a small job of 3 wheels (also on a Python runtime, CPython 3.11.3 from
# Maven Central, unpacked by the plugin's RuntimeCache). Prints figures; it asserts nothing.
# Usage: bench/wheelhouse.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
./mvnw -B -q dependency:unpack@it-build-backend-wheels   # setuptools + wheel for offline pip builds
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
RUNTIME=$(java -cp "$CP" io.github.sparkwheel.runtime.RuntimeBench python target/bench-runtimes)
exec java -cp "$CP" io.github.sparkwheel.bench.WheelhouseBench target/it-wheels "${PYTHON:-python3}" "${1:-3}" "$RUNTIME"
