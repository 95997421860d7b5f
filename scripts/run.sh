#!/usr/bin/env bash
# The run command: installs missing Debian packages, builds build/gcc, then
#  1. runs examples/demo.lua with the stock lua5.4 interpreter (libm, libc and a
#     library of its own, declared by hand), and
#  2. shows the importer's workflow: ffi-import turns /usr/include/zlib.h into a
#     module, and examples/zlib_workflow.lua loads it and calls zlib.
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
lua5.4 examples/demo.lua

module="$build/examples/zlib.pluto"
printf '\n==> ffi-import --check-layout /usr/include/zlib.h -o %s\n' "$module"
"$build/cli/ffi-import" --check-layout --stats /usr/include/zlib.h -o "$module"
printf '\n==> lua5.4 examples/zlib_workflow.lua %s\n' "$module"
lua5.4 examples/zlib_workflow.lua "$module"
