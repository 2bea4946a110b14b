#!/usr/bin/env bash
# CPU profile of one restart of a startup-ab.sh variant, from the JVM's start until the console's first 401:
# async-profiler (event cpu, 1 ms, one stack root per thread) loaded as an agent at start and stopped through
# jcmd the moment the console answers, so that the stacks cover exactly the start. The first call fills the
# variant's data directory (restart case from then on). Output: collapsed stacks, one line per stack,
# "[thread tid=N];frame;...;frame COUNT" (flame graphs, or grep and sum per frame).
#   usage: ASYNC_PROFILER=/path/to/libasyncProfiler.so MAVEN_REPO=... \
#          itests/benchmarks/startup-profile.sh VARIANT_DIR OUT.collapsed [JVM_OPTION...]
#   EVENT=wall|alloc|itimer replaces the CPU event. Run it under the bench lock (docs/benchmarks.md).
set -euo pipefail
DIR=${1:?usage: startup-profile.sh VARIANT_DIR OUT.collapsed [JVM_OPTION...]}
OUT=$(realpath -m "${2:?usage: startup-profile.sh VARIANT_DIR OUT.collapsed [JVM_OPTION...]}")
shift 2
LIB=${ASYNC_PROFILER:?set ASYNC_PROFILER to libasyncProfiler.so (https://github.com/async-profiler/async-profiler)}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REPO=${MAVEN_REPO:-$HOME/.m2/repository}
. "$ROOT/itests/benchmarks/startup-lib.sh"
PORT=$(free_port)
DATA="${TMPDIR:-/tmp}/startup-profile-$(basename "$DIR")"
LOG="$DATA.log"
mapfile -t opts < <(sed "s|@DIR@|$DIR|g" "$DIR/jvm.options")
gateway=(-cp "$DIR/lib/*" dev.continuum.launcher.Main --features-dir "$DIR/features" --features core,console
  --data "$DATA" --repository "$DIR/repo" --repository "$REPO" --property "org.osgi.service.http.port=$PORT"
  --property "org.osgi.service.http.port.secure=0")

# until_401 PID: waits (20 ms polls) until the console answers 401; fails after 30 s.
until_401() {
  for _ in $(seq 1 1500); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/system/console" || true)" = 401 ] && return 0
    kill -0 "$1" 2>/dev/null || { echo "the gateway ended; see $LOG" >&2; return 1; }
    sleep 0.02
  done
  echo "no 401 within 30 s; see $LOG" >&2
  return 1
}

if [ ! -d "$DATA" ]; then # first start: bundle cache, configuration and key store
  java "${opts[@]}" "${gateway[@]}" >"$LOG" 2>&1 &
  pid=$!
  until_401 "$pid"
  kill -TERM "$pid"; wait "$pid" || true
fi
t0=$(now_ms)
java "${opts[@]}" "-agentpath:$LIB=start,event=${EVENT:-cpu},interval=1ms,threads" "$@" "${gateway[@]}" >"$LOG" 2>&1 &
pid=$!
until_401 "$pid"
t1=$(now_ms)
cpu=$(awk '{print ($14 + $15) * 10}' "/proc/$pid/stat")
# jcmd splits its arguments at '=': the agent's options go in quotes.
jcmd "$pid" JVMTI.agent_load "$LIB" "\"stop,file=$OUT\"" >/dev/null
echo "401 at $((t1 - t0)) ms, CPU $cpu ms (the profiler adds some); $(grep -o 'started in.*JVM started)' "$LOG" || true)"
kill -TERM "$pid"; wait "$pid" || true
echo "profile in $OUT"
