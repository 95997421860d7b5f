#!/usr/bin/env bash
# The run command: installs missing Debian packages, builds build/gcc, then runs
# examples/demo.lua with the stock lua5.4 interpreter against the build tree.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh

build="$PWD/build/gcc"
cmake -S . -B "$build" -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFFI_SANITIZE=OFF
cmake --build "$build" -j 2

# The build-tree environment step: lua5.4 finds ffi.so and pluto:ffi.lua here.
export LUA_CPATH_5_4="$build/lua/?.so;;"
export LUA_PATH_5_4="$build/lua/?.lua;;"
export FFI_DEMO_LIB="$build/examples/libdemo.so"

printf '\n==> lua5.4 examples/demo.lua\n'
exec lua5.4 examples/demo.lua
