#!/usr/bin/env bash
# Cold-start benchmark of the base runtime (features core + console), issue 2.
# For each run: a fresh JVM with the launcher's default JVM options; the time from launching the JVM until
# every bundle is ACTIVE (the launcher's "started" line) and until the console answers HTTP (401);
# then RSS from /proc. Runs N times with a fresh data directory ("first start": bundles installed into
# an empty cache) and N times reusing it ("restart"), and prints the medians.
#   usage: itests/benchmarks/startup.sh [RUNS]   (default 5; run from the repository root after ./gw build)
set -euo pipefail
RUNS=${1:-5}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
LIB="bundles/dev.continuum.launcher/target/lib"
REPO=${MAVEN_REPO:-$HOME/.m2/repository} # where the bundles are resolved from, as ./gw run
[ -d "$LIB" ] || { echo "build first: ./gw build" >&2; exit 2; }
# The simulator's jvm.options plus the class-data archive that ./gw build makes, as ./gw run uses them.
# CDS=off leaves the archive out (the comparison in docs/benchmarks.md).
mapfile -t OPTS < <(./gw jvm-options simulator | { if [ "${CDS:-on}" = off ]; then grep -v -e SharedArchiveFile -e '-Xlog:cds'; else cat; fi; })
# glibc's malloc arenas as ./gw run sets them (a value in the environment wins).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
. "$ROOT/itests/benchmarks/startup-lib.sh"
PORT=$(free_port)
SECURE_PORT=$(free_port)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

one_run() { # $1 = data dir
  measure_start java "${OPTS[@]}" -cp "$LIB/*" dev.continuum.launcher.Main --features-dir features/target/features \
    --features core,console --data "$1" --repository "$REPO" --property "org.osgi.service.http.port=$PORT" \
    --property "org.osgi.service.http.port.secure=$SECURE_PORT"
}

for mode in first restart; do
  : >"$WORK/$mode"
  for i in $(seq 1 "$RUNS"); do
    data="$WORK/data-$mode"
    [ "$mode" = first ] && rm -rf "$data"
    one_run "$data" >>"$WORK/$mode"
  done
  echo "$mode start ($RUNS runs): all ACTIVE median $(cut -d' ' -f1 "$WORK/$mode" | median) ms," \
       "console 401 median $(cut -d' ' -f2 "$WORK/$mode" | median) ms," \
       "CPU at 401 median $(cut -d' ' -f3 "$WORK/$mode" | median) ms," \
       "RSS median $(cut -d' ' -f4 "$WORK/$mode" | median) MB   raw: $(tr '\n' ';' <"$WORK/$mode")"
done
echo "JVM options: ${OPTS[*]}"
