#!/usr/bin/env bash
# The standard line benchmark and fault suite (issue 10): the gateway as a process on the simulator's tags
# (OPC UA -> sliding windows -> default anomaly model -> QoS 1 through the outbox -> Mosquitto), a raw
# Milo -> ONNX Runtime -> Paho baseline in the same run, a ramp, and fault scenarios, all checked by one
# subscriber process. See docs/benchmarks.md ("Standard line") and itests/benchmarks/line/LineBench.java.
#   usage: itests/benchmarks/line.sh [--quick] [--mode line,ramp,faults] [--tags N] [--update-ms MS]
#                                    [--seconds S] [--faults a,b] [--out FILE]
#   run from the repository root after ./gw build; needs mosquitto. Exit 1 when confirmed data was lost.
#   MAVEN_REPO (default ~/.m2/repository) is where the gateway's bundles are resolved from.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
REPO=${MAVEN_REPO:-$HOME/.m2/repository}
V=0.1.0-SNAPSHOT
NETTY=$(grep -o '<netty.version>[^<]*' target-platform/bom/pom.xml | cut -d'>' -f2)
BC=$(grep -o '<bouncycastle.version>[^<]*' target-platform/bom/pom.xml | cut -d'>' -f2)
(cd itests && mvn -q -o -Dmaven.repo.local="$REPO" test-compile >/dev/null)
# A small class path on purpose: the whole itests test class path (Pax Exam and friends) made ONNX Runtime's
# environment crash the JVM (SIGSEGV) on this machine, the same jars alone do not.
SLF4J=$(ls "$REPO"/org/slf4j/slf4j-api/ | sort -V | tail -1)
PAHO=$(ls "$REPO"/org/eclipse/paho/org.eclipse.paho.client.mqttv3/ | sort -V | tail -1)
CP="itests/target/test-classes"
for a in dev.continuum.cloud.mqtt dev.continuum.wrap.onnxruntime dev.continuum.wrap.milo; do
  CP="$CP:$REPO/dev/continuum/$a/$V/$a-$V.jar"; done
CP="$CP:$REPO/org/eclipse/paho/org.eclipse.paho.client.mqttv3/$PAHO/org.eclipse.paho.client.mqttv3-$PAHO.jar"
CP="$CP:$REPO/org/slf4j/slf4j-api/$SLF4J/slf4j-api-$SLF4J.jar"
for m in common buffer resolver transport transport-native-unix-common codec handler; do
  CP="$CP:$REPO/io/netty/netty-$m/$NETTY/netty-$m-$NETTY.jar"; done
for b in bcprov bcutil bcpkix; do CP="$CP:$REPO/org/bouncycastle/$b-jdk18on/$BC/$b-jdk18on-$BC.jar"; done
OUT=itests/target/line-bench-classes
rm -rf "$OUT" && mkdir -p "$OUT"
javac -nowarn -d "$OUT" -cp "$CP" itests/benchmarks/line/*.java
exec java -Xmx256m -cp "$OUT:$CP" -Dcontinuum.repo.root="$ROOT" -Dmaven.repo.local="$REPO" \
  -Dcontinuum.features.dir="$ROOT/features/target/features" dev.continuum.itests.line.LineBench "$@"
