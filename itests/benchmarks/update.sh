#!/usr/bin/env bash
# Updates benchmark (issue 8) in the real runtime (Felix, Deployment Admin, features core + pipeline + update):
# install / update / failed update rolled back / uninstall cycles of the signed example-pipeline package, a
# 1 ms pipeline flowing beside them. See UpdateBench's javadoc for what each number covers.
#   usage: itests/benchmarks/update.sh [CYCLES]   (default 20; run from the repository root after mvn install)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Felix only (the failsafe execution "felix"), not the Equinox one.
mvn -q -o test-compile failsafe:integration-test@felix -Dit.test=UpdateBench -Dcontinuum.bench.cycles="${1:-20}" \
  2>&1 | sed -n '/^Updates benchmark/,/^live threads/p'
