cmake_minimum_required(VERSION 3.25)
# cmake -DMODE=cmake_package|pkg_config -DPREFIX=<install prefix> -DLIBDIR=<lib dir> -DCC=<compiler>
#       -DAPP=<tests/install/app> -DWORK=<scratch dir> -DVERSION=<project version> -P check_app.cmake
# Builds the host application app/app.c against the pluto-ffi installed in
# PREFIX, the way its users would, and runs app/app.lua in it: the script
# calls libm's sin through pluto:ffi, preloaded from the static library.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

if(MODE STREQUAL "cmake_package")
  run("configuring app/ with find_package(PlutoFFI)" ${CMAKE_COMMAND} -S "${APP}" -B "${WORK}"
    -DCMAKE_C_COMPILER=${CC} -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
  # The package found is the scratch install, not one elsewhere on the machine.
  file(STRINGS "${WORK}/CMakeCache.txt" dir REGEX "^PlutoFFI_DIR:")
  if(NOT dir STREQUAL "PlutoFFI_DIR:PATH=${PREFIX}/${LIBDIR}/cmake/PlutoFFI")
    message(FATAL_ERROR "find_package(PlutoFFI) took '${dir}', not ${PREFIX}")
  endif()
  run("building app/" ${CMAKE_COMMAND} --build "${WORK}")
elseif(MODE STREQUAL "pkg_config")
  find_program(PKG_CONFIG NAMES pkg-config pkgconf REQUIRED)
  set(ENV{PKG_CONFIG_PATH} "${PREFIX}/${LIBDIR}/pkgconfig")
  run("pkg-config --modversion pluto-ffi" ${PKG_CONFIG} --modversion pluto-ffi)
  if(NOT out STREQUAL VERSION)
    message(FATAL_ERROR "pkg-config --modversion pluto-ffi says '${out}', the project is ${VERSION}")
  endif()
  # cc app.c $(pkg-config --cflags --libs pluto-ffi lua5.4)
  run("pkg-config --cflags --libs pluto-ffi lua5.4" ${PKG_CONFIG} --cflags --libs pluto-ffi lua5.4)
  separate_arguments(flags UNIX_COMMAND "${out}")
  message(STATUS "${CC} app.c ${out}")
  run("compiling app.c" ${CC} "${APP}/app.c" ${flags} -o "${WORK}/app")
else()
  message(FATAL_ERROR "MODE must be cmake_package or pkg_config, not '${MODE}'")
endif()

run("running the application" "${WORK}/app" "${APP}/app.lua")
# app.lua checks sin(0.5) itself and prints the module's version and the value.
if(NOT out STREQUAL "pluto-ffi ${VERSION}\t0.479425538604203")
  message(FATAL_ERROR "the application printed '${out}'")
endif()
message(STATUS "app (${MODE}) prints: ${out}")
message(STATUS "1 passed, 0 failed")
