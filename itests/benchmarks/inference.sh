#!/usr/bin/env bash
# Inference benchmark (issue 5), in the real runtime (Felix, features core + inference, real ONNX Runtime),
# harness itests/src/test/java/dev/continuum/itests/inference/InferenceBench.java:
# - single-window latency of InferenceService.infer vs a bare ORT session.run of the same model, same run;
# - batched throughput (64 windows per run, 2 threads) of inferBatch vs bare ORT, alternating rounds;
# - a stage fed 320k samples (10k windows of 16 steps x 2 channels) from one thread, max batch 64;
# - 100 validated installs + hot swaps under a paced 10k windows/s single-window load: longest call and
#   worst delay per install, windows sent vs scored, RSS before/after.
# Prints the table rows for docs/benchmarks.md with the machine's load average.
# The JVM runs with a fixed, pre-touched heap and Native Memory Tracking (BENCH_JVM, default -Xms1g -Xmx1g
# -XX:+AlwaysPreTouch -XX:NativeMemoryTracking=summary), so that RSS changes are native memory, not heap
# resizing, and the JVM's own native memory can be told from ONNX Runtime's.
# SWAPS_ONLY=true runs only the swap workload; MAVEN_ARGS adds Maven options (e.g. -Dmaven.repo.local=...).
#   usage: itests/benchmarks/inference.sh   (from the repository root, after `mvn install` of the modules)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# The Equinox execution skips the harness (Felix only); other modules' itests are not run (-Dit.test).
BENCH_JVM="${BENCH_JVM:--Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:NativeMemoryTracking=summary}"
mvn -q -o verify -pl itests -Dit.test=InferenceBench -Dfailsafe.failIfNoSpecifiedTests=false \
  "-DargLine=$BENCH_JVM" "-Dbench.swapsOnly=${SWAPS_ONLY:-false}" ${MAVEN_ARGS:-} \
  -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false >"$WORK/run.log" 2>&1 || true
grep '^| ' "$WORK/run.log" >"$WORK/rows.md" || { tail -40 "$WORK/run.log" >&2; echo "benchmark produced no results" >&2; exit 1; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
cat "$WORK/rows.md"
echo "JVM native memory (NMT) that changed over the measured swaps:"
grep '^NMT ' "$WORK/run.log" || echo "NMT: none (BENCH_JVM without -XX:NativeMemoryTracking)"
