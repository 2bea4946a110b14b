#!/usr/bin/env bash
# Cloud MQTT outage benchmark (issue 7): a real Mosquitto on loopback stopped for OUTAGE seconds while the
# endpoint publishes RATE messages/s in three priorities; a persistent-session subscriber checks lost,
# duplicated and per-priority order, and how long after the broker's return the last message arrived.
# See MqttOutageBench's javadoc.
#   usage: itests/benchmarks/mqtt-outage.sh [RATE] [OUTAGE_SECONDS] [BEFORE_AFTER_SECONDS]   (defaults 5000 60 10)
#   run from the repository root after ./gw build; needs mosquitto (apt-get install -y mosquitto)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/mqtt-bench.classpath \
  -Dmdep.includeScope=test >/dev/null
exec java -Xmx1g -cp "target/test-classes:$(cat target/mqtt-bench.classpath)" dev.continuum.itests.cloud.MqttOutageBench "$@"
