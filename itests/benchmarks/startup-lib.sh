# Sourced by startup.sh and startup-ab.sh: one measured start of the gateway.
# The caller sets PORT (the HTTP port the command line gives the gateway) and WORK (a scratch directory).

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
# thread_cpu_ms PID NAME: user + sys CPU (ms) of the process's threads named NAME (15 characters at most).
thread_cpu_ms() { # cat, not awk on the files: a thread that ends meanwhile leaves a name that no longer opens
  { cat /proc/"$1"/task/*/stat 2>/dev/null || true; } | awk -v name="$2" '{ line = $0; sub(/^[0-9]+ \(/, "", line);
    i = index(line, ") "); split(substr(line, i + 2), f, " ");
    if (substr(line, 1, i - 1) == name) sum += (f[12] + f[13]) * 10 } END { print sum + 0 }'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

# measure_start JAVA_COMMAND...: starts the gateway, prints "active_ms console_ms cpu_ms rss_mb cm_ms", stops it.
#   active_ms  the launcher's own measure: from the process's start to every bundle ACTIVE
#   console_ms from launching java until the console first answers 401 (polled every 20 ms, gently, so that
#              the poller does not steal the CPU the JVM is starting on)
#   cpu_ms     the process's CPU time (user + sys, /proc/PID/stat) at that first 401
#   rss_mb     VmRSS once the launcher has reported the start
#   cm_ms      the CPU time of ConfigAdmin's update thread at that first 401: Jetty 12 starts on it, and the
#              console's first answer waits for that start
measure_start() {
  local log="$WORK/run.log" t0 t_console=0 cpu=0 cm=0 pid code active rss
  t0=$(now_ms)
  "$@" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1500); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
      code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/system/console" || true)
      if [ "$code" = "401" ]; then
        cpu=$(awk '{print ($14 + $15) * 10}' "/proc/$pid/stat") # clock ticks of 10 ms
        t_console=$(now_ms)
        cm=$(thread_cpu_ms "$pid" "CM Configuratio")
        break
      fi
    fi
    sleep 0.02
  done
  for _ in $(seq 1 500); do grep -q "Continuum is running" "$log" && break; sleep 0.02; done
  active=$(sed -n 's/.*(\([0-9]*\) ms since the JVM started).*/\1/p' "$log" | head -1)
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" || true
  if grep -q -e ' ERROR ' -e 'bundles are not active' "$log"; then
    cp "$log" "$WORK/../startup-error.log"
    echo "errors in a start: see $(dirname "$WORK")/startup-error.log" >&2
  fi
  echo "${active:-0} $((t_console - t0)) $cpu $rss $cm"
}
