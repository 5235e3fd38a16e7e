#!/usr/bin/env bash
# Installs the Debian packages leidensim needs, if any is missing. Used by run.sh and test.sh.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config python3
  libboost-program-options-dev libhdf5-dev libtbb-dev nlohmann-json3-dev librandom123-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libxlsxwriter-dev unzip
  chromium
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
