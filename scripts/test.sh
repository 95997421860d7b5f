#!/usr/bin/env bash
# The test command: installs missing Debian packages, then builds and runs the
# whole ctest suite three times:
#   build/gcc    gcc,   RelWithDebInfo (-O2 -g), warnings are errors
#   build/clang  clang, RelWithDebInfo (-O2 -g), warnings are errors
#   build/asan   clang, Debug, AddressSanitizer + UBSan (Lua tests run in cli/ffi-lua),
#                 with the libFuzzer target and its two-minute smoke (tests/fuzz: fuzz_smoke)
# Before the builds it checks the C formatting (scripts/check-format.sh) and
# runs the compiler and libclang matrix (scripts/matrix.sh).
# It stops at the first failure; its last output is ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=2

bash scripts/deps.sh

printf '\n==> format check\n'
bash scripts/check-format.sh

suite() {
  local name=$1
  shift
  printf '\n==> %s: configure\n' "$name"
  cmake -S . -B "build/$name" -DFFI_WERROR=ON "$@"
  printf '\n==> %s: build\n' "$name"
  cmake --build "build/$name" -j "$jobs"
  printf '\n==> %s: test\n' "$name"
  (cd "build/$name" && ctest --output-on-failure --no-tests=error -j "$jobs")
}

# Cross targets (scripts/cross.sh: build/<triplet>, the whole suite under
# qemu-user; docs/targets.md). FFI_CROSS_TARGETS overrides the list ("" for none).
for triplet in ${FFI_CROSS_TARGETS-aarch64-linux-gnu arm-linux-gnueabihf i686-linux-gnu powerpc64le-linux-gnu s390x-linux-gnu}; do
  printf '\n==> cross %s\n' "$triplet"
  leg_start=$SECONDS
  bash scripts/cross.sh "$triplet"
  printf '==> cross %s: passed in %d s\n' "$triplet" $((SECONDS - leg_start))
done

# gcc 11, clang 13, 15, 16 and libclang 13 to 16 (FFI_MATRIX=0 skips it)
if [ "${FFI_MATRIX:-1}" != 0 ]; then
  bash scripts/matrix.sh
fi

suite gcc -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFFI_SANITIZE=OFF
suite clang -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFFI_SANITIZE=OFF
suite asan -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DFFI_SANITIZE=ON -DFFI_FUZZ=ON
