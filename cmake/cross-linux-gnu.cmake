# Shared body of the cmake/<triplet>.cmake toolchain files: Debian's
# gcc-<triplet> cross compiler, the multiarch -dev packages of that
# architecture (dpkg --add-architecture; scripts/cross.sh installs them), and
# the programs run under qemu-user with the multiarch C library (-L /). The
# cross toolchain's own sysroot /usr/<triplet> holds an older glibc build than
# the multiarch libc6:<arch>; a program must not mix the two at run time.
#
# Each toolchain file sets FFI_CROSS_TRIPLET, FFI_CROSS_PROCESSOR and
# FFI_CROSS_QEMU (empty when the host runs the programs natively, as it does
# i386 ones), optionally FFI_CROSS_MULTIARCH (Debian's multiarch directory name,
# when it is not the triplet: i386-linux-gnu for i686-linux-gnu), and then
# includes this file.
if(NOT FFI_CROSS_MULTIARCH)
  set(FFI_CROSS_MULTIARCH ${FFI_CROSS_TRIPLET})
endif()
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${FFI_CROSS_PROCESSOR})
set(CMAKE_C_COMPILER ${FFI_CROSS_TRIPLET}-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE ${FFI_CROSS_MULTIARCH})
set(CMAKE_FIND_ROOT_PATH /usr/${FFI_CROSS_TRIPLET} /usr/lib/${FFI_CROSS_MULTIARCH})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${FFI_CROSS_MULTIARCH}/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")
if(FFI_CROSS_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${FFI_CROSS_QEMU} -L /)
endif()

# Without the <arch> liblua5.4-dev (s390x: its libc6-dev:s390x dependency is
# out of step with Debian's security archive, so it cannot be installed), link
# the runtime library liblua5.4.so.0 of liblua5.4-0:<arch> and compile with the
# architecture-independent headers in /usr/include/lua5.4 (from the host's
# liblua5.4-dev), plus the one per-architecture header luaconf.h includes,
# written here. cli/ffi-lua then links Lua dynamically (no liblua5.4.a).
if(NOT EXISTS /usr/lib/${FFI_CROSS_MULTIARCH}/liblua5.4.so
   AND EXISTS /usr/lib/${FFI_CROSS_MULTIARCH}/liblua5.4.so.0
   AND EXISTS /usr/include/lua5.4/lua.h)
  set(LUA_LIBRARY /usr/lib/${FFI_CROSS_MULTIARCH}/liblua5.4.so.0 CACHE FILEPATH "liblua5.4-0:<arch>")
  set(LUA_INCLUDE_DIR /usr/include/lua5.4 CACHE PATH "architecture-independent Lua headers")
  set(LUA_STATIC_LIBRARY LUA_STATIC_LIBRARY-NOTFOUND CACHE FILEPATH "no liblua5.4.a for this architecture")
  set(_ffi_cross_inc ${CMAKE_BINARY_DIR}/cross-include)
  file(WRITE ${_ffi_cross_inc}/lua5.4-deb-multiarch.h
    "#ifndef _LUA_DEB_MULTIARCH_\n#define _LUA_DEB_MULTIARCH_\n#define DEB_HOST_MULTIARCH \"${FFI_CROSS_MULTIARCH}\"\n#endif\n")
  set(CMAKE_C_FLAGS_INIT "-I${_ffi_cross_inc}")
endif()
