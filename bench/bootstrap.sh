#!/usr/bin/env bash
# Benchmark of the executor bootstrap: cold start vs unzip floor and pip, warm start overhead.
# Prints figures; it asserts nothing. Usage: bench/bootstrap.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
export PYSPARK_PLUGIN_RESOURCES="$PWD/src/main/resources/io/github/sparkwheel"
exec "${PYTHON:-python3}" bench/bootstrap_bench.py "${1:-3}"
