#!/usr/bin/env bash
# Rewrites tests/importer/expected/* from the current ffi-import.
#   tests/importer/update-golden.sh [build-dir]     (default: build/gcc)
# Review the diff (git diff tests/importer/expected) before committing.
set -euo pipefail
build=${1:-build/gcc}
FFI_IMPORT_UPDATE_GOLDEN=1 ctest --test-dir "$build" -R '^importer\.golden\.' --output-on-failure
