#!/usr/bin/env bash
# GPIO benchmark (issue 4) on the Pi4J mock provider, through the real driver classes. See GpioBench's
# javadoc for the workloads: edge-to-sample latency, a 5 kHz pulse train counted exactly, a flat-out burst.
#   usage: itests/benchmarks/gpio.sh [SECONDS]   (pulse-train length, default 10; run after ./gw build)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/gpio-bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -Xmx256m -XX:+UseSerialGC -Dcontinuum.repo.root=.. -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/test-classes:$(cat target/gpio-bench.classpath)" dev.continuum.itests.benchmarks.GpioBench "$@"
