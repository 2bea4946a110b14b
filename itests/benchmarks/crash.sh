#!/usr/bin/env bash
# Crash-safety benchmark (issue 8): N updates of a signed two-bundle package over DEPLOY-V2, each interrupted
# by kill -9 at a random moment; after each restart the gateway must boot with one version set (old or new).
# See CrashSafetyTest's javadoc.
#   usage: itests/benchmarks/crash.sh [KILLS] [SEED]   (default 100; run from the repository root after ./gw build)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -o test-compile surefire:test -Dtest=CrashSafetyTest -Dcontinuum.crash.kills="${1:-100}" \
  ${2:+-Dcontinuum.crash.seed=$2} 2>&1 | grep -E "^crash safety|FAIL|Tests run|AssertionError" || true
