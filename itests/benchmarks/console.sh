#!/usr/bin/env bash
# Console benchmark (issue 9): pipeline throughput with headless Chromium showing live charts of 50 channels
# at 5 Hz vs without, alternating rounds in one run. See ConsoleChartsBench's javadoc.
#   usage: itests/benchmarks/console.sh [ROUNDS] [SECONDS]   (default 6 rounds of 2 x 10 s)
#   run after ./gw build (M2_REPO=... for a Maven repository other than ~/.m2/repository);
#   needs /usr/bin/chromium and /usr/bin/chromedriver (Debian: chromium, chromium-driver).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=${M2_REPO:-$HOME/.m2/repository}
mvn -q -o -Dmaven.repo.local="$repo" test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/console-bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -Xmx256m -Dcontinuum.repo.root=.. -Dmaven.repo.local="$repo" \
  -cp "target/test-classes:$(cat target/console-bench.classpath)" dev.continuum.itests.console.ConsoleChartsBench "$@"
