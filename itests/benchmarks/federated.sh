#!/usr/bin/env bash
# Federated learning benchmark (issue 12): pipeline latency with and without local training running.
#   usage: itests/benchmarks/federated.sh [SECONDS] [RATE] [REPEATS]
#   (default 10 s per phase, 20000 records/s, 3 repeats; run from the repository root after ./gw build).
#   See FederatedBench's javadoc. MAVEN_REPO=<dir> builds against that local Maven repository;
#   BENCH_CLASSES=<dir> puts classes ahead of the class path (an A/B against another build of the trainer).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -o ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "${BENCH_CLASSES:+$BENCH_CLASSES:}target/test-classes:$(cat target/bench.classpath)" dev.continuum.itests.benchmarks.FederatedBench "$@"
