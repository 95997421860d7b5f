cmake_minimum_required(VERSION 3.25)
# cmake -DBUILD=<build dir> -DLUA=<lua5.4> -DPREFIX=<scratch prefix> -DLIBDIR=<lib dir> -P check_install.cmake
# Installs into PREFIX (the fixture of install_cmake_package and install_pkg_config).
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD}" --prefix "${PREFIX}"
  RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc})")
endif()
foreach(f lib/lua/5.4/ffi.so share/lua/5.4/pluto:ffi.lua
          ${LIBDIR}/libpluto_ffi.a include/pluto-ffi/pluto_ffi.h
          ${LIBDIR}/cmake/PlutoFFI/PlutoFFIConfig.cmake ${LIBDIR}/cmake/PlutoFFI/PlutoFFIConfigVersion.cmake
          ${LIBDIR}/pkgconfig/pluto-ffi.pc)
  if(NOT EXISTS "${PREFIX}/${f}")
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
# pkg-config's prefix is the one installed to (--prefix), not the configured one.
file(STRINGS "${PREFIX}/${LIBDIR}/pkgconfig/pluto-ffi.pc" pc_prefix REGEX "^prefix=")
if(NOT pc_prefix STREQUAL "prefix=${PREFIX}")
  message(FATAL_ERROR "pluto-ffi.pc says '${pc_prefix}', expected prefix=${PREFIX}")
endif()
# Exactly what a user types after `cmake --install` (with the prefix in place of /usr/local).
set(ENV{LUA_CPATH_5_4} "${PREFIX}/lib/lua/5.4/?.so")
set(ENV{LUA_PATH_5_4} "${PREFIX}/share/lua/5.4/?.lua")
execute_process(COMMAND "${LUA}" -e
  "local ffi = require 'pluto:ffi' assert(require 'ffi' == ffi) print(ffi.open('libm.so.6'):wrap('f64', 'sin', 'f64')(1.0))"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "0.8414709848079")
  message(FATAL_ERROR "installed module: rc=${rc} out='${out}' err='${err}'")
endif()
message(STATUS "installed module prints ${out}")
message(STATUS "1 passed, 0 failed")
