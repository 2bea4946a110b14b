#!/usr/bin/env bash
# OPC UA benchmarks (issue 3): the real OPC UA driver in this JVM against the simulation server in
# another JVM. See itests/benchmarks/opcua/OpcUaBenchmark.java for what each mode measures.
#   usage: itests/benchmarks/opcua.sh rate [SECONDS] [TAGS] [UPDATE_MS]   (default 30 s, 200 tags, 5 ms)
#          itests/benchmarks/opcua.sh many [TAGS]                          (default 10000)
#          itests/benchmarks/opcua.sh outage [SECONDS]                     (default 60)
# Run from the repository root after building (mvn install; the itests test classes hold MiloTestServer).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
REPO=${MAVEN_REPO:-$HOME/.m2/repository}
. itests/benchmarks/milo-classpath.sh
OSGI=$(ls "$REPO"/org/osgi/osgi.core/ | sort -V | tail -1)
CP="${TEST_CLASSES:-itests/target/test-classes}"
for a in dev.continuum.api dev.continuum.opcua; do CP="$CP:$REPO/dev/continuum/$a/$V/$a-$V.jar"; done
CP="$CP:$MILO_CP:$REPO/org/osgi/osgi.core/$OSGI/osgi.core-$OSGI.jar"
HC=$(ls "$REPO"/org/apache/felix/org.apache.felix.healthcheck.api/*/*.jar | sort -V | tail -1)
CP="$CP:$HC"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
javac -d "$OUT" -cp "$CP" itests/benchmarks/opcua/OpcUaBenchmark.java
# The driver's JVM uses the collector every hardware profile's jvm.options gives the gateway (serial).
java -Xmx256m -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} -Dcontinuum.features.dir=features/target/features -Dmaven.repo.local="$REPO" \
  -cp "$OUT:$CP" OpcUaBenchmark "$@"
