#!/usr/bin/env bash
# scripts/csmith.sh [SEEDS] [BUILD] -- the csmith layout test (tests/csmith) over
# many seeds: csmith's random structs and unions (packing, bit-fields) checked
# against gcc and clang through ffi.cdef and ffi-import.
#   SEEDS  "1-500" (default) or a list "3,17,40"
#   BUILD  a configured build directory (default build/gcc; built first)
# The work files (records.h, table.c, the compilers' tables, the imported
# module) stay in BUILD/tests/csmith/big for a look at any mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-1-500}
build=${2:-build/gcc}
[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_C_COMPILER=gcc >/dev/null
cmake --build "$build" -j 2 >/dev/null
work="$build/tests/csmith/big"
rm -rf "$work"
mkdir -p "$work"
cache() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }
import=""
[ -x "$build/cli/ffi-import" ] && import="$PWD/$build/cli/ffi-import"
env FFI_CSMITH="$(cache FFI_CSMITH)" FFI_CC_GCC="$(cache FFI_CSMITH_GCC)" FFI_CC_CLANG="$(cache FFI_CSMITH_CLANG)" \
  FFI_CSMITH_SEEDS="$seeds" FFI_IMPORT="$import" \
  LUA_PATH_5_4="$PWD/tests/lua/?.lua;$PWD/$build/lua/?.lua;;" \
  "$build/lua-run" tests/csmith/csmith_layout.lua "$PWD/$work"
