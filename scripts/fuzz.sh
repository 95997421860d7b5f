#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] -- builds the libFuzzer target tests/fuzz/fuzz_cdef
# (clang, -fsanitize=fuzzer,address,undefined; build/fuzz) and fuzzes the
# declaration parser and the use of every type it accepts for SECONDS (600).
#
#   FUZZ_JOBS=N   run N fuzzing processes (default 1); their logs: build/fuzz/fuzz-*.log
#   FUZZ_FORK=N   libFuzzer's fork mode with N workers instead: keeps going after
#                 a crash (-ignore_crashes), for long unattended runs
#   FUZZ_NICE=N   niceness (default 19: fuzzing yields to everything else)
#   FUZZ_ARGS     extra libFuzzer options (e.g. "-max_len=8192")
#
# New coverage accumulates in build/fuzz/work (kept between runs); crashes land
# in build/fuzz/artifacts/ (crash-*, leak-*, timeout-*, oom-*). To turn one
# into a regression test, copy it to tests/fuzz/regress/ (the fuzz_replay test
# runs every file there in every build). To refresh the committed corpus with
# a minimal set: build/fuzz/tests/fuzz/fuzz_cdef -merge=1 NEWDIR build/fuzz/work
# tests/fuzz/corpus, then replace tests/fuzz/corpus with NEWDIR.
# Prints libFuzzer's final statistics (executions, cov, ft) at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
jobs=${FUZZ_JOBS:-1}
niceness=${FUZZ_NICE:-19}
build=build/fuzz

cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFFI_SANITIZE=ON -DFFI_FUZZ=ON -DFFI_WERROR=ON >/dev/null
cmake --build "$build" -j 2 --target fuzz_cdef fuzz_seeds

root=$(pwd)
cd "$build" # -jobs writes fuzz-N.log into the current directory
rm -f fuzz-*.log
mkdir -p work artifacts
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
args=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 -print_final_stats=1
  -dict="$root/tests/fuzz/cdef.dict" -artifact_prefix=artifacts/)
if [ -n "${FUZZ_FORK:-}" ]; then
  args+=(-fork="$FUZZ_FORK" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
elif [ "$jobs" -gt 1 ]; then
  args+=(-jobs="$jobs" -workers="$jobs")
fi
# shellcheck disable=SC2086
nice -n "$niceness" tests/fuzz/fuzz_cdef "${args[@]}" ${FUZZ_ARGS:-} \
  work "$root/tests/fuzz/regress" "$root/tests/fuzz/corpus" tests/fuzz/seeds 2>&1 |
  tee fuzz-last.log | grep -E '^(#[0-9]+ +(INITED|DONE)|#[0-9]+: cov|INFO: (fuzzed|exiting)|stat::|==[0-9]+==ERROR|SUMMARY|Test unit written)' || true
if [ "$jobs" -gt 1 ]; then
  grep -hE '^(#[0-9]+ +DONE|stat::|==[0-9]+==ERROR|SUMMARY|Test unit written)' fuzz-*.log || true
fi
ls artifacts | sed 's/^/artifact: /'
times > cpu-times.txt # (in a pipeline times would report a subshell)
echo "CPU time of the fuzzing processes (user, system): $(tail -1 cpu-times.txt)"
