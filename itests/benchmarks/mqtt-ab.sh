#!/usr/bin/env bash
# Alternating A/B of the cloud MQTT benchmark (issue 7): the same MqttBench, run in turn with different builds of
# the outbox and cloud.mqtt bundles, so that every build sees the same machine load (on a shared machine the
# load moves more between minutes than the code changes the numbers).
#   usage: itests/benchmarks/mqtt-ab.sh REPS ROUNDS MESSAGES LABEL=DIR [LABEL=DIR ...]
#          DIR holds dev.continuum.outbox-*.jar and dev.continuum.cloud.mqtt-*.jar of one build (e.g. copied from
#          bundles/*/target after `mvn install -pl bundles/dev.continuum.outbox,bundles/dev.continuum.cloud.mqtt`
#          at each commit); every run is `MqttBench MESSAGES 1000 3.1.1` with -Dbench.rounds=ROUNDS.
#   Start it with `setsid` (its own session, so its own autogroup): the script sets that autogroup to nice -15
#   where the kernel allows it (root) and runs each JVM at nice -15, so that the benchmark is not one of 30 equal
#   claimants of a loaded machine; the load average is printed before each run.
#   run from the repository root after ./gw build; needs mosquitto (apt-get install -y mosquitto)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ $# -ge 4 ] || { sed -n 5,12p "$0"; exit 2; }
reps=$1 rounds=$2 messages=$3
shift 3
mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/mqtt-bench.classpath \
  -Dmdep.includeScope=test >/dev/null
base=$(tr ':' '\n' < target/mqtt-bench.classpath | grep -v -E '/dev\.continuum\.(outbox|cloud\.mqtt)-' | paste -sd:)
echo -15 > /proc/self/autogroup 2>/dev/null || true
for rep in $(seq 1 "$reps"); do
  for pair in "$@"; do
    label=${pair%%=*} dir=${pair#*=}
    jars=$(ls "$dir"/dev.continuum.outbox-*.jar "$dir"/dev.continuum.cloud.mqtt-*.jar | paste -sd:)
    echo "== $label rep $rep load $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%T)"
    nice -n -15 java -Xmx1g -Dbench.rounds="$rounds" -cp "target/test-classes:$jars:$base" \
      dev.continuum.itests.cloud.MqttBench "$messages" 1000 3.1.1 2>&1 | grep -v -E ' (WARN|INFO) '
  done
done
echo "== end load $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%T)"
