#!/usr/bin/env bash
# The standard line benchmark and fault suite (issue 10): the gateway as a process on the simulator's tags
# (OPC UA -> sliding windows -> default anomaly model -> QoS 1 through the outbox -> Mosquitto), a raw
# Milo -> ONNX Runtime -> Paho baseline in the same run, a ramp, and fault scenarios, all checked by one
# subscriber process. See docs/benchmarks.md ("Standard line") and itests/benchmarks/line/LineBench.java.
#   usage: itests/benchmarks/line.sh [--quick] [--mode line,ramp,faults] [--tags N] [--update-ms MS]
#                                    [--seconds S] [--faults a,b] [--out FILE] [--training] [--mqtt 3.1.1|5]
#                                    [--warmup S] [--no-raw]
#   --training: in the line mode the gateway also trains federatedly throughout (issue 12; Training.java).
#   --mqtt: the gateway endpoint's MQTT version; default 3.1.1, the version the raw baseline's Paho client
#   speaks, so that the ratios compare like with like (the gateway's own default is 5).
#   --warmup: seconds between the first result and the measured phase (default: a fifth of --seconds, >= 2);
#   a longer one measures the steady state after the start's backlog has drained.
#   --no-raw: the line and ramp modes run the gateway only, without the raw baseline (as --quick does); for probes.
#   run from the repository root after ./gw build; needs mosquitto. Exit 1 when confirmed data was lost.
#   MAVEN_REPO (default ~/.m2/repository) is where the gateway's bundles are resolved from.
#   Probe knobs (environment): LINE_GATEWAY_JVM (extra gateway JVM options, e.g. a GC log), LINE_DURABILITY and
#   LINE_SYNC_MS (the endpoint's outbox), LINE_LATENCY_TRACE=DIR (the checker writes each phase's receipt time and
#   latency per message to DIR/PHASE.tsv), LINE_BROKER_EXTRA="line;line" (extra mosquitto.conf lines),
#   LINE_KEEP_WORK=1 (keep the run's /tmp/line-bench-* directory, which is removed after a run that lost nothing).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
REPO=${MAVEN_REPO:-$HOME/.m2/repository}
. itests/benchmarks/milo-classpath.sh
# The harness uses the itests' support classes (MiloTestServer, MosquittoBroker, GatewayProcess).
if [ ! -d itests/target/test-classes/dev/continuum/itests/support ] || [ -n "$(find itests/src/test -newer \
     itests/target/test-classes/dev/continuum/itests/support/GatewayProcess.class -name '*.java' -print -quit)" ]; then
  (cd itests && mvn -q -o -Dmaven.repo.local="$REPO" test-compile >/dev/null)
fi
# A small class path on purpose: the whole itests test class path (Pax Exam and friends) made ONNX Runtime's
# environment crash the JVM (SIGSEGV) on this machine, the same jars alone do not.
PAHO=$(ls "$REPO"/org/eclipse/paho/org.eclipse.paho.client.mqttv3/ | sort -V | tail -1)
CP="itests/target/test-classes:$MILO_CP"
for a in dev.continuum.cloud.mqtt dev.continuum.wrap.onnxruntime; do CP="$CP:$REPO/dev/continuum/$a/$V/$a-$V.jar"; done
CP="$CP:$REPO/org/eclipse/paho/org.eclipse.paho.client.mqttv3/$PAHO/org.eclipse.paho.client.mqttv3-$PAHO.jar"
OUT=itests/target/line-bench-classes
if [ ! -f "$OUT/.built" ] || [ -n "$(find itests/benchmarks/line -newer "$OUT/.built" -name '*.java' -print -quit)" ]; then
  rm -rf "$OUT" && mkdir -p "$OUT"
  javac -nowarn -d "$OUT" -cp "$CP" itests/benchmarks/line/*.java
  touch "$OUT/.built"
fi
exec java -Xmx256m -cp "$OUT:$CP" -Dcontinuum.repo.root="$ROOT" -Dmaven.repo.local="$REPO" \
  -Dcontinuum.features.dir="$ROOT/features/target/features" dev.continuum.itests.line.LineBench "$@"
