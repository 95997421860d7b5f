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
# The second table, "parse speed", puts ffi-import beside the compiler's own
# parse of the same headers: per header, in one run, best of N interleaved
# runs (each round runs every tool once, so load on the machine falls on all
# alike), wall milliseconds and the ratio to `clang -fsyntax-only` (the clang
# of the LLVM version ffi-import's libclang comes from):
#   clang      clang-N -fsyntax-only header
#   import     ffi-import header (-o a file; the default selection, or --match)
#   castxml    castxml --castxml-output=1 -o /dev/null header
#   bindgen    bindgen --no-rustfmt-bindings header -o /dev/null
#   cpu        ffi-import's and clang's CPU time (user+sys), best of N, and
#              their ratio: on a loaded machine wall time also counts waiting
#
#   bench/import/run.sh speed      only the parse-speed table
#   bench/import/run.sh layout     only the first table
#
# env: BUILD (default <repo>/build/gcc), N (runs per measurement, default 5),
#      BINDGEN (default bindgen), LUA (default lua5.4), CASTXML (default castxml),
#      LIBCLANG_PATH (bindgen's libclang; default /usr/lib/llvm-14/lib if installed)
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build/gcc}
N=${N:-5}
BINDGEN=${BINDGEN:-bindgen}
LUA=${LUA:-lua5.4}
TABLES="layout speed"
case "${1:-}" in
  -h|--help) sed -n '2,42p' "$0"; exit 0 ;;
  "") ;;
  speed|layout) TABLES=$1 ;;
  *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac
CASTXML=${CASTXML:-castxml}
# bindgen (Debian's 0.60) loads libclang at run time; on libclang 16 it panics
# on the new names of anonymous records, so it gets libclang 14 when installed
if [ -z "${LIBCLANG_PATH:-}" ] && [ -d /usr/lib/llvm-14/lib ]; then export LIBCLANG_PATH=/usr/lib/llvm-14/lib; fi

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BUILD" --target ffi-import ffi_module -j2 >/dev/null
IMPORT=$BUILD/cli/ffi-import
[ -x "$IMPORT" ] || { echo "run.sh: $IMPORT was not built (is a libclang-N-dev installed?)" >&2; exit 1; }
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


# row <name> <bindgen header> <bindgen allowlist regex> -- <ffi-import arguments>
row() {
  name=$1 bheader=$2 allow=$3
  shift 4
  stats=$("$IMPORT" --check-layout --stats "$@" -o "$OUT/$name.pluto" 2>&1 >/dev/null | grep ' functions, ' | head -1)
  decls=$(printf '%s' "$stats" | awk -F'[:,]' '{
    n = 0; for (i = 1; i <= NF; i++) if ($i ~ /(functions|variables|records \(|enums|typedefs|constants)/) { split($i, w, " "); n += w[1] }
    print n }')
  skipped=$(printf '%s' "$stats" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p')
  checked=$(printf '%s' "$stats" | sed -n 's/.* \([0-9]*\) records layout-checked.*/\1/p')
  imp=$(best_ms "$IMPORT" --check-layout "$@" -o "$OUT/$name.pluto")
  # bindgen 0.60 panics on clang 16's names of anonymous records (math.h, evp.h)
  if bg=$(best_ms "$BINDGEN" --no-rustfmt-bindings --allowlist-file "$allow" "$bheader" -o "$OUT/$name.rs" 2>/dev/null); then
    ratio=$(awk -v a="$imp" -v b="$bg" 'BEGIN { printf "%.2f", a / b }')
  else
    bg=failed ratio=-
  fi
  load=$(load_ms "$OUT/$name.pluto")
  printf '%-8s %6s %8s %8s %10s %10s %6s %9s\n' "$name" "$decls" "$skipped" "$checked" "$imp" "$bg" "$ratio" "$load"
}

if [ "${TABLES#*layout}" != "$TABLES" ]; then
printf '%-8s %6s %8s %8s %10s %10s %6s %9s\n' header decls skipped checked 'import ms' 'bindgen ms' ratio 'load ms'
row zlib    "$INC/zlib.h"           '.*/zlib\.h'           -- -l z "$INC/zlib.h"
row sqlite3 "$INC/sqlite3.h"        '.*/sqlite3\.h'        -- -l sqlite3 "$INC/sqlite3.h"
row libm    "$INC/math.h"           '.*math.*'             -- -l m --match math "$INC/math.h"
row libc    "$ROOT/bench/import/libc.h" '.*/(string|stdlib|time|stdio)\.h' -- -l c "$INC/string.h" "$INC/stdlib.h" "$INC/time.h" "$INC/stdio.h"
row curl    "$ARCH_INC/curl/curl.h" '.*/curl/.*'           -- -l curl --match /curl/ "$ARCH_INC/curl/curl.h"
row sdl2    "$INC/SDL2/SDL.h"       '.*/SDL2/.*'           -- -l SDL2 --match '^SDL_|/SDL2/' "$INC/SDL2/SDL.h"
row png     "$INC/png.h"            '.*/png\.h'            -- -l png "$INC/png.h"
row uv      "$INC/uv.h"             '.*/uv(\.h|/.*)'       -- -l uv --match /uv "$INC/uv.h"
fi

# -- Parse speed: ffi-import beside clang -fsyntax-only, castxml and bindgen --

MAJOR=$(sed -n 's/^FFI_LLVM_MAJOR:INTERNAL=//p' "$BUILD/CMakeCache.txt")
CLANG=${CLANG:-clang-$MAJOR}
command -v "$CLANG" >/dev/null 2>&1 || CLANG=clang

# cpu_us <command...>: user+sys microseconds of one run
cpu_us() {
  /usr/bin/time -f '%U %S' -o "$OUT/time" "$@" >/dev/null 2>&1 || { echo "run.sh: failed: $*" >&2; return 1; }
  awk '{ printf "%d", ($1 + $2) * 1000000 }' "$OUT/time"
}

# speed <name> <header for the other tools> -- <ffi-import arguments>
speed() {
  name=$1 header=$2
  shift 3
  bc= bi= bx= bb= cc= ci=
  i=0
  while [ $i -lt "$N" ]; do
    for tool in clang import castxml bindgen; do
      t0=$(now_ns)
      case $tool in
        clang) "$CLANG" -fsyntax-only "$header" >/dev/null 2>&1 ;;
        import) "$IMPORT" "$@" -o "$OUT/$name.speed.pluto" >/dev/null 2>&1 ;;
        castxml) "$CASTXML" --castxml-output=1 -o /dev/null "$header" >/dev/null 2>&1 ;;
        bindgen) "$BINDGEN" --no-rustfmt-bindings "$header" -o /dev/null >/dev/null 2>&1 ;;
      esac || { # bindgen 0.60 panics on clang 16's names of anonymous records (evp.h)
        [ $tool = bindgen ] || { echo "run.sh: $tool failed on $header" >&2; return 1; }
        bb=-1
        continue
      }
      t1=$(now_ns)
      d=$(( (t1 - t0) / 1000 ))
      case $tool in
        clang) if [ -z "$bc" ] || [ $d -lt "$bc" ]; then bc=$d; fi ;;
        import) if [ -z "$bi" ] || [ $d -lt "$bi" ]; then bi=$d; fi ;;
        castxml) if [ -z "$bx" ] || [ $d -lt "$bx" ]; then bx=$d; fi ;;
        bindgen) if [ -z "$bb" ] || [ $d -lt "$bb" ]; then bb=$d; fi ;; # never after a failure: bb=-1
      esac
    done
    c=$(cpu_us "$CLANG" -fsyntax-only "$header")
    if [ -z "$cc" ] || [ "$c" -lt "$cc" ]; then cc=$c; fi
    c=$(cpu_us "$IMPORT" "$@" -o "$OUT/$name.speed.pluto")
    if [ -z "$ci" ] || [ "$c" -lt "$ci" ]; then ci=$c; fi
    i=$((i + 1))
  done
  awk -v n="$name" -v c="$bc" -v i="$bi" -v x="$bx" -v b="$bb" -v cc="$cc" -v ci="$ci" 'BEGIN {
    bg = b < 0 ? sprintf("%9s %5s", "failed", "-") : sprintf("%9.1f %5.2f", b / 1000, b / c)
    printf "%-9s %9.1f %9.1f %5.2f %9.1f %5.2f %s %8.1f %8.1f %5.2f\n", n,
      c / 1000, i / 1000, i / c, x / 1000, x / c, bg, cc / 1000, ci / 1000, ci / cc }'
}

if [ "${TABLES#*speed}" != "$TABLES" ]; then
command -v "$CASTXML" >/dev/null 2>&1 || { echo "run.sh: castxml not found (apt-get install castxml)" >&2; exit 1; }
echo
echo "parse speed: wall ms, best of $N interleaved; ratio = tool / $CLANG -fsyntax-only; cpu = user+sys ms"
printf '%-9s %9s %9s %5s %9s %5s %9s %5s %8s %8s %5s\n' header clang import ratio castxml ratio bindgen ratio \
  'clang' 'import' 'ratio'
printf '%-9s %9s %9s %5s %9s %5s %9s %5s %8s %8s %5s\n' '' ms ms '' ms '' ms '' 'cpu ms' 'cpu ms' cpu
speed vulkan  "$INC/vulkan/vulkan.h"    -- "$INC/vulkan/vulkan.h"
speed vulkan-m "$INC/vulkan/vulkan.h"   -- --match /vulkan/ "$INC/vulkan/vulkan.h"
speed evp     "$INC/openssl/evp.h"      -- "$INC/openssl/evp.h"
speed zlib    "$INC/zlib.h"             -- "$INC/zlib.h"
speed sqlite3 "$INC/sqlite3.h"          -- "$INC/sqlite3.h"
speed libm    "$INC/math.h"             -- -l m --match math "$INC/math.h"
speed libc    "$ROOT/bench/import/libc.h" -- -l c "$INC/string.h" "$INC/stdlib.h" "$INC/time.h" "$INC/stdio.h"
speed curl    "$ARCH_INC/curl/curl.h"   -- "$ARCH_INC/curl/curl.h"
speed sdl2    "$INC/SDL2/SDL.h"         -- "$INC/SDL2/SDL.h"
speed png     "$INC/png.h"              -- "$INC/png.h"
speed uv      "$INC/uv.h"               -- "$INC/uv.h"
fi
