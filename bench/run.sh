#!/bin/sh
# pluto-ffi benchmark: FFI calls vs a hand-written lua_CFunction binding.
#
#   bench/run.sh                   build (Release, build/gcc) and print the table
#   bench/run.sh --callgrind ROW   instructions per call under callgrind for one row
#                                  (inc, add_dd, sum4, ptr_off, get, set, vadd, pmake,
#                                  sum_var, apply, nget, nset), with the functions the
#                                  instructions go to
#
# env: BUILD (default <repo>/build/gcc), LUA (interpreter, default lua5.4; callgrind mode
#      prefers the build's bench_lua), BENCH_N, BENCH_ROUNDS, BENCH_BIND (see bench.lua)
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build/gcc}
LUA_GIVEN=${LUA:-}
LUA=${LUA:-lua5.4}

MODE=table
ROW=
case "${1:-}" in
  --callgrind) MODE=callgrind; ROW=${2:?usage: run.sh --callgrind ROW} ;;
  "") ;;
  -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
  *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac

# -- build --
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
BTYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
case "$BTYPE" in
  Release|RelWithDebInfo) ;;
  *) echo "run.sh: warning: $BUILD is a '${BTYPE:-no type}' build; numbers from an unoptimised runtime mean little" >&2 ;;
esac
if grep -q '^FFI_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt"; then
  echo "run.sh: $BUILD is a sanitizer build; use a plain Release build (BUILD=...)" >&2
  exit 1
fi
cmake --build "$BUILD" --target ffi_module bench_lib bench_bind -- -j2 >/dev/null

LUA_CPATH_5_4="$BUILD/lua/?.so;$BUILD/bench/?.so;;"
LUA_PATH_5_4="$BUILD/lua/?.lua;;"
export LUA_CPATH_5_4 LUA_PATH_5_4
LIB="$BUILD/bench/libbench.so"
SCRIPT="$ROOT/bench/bench.lua"

if [ "$MODE" = table ]; then
  CC_ID=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
  echo "build: $BUILD ($BTYPE, $("${CC_ID:-cc}" --version | head -n 1)), $(nproc) cores, $(date -u +%Y-%m-%d)"
  exec "$LUA" "$SCRIPT" "$LIB"
fi

# -- callgrind: two runs per side that differ only in N; the difference / dN is
#    the per-iteration instruction count, with startup (lua, dlopen, cdef) cancelled --
command -v valgrind >/dev/null || { echo "run.sh: valgrind not found" >&2; exit 1; }
# Prefer bench_lua (same Lua build, with symbols) so the interpreter's functions have names.
cmake --build "$BUILD" --target bench_lua -- -j2 >/dev/null 2>&1 || true
if [ -z "$LUA_GIVEN" ] && [ -x "$BUILD/bench/bench_lua" ]; then
  LUA="$BUILD/bench/bench_lua"
fi
N1=20000
N2=120000
OUT=$(mktemp -d "${TMPDIR:-/tmp}/pluto-ffi-cg.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

run_side() { # side n -> total Ir of the run
  BENCH_SIDE=$1 BENCH_ROW=$ROW BENCH_N=$2 valgrind --tool=callgrind \
    --callgrind-out-file="$OUT/$1.$2.out" "$LUA" "$SCRIPT" "$LIB" 2>"$OUT/$1.$2.log" \
    || { cat "$OUT/$1.$2.log" >&2; exit 1; }
  sed -n 's/^totals: *//p' "$OUT/$1.$2.out"
}

per_iter() { # side -> instructions per iteration (loop included)
  a=$(run_side "$1" $N1)
  b=$(run_side "$1" $N2)
  echo $(( (b - a) / (N2 - N1) ))
}

echo "callgrind ($(basename "$LUA")), row '$ROW': instructions per iteration = (Ir(N=$N2) - Ir(N=$N1)) / $((N2 - N1))"
LOOP=$(per_iter loop)
C=$(per_iter c)
F=$(per_iter ffi)
echo "  empty loop:          $LOOP"
echo "  C binding per call:  $((C - LOOP))"
echo "  ffi per call:        $((F - LOOP))"
awk -v f=$((F - LOOP)) -v c=$((C - LOOP)) 'BEGIN { printf "  ratio (ffi / C):     %.2f\n", f / c }'

for side in ffi c; do
  for n in $N1 $N2; do
    callgrind_annotate --inclusive=no --threshold=100 --auto=no "$OUT/$side.$n.out" >"$OUT/$side.$n.txt" 2>/dev/null
  done
  echo
  echo "where the instructions of one '$side' iteration go (self cost, loop included):"
  "$LUA" "$ROOT/bench/cgdiff.lua" "$OUT/$side.$N1.txt" "$OUT/$side.$N2.txt" $N1 $N2 20
done
