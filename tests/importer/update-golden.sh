#!/usr/bin/env bash
# Rewrites tests/importer/expected/* from the current ffi-import, or adds one.
#   tests/importer/update-golden.sh [build-dir]                 (default: build/gcc)
#       rewrites every golden with the arguments its file records
#   tests/importer/update-golden.sh --add FILE ARGS... [-- build-dir]
#       writes a new golden expected/FILE (.pluto: a module, .json: with --json
#       among ARGS) by running `ffi-import ARGS` in tests/importer/fixtures;
#       its recorded command line makes it a test at the next configure
#       (importer.golden.<stem>, importer.golden.json_<stem> for .json)
# Review the diff (git diff tests/importer/expected) before committing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ ${1:-} == --add ]]; then
  file=${2:?usage: update-golden.sh --add FILE ARGS... [-- build-dir]}
  shift 2
  args=()
  build=build/gcc
  while (($#)); do
    if [[ $1 == -- ]]; then
      build=${2:?a build directory after --}
      break
    fi
    args+=("$1")
    shift
  done
  import=$(cd "$build" && pwd)/cli/ffi-import
  [[ $file == */* ]] && { echo "update-golden.sh: FILE is a name in expected/, not a path" >&2; exit 2; }
  (cd "$here/fixtures" && "$import" "${args[@]}" -o "$here/expected/$file")
  echo "wrote $here/expected/$file; the next build (or cmake run) registers it"
  exit 0
fi
build=${1:-build/gcc}
FFI_IMPORT_UPDATE_GOLDEN=1 ctest --test-dir "$build" -R '^importer\.golden\.' --output-on-failure
