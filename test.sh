#!/usr/bin/env bash
# Installs what is missing, builds leidensim with its tests (release) and runs every test
# through ctest.
set -euo pipefail
cd "$(dirname "$0")"
./cmake/scripts/install_dependencies.sh
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release -j "$(nproc)"
