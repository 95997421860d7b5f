#!/usr/bin/env bash
# Cross-build for one target and run the whole ctest suite there:
#   bash scripts/cross.sh TRIPLET      (build in build/TRIPLET)
# TRIPLET is one of: aarch64-linux-gnu arm-linux-gnueabihf i686-linux-gnu
#                    powerpc64le-linux-gnu s390x-linux-gnu
# It uses cmake/TRIPLET.cmake (Debian's gcc-TRIPLET), installs what is missing
# from Debian's archive only (it adds the architecture to dpkg and says which
# packages it installs), and runs every test under qemu-user with the
# multiarch C library (`qemu-<arch> -L /`); i386 programs run natively where
# the kernel can (IA32 emulation), else under qemu-i386 (cmake/i686-linux-gnu.cmake).
# No test is excluded.
#
# s390x: liblua5.4-dev:s390x cannot be installed (its libc6-dev:s390x
# dependency is out of step with the security archive), nor can zlib1g:s390x
# (Multi-Arch: same, and the host's zlib1g comes from the security archive).
# The build links liblua5.4.so.0 from liblua5.4-0:s390x with the host's
# architecture-independent Lua headers (cmake/cross-linux-gnu.cmake), and the
# s390x libz.so.1 is unpacked from zlib1g:s390x (`apt-get download`, `dpkg -x`)
# into build/TRIPLET/extra-libs, which the tests find through LD_LIBRARY_PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

triplet=${1:-}
case "$triplet" in
  aarch64-linux-gnu) arch=arm64 qemu=qemu-aarch64 ;;
  arm-linux-gnueabihf) arch=armhf qemu=qemu-arm ;;
  i686-linux-gnu) arch=i386 qemu=qemu-i386 ;; # used only where the kernel cannot run i386 programs
  powerpc64le-linux-gnu) arch=ppc64el qemu=qemu-ppc64le ;;
  s390x-linux-gnu) arch=s390x qemu=qemu-s390x ;;
  *)
    echo "usage: scripts/cross.sh TRIPLET (aarch64-linux-gnu arm-linux-gnueabihf i686-linux-gnu powerpc64le-linux-gnu s390x-linux-gnu)" >&2
    exit 2
    ;;
esac
say() { printf 'cross.sh %s: %s\n' "$triplet" "$*"; }

# host tools: the cross compiler, clang (tests/layout's second compiler, which
# targets every one of these), the host lua5.4 (the generators), qemu-user
# (host packages named with the host's architecture: lua5.4:s390x, for one,
# would replace the host's /usr/bin/lua5.4)
host=$(dpkg --print-architecture)
pkgs=(cmake pkg-config "lua5.4:$host" "liblua5.4-dev:$host" clang "gcc-$triplet")
[ -n "$qemu" ] && pkgs+=(qemu-user)
if [ "$arch" = s390x ]; then
  pkgs+=(libffi-dev:s390x liblua5.4-0:s390x libsqlite3-0:s390x)
else
  pkgs+=("libffi-dev:$arch" "liblua5.4-dev:$arch" "zlib1g-dev:$arch" "libsqlite3-dev:$arch")
fi

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${db:Status-Status}\n' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if ! dpkg --print-foreign-architectures | grep -qx "$arch" && [ "$arch" != amd64 ]; then
    say "adding the architecture $arch to dpkg (dpkg --add-architecture $arch)"
    "${sudo[@]}" dpkg --add-architecture "$arch"
  fi
  say "installing from Debian: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 update -qq </dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${missing[@]}" </dev/null
fi

build=build/$triplet
mkdir -p "$build"
if [ "$arch" = s390x ]; then
  extra=$PWD/$build/extra-libs
  if [ ! -e "$extra/lib/$triplet/libz.so.1" ]; then
    say "unpacking zlib1g:s390x into $extra (not installed into dpkg)"
    rm -rf "$build/debs" && mkdir -p "$build/debs"
    (cd "$build/debs" && apt-get download zlib1g:s390x </dev/null)
    dpkg -x "$build"/debs/zlib1g_*_s390x.deb "$extra"
  fi
  export LD_LIBRARY_PATH="$extra/lib/$triplet${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi

say "configure"
cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE="cmake/$triplet.cmake" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFFI_WERROR=ON
say "build"
cmake --build "$build" -j 2
say "test"
cd "$build" && ctest --output-on-failure --no-tests=error -j 2 --timeout 300
