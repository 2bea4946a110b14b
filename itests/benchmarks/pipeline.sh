#!/usr/bin/env bash
# Pipeline benchmark (issue 6): in-process, no network. See PipelineBench's javadoc for the workloads.
#   usage: itests/benchmarks/pipeline.sh [SECONDS] [ROUNDS]   (default 10 s, 2 rounds of chaining off and on; run from the repository root after ./gw build)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -Xmx512m -cp "target/test-classes:$(cat target/bench.classpath)" dev.continuum.itests.benchmarks.PipelineBench "$@"
