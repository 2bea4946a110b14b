#!/usr/bin/env bash
# A/B start-up comparison of the base runtime (features core + console), restart case: variants started
# alternately (A B A B ...) in one session so that the shared machine's load hits both alike. Per run: time
# from launching java to the launcher's "all ACTIVE" line and to the console's first 401, the process's
# CPU time (user + sys from /proc/PID/stat) at that first 401 - much less noisy than wall time on a busy
# machine - RSS, and the CPU time of ConfigAdmin's update thread at that 401 (Jetty starts on it). Prints
# medians per variant and the load average before and after.
#   usage: itests/benchmarks/startup-ab.sh RUNS VARIANT_DIR...
# A variant directory holds what one start-up needs, as `snapshot` below makes it:
#   lib/ (the launcher's class path), features/ (built descriptors), repo/ (a Maven-layout repository
#   searched before MAVEN_REPO), jvm.options (one option per line; the literal @DIR@ becomes the variant
#   directory, e.g. -XX:SharedArchiveFile=@DIR@/cds.jsa), and optionally args (extra launcher arguments).
#   itests/benchmarks/startup-ab.sh snapshot DIR    copies the current build into DIR and trains its archive
#   itests/benchmarks/startup-ab.sh train DIR       retrains DIR's archive (after editing a copy of a variant:
#                                                   an archive maps only for the class path it was made on)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REPO=${MAVEN_REPO:-$HOME/.m2/repository}

# train DIR: (re)makes DIR/cds.jsa on DIR's own class path, features and repository.
train() {
  (cd "$ROOT" && MAVEN_OPTS="-Dmaven.repo.local=$REPO" ./gw cds "$1/cds.jsa" "$1/lib" "$1/features" "$1/repo")
}

if [ "${1:-}" = train ]; then
  train "$2"
  exit 0
fi

if [ "${1:-}" = snapshot ]; then
  dir=$2
  rm -rf "$dir" && mkdir -p "$dir/repo"
  cp -r "$ROOT/bundles/dev.continuum.launcher/target/lib" "$dir/lib"
  cp -r "$ROOT/features/target/features" "$dir/features"
  # Our own bundles as built now (third-party ones come from MAVEN_REPO).
  for jar in "$ROOT"/bundles/*/target/dev.continuum.*-SNAPSHOT.jar; do
    name=$(basename "$jar" -0.1.0-SNAPSHOT.jar)
    mkdir -p "$dir/repo/dev/continuum/$name/0.1.0-SNAPSHOT" && cp "$jar" "$dir/repo/dev/continuum/$name/0.1.0-SNAPSHOT/"
  done
  (cd "$ROOT" && ./gw jvm-options simulator) | grep -v -e SharedArchiveFile -e '-Xlog:cds' >"$dir/jvm.options"
  if [ "${CDS:-on}" != off ]; then
    # An archive trained on the variant's own class path (one made for another class path is silently unused).
    train "$dir"
    printf '%s\n' "-XX:SharedArchiveFile=@DIR@/cds.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off >>"$dir/jvm.options"
  fi
  echo "snapshot in $dir: $(tr '\n' ' ' <"$dir/jvm.options")"
  exit 0
fi

RUNS=${1:?usage: startup-ab.sh RUNS VARIANT_DIR... | startup-ab.sh snapshot DIR}
shift
VARIANTS=("$@")
. "$ROOT/itests/benchmarks/startup-lib.sh"
PORT=$(free_port)
SECURE_PORT=$(free_port)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

one_run() { # $1 = variant dir, $2 = data dir
  local dir=$1 opts=() args=()
  mapfile -t opts < <(sed "s|@DIR@|$dir|g" "$dir/jvm.options")
  [ -f "$dir/args" ] && mapfile -t args <"$dir/args"
  measure_start java "${opts[@]}" -cp "$dir/lib/*" dev.continuum.launcher.Main --features-dir "$dir/features" \
    --features core,console --data "$2" --repository "$dir/repo" --repository "$REPO" \
    --property "org.osgi.service.http.port=$PORT" --property "org.osgi.service.http.port.secure=$SECURE_PORT" \
    "${args[@]}"
}

# A variant whose archive was made on another class path (a copied directory) starts without it, silently
# (-Xlog:cds=off): each variant's archive must map, or its numbers compare a start without class-data sharing.
for v in "${VARIANTS[@]}"; do
  if grep -q SharedArchiveFile "$v/jvm.options"; then
    mapfile -t check < <(sed "s|@DIR@|$v|g" "$v/jvm.options" | grep -v -e '-Xlog:cds')
    # -Xshare:on stops the JVM before main when the archive cannot be used; main then rejects the option.
    out=$(java "${check[@]}" -Xshare:on -Xlog:cds=off -cp "$v/lib/*" dev.continuum.launcher.Main --no-such-option 2>&1 || true)
    grep -q "unknown option" <<<"$out" || { echo "the class-data archive of $v does not map on its class path: run $0 train $v" >&2; exit 2; }
  fi
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for v in "${VARIANTS[@]}"; do # one warm-up start each: fills the bundle cache (restart case from here on)
  one_run "$v" "$WORK/data-$(basename "$v")" >/dev/null
  : >"$WORK/$(basename "$v").runs"
done
for i in $(seq 1 "$RUNS"); do
  for v in "${VARIANTS[@]}"; do
    one_run "$v" "$WORK/data-$(basename "$v")" >>"$WORK/$(basename "$v").runs"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %10s %10s %10s %8s %10s   %s\n' variant "ACTIVE ms" "401 ms" "CPU ms" "RSS MB" "CM CPU ms" \
  "raw (active console cpu rss cm)"
for v in "${VARIANTS[@]}"; do
  f="$WORK/$(basename "$v").runs"
  printf '%-28s %10s %10s %10s %8s %10s   %s\n' "$(basename "$v")" "$(cut -d' ' -f1 "$f" | median)" \
    "$(cut -d' ' -f2 "$f" | median)" "$(cut -d' ' -f3 "$f" | median)" "$(cut -d' ' -f4 "$f" | median)" \
    "$(cut -d' ' -f5 "$f" | median)" "$(tr '\n' ';' <"$f")"
done
