#!/usr/bin/env bash
# Optional: cross-build for AArch64 and run the suite under qemu-user, the way
# DESIGN.md plans for every target. Not part of CI (it adds the arm64
# architecture to dpkg and ~300 MB of packages). Runs as root or with sudo.
#
# Skipped under qemu, each for a reason of the emulator, not of the code:
#   lua_callbacks, doc_examples  start pthreads, which hang in qemu-user here;
#   corpus                       re-executes its interpreter (an arm64 binary);
#   lua_module                   compares ffi.arch with the host's `uname -m`.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
pkgs="gcc-aarch64-linux-gnu qemu-user libffi-dev:arm64 liblua5.4-dev:arm64 zlib1g:arm64 libsqlite3-0:arm64"
missing=""
for p in $pkgs; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "cross-aarch64: installing$missing"
  $SUDO dpkg --add-architecture arm64
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi
cmake -S . -B build/aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake -DFFI_WERROR=ON
cmake --build build/aarch64 -j 2
cd build/aarch64 && ctest --output-on-failure -j 2 --timeout 120 -E 'lua_callbacks|doc_examples|corpus|lua_module'
