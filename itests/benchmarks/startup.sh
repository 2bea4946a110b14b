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
[ -d "$LIB" ] || { echo "build first: ./gw build" >&2; exit 2; }
mapfile -t OPTS < <(grep -v '^[[:space:]]*\(#\|$\)' hardware/simulator/jvm.options)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

now_ms() { date +%s%3N; }

one_run() { # $1 = data dir; prints "active_ms console_ms rss_mb"
  local data=$1 log="$WORK/run.log" t0 t_active="" t_console="" pid rss
  t0=$(now_ms)
  java "${OPTS[@]}" -cp "$LIB/*" -Dcontinuum.log.level=WARN dev.continuum.launcher.Main \
    --features-dir features/target/features --features core,console --data "$data" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    if [ -z "$t_active" ] && grep -q "Continuum is running" "$log"; then t_active=$(now_ms); fi
    if [ -z "$t_console" ]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:8080/system/console" || true)
      [ "$code" = "401" ] && t_console=$(now_ms)
    fi
    [ -n "$t_active" ] && [ -n "$t_console" ] && break
    sleep 0.01
  done
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" || true
  echo "$((t_active - t0)) $((t_console - t0)) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

if curl -s -o /dev/null "http://127.0.0.1:8080/"; then
  echo "port 8080 is in use: stop the running gateway first" >&2; exit 2
fi
for mode in first restart; do
  : >"$WORK/$mode"
  for i in $(seq 1 "$RUNS"); do
    data="$WORK/data-$mode"
    [ "$mode" = first ] && rm -rf "$data"
    one_run "$data" >>"$WORK/$mode"
  done
  echo "$mode start ($RUNS runs): all ACTIVE median $(cut -d' ' -f1 "$WORK/$mode" | median) ms," \
       "console 401 median $(cut -d' ' -f2 "$WORK/$mode" | median) ms," \
       "RSS median $(cut -d' ' -f3 "$WORK/$mode" | median) MB   raw: $(tr '\n' ';' <"$WORK/$mode")"
done
echo "JVM options: ${OPTS[*]}"
