#!/usr/bin/env bash
# P15: a cold wheelhouse build from the job's pylock.toml / from its ranges (goal <= 0.9), for a job of 11 declared
# dependencies (30+ packages with theirs), the same index and find-links. The index is this machine's local PEP 503
# store (INDEX, default file:///opt/pypi/simple): fine for a benchmark, never for a test. Prints figures; asserts
# nothing. Usage: bench/lock.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
./mvnw -B -q dependency:unpack@it-build-backend-wheels   # setuptools + wheel for the job's own build
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
exec java -cp "$CP" io.github.sparkwheel.bench.LockBench target/it-wheels "${INDEX:-file:///opt/pypi/simple}" \
    "${PYTHON:-python3}" "${1:-3}"
