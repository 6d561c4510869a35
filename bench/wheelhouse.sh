#!/usr/bin/env bash
# Benchmark of the wheelhouse goal: cold build / raw `pip wheel` + zip, and no-op rebuild / cold build.
# Prints figures; it asserts nothing. Usage: bench/wheelhouse.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
./mvnw -B -q dependency:unpack@it-build-backend-wheels   # setuptools + wheel for offline pip builds
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.github.sparkwheel.bench.WheelhouseBench target/it-wheels "${PYTHON:-python3}" "${1:-3}"
