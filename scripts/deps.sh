#!/usr/bin/env bash
# Installs the Debian packages that building, testing and benchmarking need.
# Only missing packages are installed; nothing is done when all are present.
# As root it runs apt-get directly; otherwise it uses sudo (and says so).
set -euo pipefail

packages=(
  cmake make gcc clang clang-format pkg-config   # toolchain; clang-format for the format check
  lua5.4 liblua5.4-dev              # interpreter; headers and liblua5.4.a for cli/ffi-lua
  libffi-dev                        # the call machinery
  luarocks dpkg-dev file            # tests/install: the rock; cpack -G DEB's dpkg-shlibdeps and its ELF scan
  zlib1g-dev libsqlite3-dev         # real libraries used by tests and benchmarks
  libclang-14-dev clang-14 bindgen libcurl4-openssl-dev libsdl2-dev libpng-dev libuv1-dev  # ffi-import (libclang, its resource dir), its real-header tests, bench/import
  libclang-rt-14-dev                # clang's sanitizer runtimes
  valgrind
)

say() { printf 'deps.sh: %s\n' "$*"; }
die() { printf 'deps.sh: error: %s\n' "$*" >&2; exit 1; }

command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 ||
  die "this script needs Debian's dpkg-query and apt-get; install these packages (or their equivalents) yourself: ${packages[*]}"

missing_packages() {
  local p
  for p in "${packages[@]}"; do
    # one line per installed architecture (multiarch): any 'installed' will do
    dpkg-query -W -f='${db:Status-Status}\n' "$p" 2>/dev/null | grep -qx installed || printf '%s\n' "$p"
  done
}

mapfile -t missing < <(missing_packages)
if [ "${#missing[@]}" -eq 0 ]; then
  say "all ${#packages[@]} required Debian packages are installed"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 ||
    die "missing packages: ${missing[*]}; not running as root and sudo is not available. Run as root: bash scripts/deps.sh"
  say "not running as root: using sudo for apt-get"
  sudo=(sudo)
fi

say "installing missing packages: ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update </dev/null ||
  die "apt-get update failed"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" </dev/null ||
  die "apt-get install failed for: ${missing[*]}"

mapfile -t still_missing < <(missing_packages)
[ "${#still_missing[@]}" -eq 0 ] || die "still not installed after apt-get: ${still_missing[*]}"
say "installed: ${missing[*]}"
