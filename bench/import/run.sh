#!/bin/sh
# bench/import: ffi-import against bindgen on the same real headers.
#
#   bench/import/run.sh            build if needed, print the table
#
# Per header, with the same selection on both sides (ffi-import's default or
# --match, bindgen's --allowlist-file) and layout checks on both sides
# (--check-layout; bindgen's layout tests are on by default):
#   decls      declarations emitted (functions, variables, records, enums,
#              typedefs, constants)
#   skipped    declarations written as comments (static inline, function-like
#              macros, long double, ...)
#   checked    records whose layout the module asserts
#   import     ffi-import's wall time, milliseconds (best of N)
#   bindgen    bindgen's wall time for the same header and selection, without
#              rustfmt (best of N)
#   ratio      import / bindgen (below 1: ffi-import is faster)
#   load       time for lua5.4 to load the generated module (dofile: cdef of
#              every type, lazy declarations, constants, types, layout checks),
#              CPU milliseconds, best of N fresh processes
#
# env: BUILD (default <repo>/build/gcc), N (runs per measurement, default 5),
#      BINDGEN (default bindgen), LUA (default lua5.4)
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build/gcc}
N=${N:-5}
BINDGEN=${BINDGEN:-bindgen}
LUA=${LUA:-lua5.4}
case "${1:-}" in
  -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
  "") ;;
  *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BUILD" --target ffi-import ffi_module -j2 >/dev/null
IMPORT=$BUILD/cli/ffi-import
[ -x "$IMPORT" ] || { echo "run.sh: $IMPORT was not built (is libclang-14-dev installed?)" >&2; exit 1; }
command -v "$BINDGEN" >/dev/null 2>&1 || { echo "run.sh: bindgen not found (apt-get install bindgen)" >&2; exit 1; }
export LUA_CPATH_5_4="$BUILD/lua/?.so;;" LUA_PATH_5_4="$BUILD/lua/?.lua;;"

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
INC=/usr/include
ARCH_INC=$INC/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)

now_ns() { date +%s%N; }

# best_ms <command...>: the fastest of N runs, in milliseconds (wall time)
best_ms() {
  best=
  i=0
  while [ $i -lt "$N" ]; do
    t0=$(now_ns)
    "$@" >/dev/null 2>&1 || { echo "run.sh: failed: $*" >&2; return 1; }
    t1=$(now_ns)
    d=$(( (t1 - t0) / 1000 ))
    if [ -z "$best" ] || [ $d -lt $best ]; then best=$d; fi
    i=$((i + 1))
  done
  awk -v us="$best" 'BEGIN { printf "%.1f", us / 1000 }'
}

# load_ms <module>: the fastest dofile of N fresh interpreters, CPU milliseconds
load_ms() {
  best=
  i=0
  while [ $i -lt "$N" ]; do
    d=$("$LUA" -e "local ffi = require 'ffi'; local t = os.clock(); dofile('$1'); io.write(string.format('%.3f', (os.clock() - t) * 1000))")
    if [ -z "$best" ] || awk -v a="$d" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$d; fi
    i=$((i + 1))
  done
  printf '%s' "$best"
}

printf '%-8s %6s %8s %8s %10s %10s %6s %9s\n' header decls skipped checked 'import ms' 'bindgen ms' ratio 'load ms'

# row <name> <bindgen header> <bindgen allowlist regex> -- <ffi-import arguments>
row() {
  name=$1 bheader=$2 allow=$3
  shift 4
  stats=$("$IMPORT" --check-layout --stats "$@" -o "$OUT/$name.pluto" 2>&1 >/dev/null | head -1)
  decls=$(printf '%s' "$stats" | awk -F'[:,]' '{
    n = 0; for (i = 1; i <= NF; i++) if ($i ~ /(functions|variables|records \(|enums|typedefs|constants)/) { split($i, w, " "); n += w[1] }
    print n }')
  skipped=$(printf '%s' "$stats" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p')
  checked=$(printf '%s' "$stats" | sed -n 's/.* \([0-9]*\) records layout-checked.*/\1/p')
  imp=$(best_ms "$IMPORT" --check-layout "$@" -o "$OUT/$name.pluto")
  bg=$(best_ms "$BINDGEN" --no-rustfmt-bindings --allowlist-file "$allow" "$bheader" -o "$OUT/$name.rs")
  ratio=$(awk -v a="$imp" -v b="$bg" 'BEGIN { printf "%.2f", a / b }')
  load=$(load_ms "$OUT/$name.pluto")
  printf '%-8s %6s %8s %8s %10s %10s %6s %9s\n' "$name" "$decls" "$skipped" "$checked" "$imp" "$bg" "$ratio" "$load"
}

row zlib    "$INC/zlib.h"           '.*/zlib\.h'           -- -l z "$INC/zlib.h"
row sqlite3 "$INC/sqlite3.h"        '.*/sqlite3\.h'        -- -l sqlite3 "$INC/sqlite3.h"
row libm    "$INC/math.h"           '.*math.*'             -- -l m --match math "$INC/math.h"
row libc    "$ROOT/bench/import/libc.h" '.*/(string|stdlib|time|stdio)\.h' -- -l c "$INC/string.h" "$INC/stdlib.h" "$INC/time.h" "$INC/stdio.h"
row curl    "$ARCH_INC/curl/curl.h" '.*/curl/.*'           -- -l curl --match /curl/ "$ARCH_INC/curl/curl.h"
row sdl2    "$INC/SDL2/SDL.h"       '.*/SDL2/.*'           -- -l SDL2 --match '^SDL_|/SDL2/' "$INC/SDL2/SDL.h"
row png     "$INC/png.h"            '.*/png\.h'            -- -l png "$INC/png.h"
row uv      "$INC/uv.h"             '.*/uv(\.h|/.*)'       -- -l uv --match /uv "$INC/uv.h"
