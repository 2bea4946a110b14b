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
# The simulator's jvm.options plus the class-data archive that ./gw build makes, as ./gw run uses them.
# CDS=off leaves the archive out (the comparison in docs/benchmarks.md).
mapfile -t OPTS < <(./gw jvm-options simulator | { if [ "${CDS:-on}" = off ]; then grep -v -e SharedArchiveFile -e '-Xlog:cds'; else cat; fi; })
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
SECURE_PORT=$(free_port)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

now_ms() { date +%s%3N; }

one_run() { # $1 = data dir; prints "active_ms console_ms rss_mb"
  local data=$1 log="$WORK/run.log" t0 t_console="" active pid rss
  t0=$(now_ms)
  java "${OPTS[@]}" -cp "$LIB/*" dev.continuum.launcher.Main --features-dir features/target/features \
    --features core,console --data "$data" --property "org.osgi.service.http.port=$PORT" \
    --property "org.osgi.service.http.port.secure=$SECURE_PORT" >"$log" 2>&1 &
  pid=$!
  # Poll gently (every 20 ms) so that the poller does not steal the CPU the JVM is starting on.
  for _ in $(seq 1 1500); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
      code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/system/console" || true)
      if [ "$code" = "401" ]; then t_console=$(now_ms); break; fi
    fi
    sleep 0.02
  done
  for _ in $(seq 1 500); do grep -q "Continuum is running" "$log" && break; sleep 0.02; done
  # "all ACTIVE": the launcher's own measure, from the JVM's start to every bundle ACTIVE.
  active=$(sed -n 's/.*(\([0-9]*\) ms since the JVM started).*/\1/p' "$log" | head -1)
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" || true
  echo "${active:-0} $((t_console - t0)) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

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
