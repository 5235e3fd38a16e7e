#!/usr/bin/env bash
# The SDK end to end: install this build into a temporary prefix, build
# examples/out_of_tree_measure against the installed package (find_package(leidensim)), and run
# the measure with the installed program.
#
# usage: out_of_tree_test.sh BINARY_DIR SOURCE_DIR [CMAKE] [CXX_COMPILER]
set -euo pipefail

bin=${1:?usage: out_of_tree_test.sh BINARY_DIR SOURCE_DIR [CMAKE] [CXX_COMPILER]}
src=${2:?usage: out_of_tree_test.sh BINARY_DIR SOURCE_DIR [CMAKE] [CXX_COMPILER]}
cmake=${3:-cmake}
cxx=${4:-}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
step() { echo "-- $*"; }

# The test installs the build as it is, so everything must have been built first.
[[ -f $bin/cmake_install.cmake ]] || fail "$bin is not a configured leidensim build directory"
[[ -x $bin/cli/leidensim ]] ||
  fail "$bin/cli/leidensim is missing: build everything first (cmake --build $bin), then run ctest"
ls "$bin"/core/libleidensim.so* >/dev/null 2>&1 ||
  fail "$bin/core/libleidensim.so is missing: build everything first (cmake --build $bin)"

# Nothing from the caller's environment may point the program elsewhere.
unset LEIDENSIM_PLUGIN_PATH LEIDENSIM_DATA

tmp=$(mktemp -d "${TMPDIR:-/tmp}/leidensim_sdk.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

run_logged() {  # run a command quietly; show its output if it fails
  local log=$tmp/log.txt
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    fail "command failed: $*"
  fi
}

step "install $bin into $prefix"
run_logged "$cmake" --install "$bin" --prefix "$prefix"
program=$prefix/bin/leidensim
data=$prefix/share/leidensim/data/leiden
[[ -x $program ]] || fail "the program was not installed to bin/"
[[ -f $data/parameters.csv ]] || fail "the data pack was not installed to share/leidensim/data"
[[ -f $prefix/lib/cmake/leidensim/leidensimConfig.cmake ]] ||
  fail "the package config was not installed to lib/cmake/leidensim"
[[ -f $prefix/lib/cmake/leidensim/LeidensimMeasure.cmake ]] ||
  fail "LeidensimMeasure.cmake was not installed next to the package config"
[[ -f $prefix/include/leidensim/plugin_abi.hpp ]] || fail "the SDK headers were not installed"
for shipped in "$bin"/plugins/libleidensim_*.so; do
  [[ -e $shipped ]] || continue
  [[ -f $prefix/lib/leidensim/plugins/$(basename "$shipped") ]] ||
    fail "shipped measure $(basename "$shipped") was not installed to lib/leidensim/plugins"
done

step "the installed program finds the installed engine library (RUNPATH \$ORIGIN/../lib)"
engine=$(ldd "$program" | awk '/libleidensim\.so/ {print $3}')
[[ -n $engine ]] || fail "ldd finds no libleidensim for $program: $(ldd "$program")"
[[ $(realpath "$engine") == "$(realpath "$prefix")"/* ]] ||
  fail "the installed program loads $engine, not the one in $prefix/lib"
"$program" --help >/dev/null 2>&1 || fail "the installed program does not run"

step "configure and build examples/out_of_tree_measure against the installed package"
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
compiler=()
[[ -n $cxx ]] && compiler=(-DCMAKE_CXX_COMPILER="$cxx")
run_logged "$cmake" -S "$src/examples/out_of_tree_measure" -B "$tmp/build" "${generator[@]}" \
  "${compiler[@]}" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON
found=$(sed -n 's/^leidensim_DIR:PATH=//p' "$tmp/build/CMakeCache.txt")
[[ $(realpath "$found") == "$(realpath "$prefix/lib/cmake/leidensim")" ]] ||
  fail "find_package(leidensim) found $found, not the installed package in $prefix"
run_logged "$cmake" --build "$tmp/build"
plugin=$tmp/build/libleidensim_example_tutoring.so
[[ -f $plugin ]] || fail "the example did not produce $plugin"

step "leidensim plugins lists the example"
listing=$("$program" plugins --plugin "$plugin") || fail "leidensim plugins --plugin $plugin failed"
grep -q "example_tutoring" <<<"$listing" || fail "leidensim plugins does not list example_tutoring:
$listing"
listing=$(LEIDENSIM_PLUGIN_PATH=$tmp/build "$program" plugins example_tutoring) ||
  fail "leidensim plugins example_tutoring with LEIDENSIM_PLUGIN_PATH failed"
grep -q "example_tutoring" <<<"$listing" ||
  fail "example_tutoring not found by name through LEIDENSIM_PLUGIN_PATH"

step "run a scenario with the example measure using the installed program"
cat >"$tmp/sdk_example.json" <<JSON
{
  "name": "sdk_example",
  "data": "$data",
  "scale": 0.02,
  "years": 2,
  "replications": 1,
  "measures": [{"name": "example_tutoring", "params": {}}]
}
JSON
status=0
"$program" run "$tmp/sdk_example.json" --plugin "$plugin" --output "$tmp/out" --quiet \
  >"$tmp/run.log" 2>&1 || status=$?
if [[ $status -ne 0 ]]; then
  cat "$tmp/run.log" >&2
  fail "leidensim run exited with $status"
fi
budget=$tmp/out/budget_yearly.csv
[[ -f $budget ]] || fail "no budget_yearly.csv in $tmp/out"
# scenario,replication,year,programme,category,euros: one measure_cost row per year for
# programme 7, each with a positive amount.
rows=$(awk -F, '$4 == "7" && $5 == "measure_cost"' "$budget")
[[ $(wc -l <<<"$rows") -eq 2 && -n $rows ]] ||
  fail "expected 2 yearly measure_cost rows for programme 7 in budget_yearly.csv, got:
$rows"
awk -F, '$6 + 0 <= 0 {bad = 1} END {exit bad}' <<<"$rows" ||
  fail "the example measure posted no cost under programme 7:
$rows"
others=$(awk -F, '$4 != "7" && $5 == "measure_cost" && $6 + 0 != 0' "$budget")
[[ -z $others ]] || fail "measure costs posted under another programme:
$others"

echo "OK: the installed SDK builds and runs an out-of-tree measure"
