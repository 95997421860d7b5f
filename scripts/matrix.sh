#!/usr/bin/env bash
# The compiler and libclang matrix (called by scripts/test.sh; runs alone too).
#
#   bash scripts/matrix.sh [leg...]        legs: gcc-11 clang-13 clang-15 clang-16 (default: all)
#
# Each leg builds everything (runtime, ffi-import, tests) with one compiler,
# the importer against one libclang, warnings as errors, RelWithDebInfo, and
# runs the whole ctest suite in build/matrix/<leg>:
#
#   leg        compiler   libclang
#   gcc-11     gcc-11     14
#   clang-13   clang-13   13
#   clang-15   clang-15   15
#   clang-16   clang-16   16
#
# With scripts/test.sh's own suites (gcc 12 and clang 14, both on the default
# libclang, the newest supported one: 16) that is gcc 11 and 12, clang 13 to
# 16, and libclang 13 to 16. Then scripts/compare-imports.sh imports the same
# fixtures and real headers with every leg's ffi-import and requires the
# outputs to be byte-identical apart from the line naming the clang version.
# Times per leg go to build/matrix/times.txt and are printed at the end.
# It stops at the first failure. Packages: scripts/deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=${JOBS:-2}
all_legs=(gcc-11 clang-13 clang-15 clang-16)
legs=("$@")
[ "${#legs[@]}" -gt 0 ] || legs=("${all_legs[@]}")

leg_config() { # <leg> -> "compiler llvm-version"
  case $1 in
  gcc-11) echo "gcc-11 14" ;;
  clang-13) echo "clang-13 13" ;;
  clang-15) echo "clang-15 15" ;;
  clang-16) echo "clang-16 16" ;;
  *)
    printf 'matrix.sh: unknown leg %s (legs: %s)\n' "$1" "${all_legs[*]}" >&2
    exit 2
    ;;
  esac
}
for leg in "${legs[@]}"; do leg_config "$leg" >/dev/null; done

out=build/matrix
mkdir -p "$out"
times=$out/times.txt
: >"$times"
imports=()
t_all=$SECONDS

for leg in "${legs[@]}"; do
  read -r cc llvm < <(leg_config "$leg")
  dir=$out/$leg
  printf '\n==> matrix %s (%s, libclang %s): configure\n' "$leg" "$cc" "$llvm"
  t0=$SECONDS
  cmake -S . -B "$dir" -DCMAKE_C_COMPILER="$cc" -DFFI_LLVM_VERSION="$llvm" -DFFI_WERROR=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFFI_SANITIZE=OFF
  printf '\n==> matrix %s: build\n' "$leg"
  cmake --build "$dir" -j "$jobs"
  t_build=$((SECONDS - t0))
  printf '\n==> matrix %s: test\n' "$leg"
  t1=$SECONDS
  (cd "$dir" && ctest --output-on-failure --no-tests=error -j "$jobs") | tee "$dir/ctest.log"
  t_test=$((SECONDS - t1))
  summary=$(grep -E 'tests passed' "$dir/ctest.log" | tail -1)
  version=$("$dir/cli/ffi-import" --version | sed -n 's/^libclang: //p')
  printf '%-9s %-9s cc: %-44s libclang: %-30s build %4ss  test %4ss  %s\n' "$leg" "$cc" \
    "$("$cc" --version | head -1)" "$version" "$t_build" "$t_test" "$summary" >>"$times"
  imports+=("$dir")
done

if [ "${#imports[@]}" -ge 2 ]; then
  printf '\n==> matrix: the same imports from every libclang\n'
  t0=$SECONDS
  bash scripts/compare-imports.sh "$out/imports" "${imports[@]}"
  printf '%-9s %s  %4ss\n' compare "ffi-import outputs of ${legs[*]} compared: identical apart from the clang line" \
    $((SECONDS - t0)) >>"$times"
fi
printf '%-9s %4ss\n' total $((SECONDS - t_all)) >>"$times"

printf '\n==> matrix: times (%s)\n' "$times"
cat "$times"
