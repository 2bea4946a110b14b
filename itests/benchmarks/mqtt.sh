#!/usr/bin/env bash
# Cloud MQTT benchmark (issue 7) against a real Mosquitto on loopback: bare Paho vs the MQTT endpoint with its
# durable outbox (same run, same in-flight window), and recovery after a broker restart. See MqttBench's javadoc.
#   usage: itests/benchmarks/mqtt.sh [MESSAGES] [WINDOW] [3.1.1|5] [FORMATS]   (defaults 100000 1000 3.1.1 KURA;
#          FORMATS: comma-separated endpoint formats, e.g. KURA,JSON,SPARKPLUG_B)
#   run from the repository root after ./gw build; needs mosquitto (apt-get install -y mosquitto)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/mqtt-bench.classpath \
  -Dmdep.includeScope=test >/dev/null
exec java -Xmx1g -cp "target/test-classes:$(cat target/mqtt-bench.classpath)" dev.continuum.itests.cloud.MqttBench "$@"
