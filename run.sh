#!/usr/bin/env bash
# Installs what is missing, builds leidensim (release) and runs the baseline scenario.
# Extra arguments go to `leidensim run`, e.g. ./run.sh --replications 10
set -euo pipefail
cd "$(dirname "$0")"
./cmake/scripts/install_dependencies.sh
cmake --preset release >/dev/null
cmake --build --preset release
./build/release/cli/leidensim run scenarios/baseline.json "$@"
