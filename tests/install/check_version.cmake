cmake_minimum_required(VERSION 3.25)
# cmake -DVERSION=<project version> -DRUNNER=<lua-run> -DLUA=<lua5.4> -DIMPORTER=<ffi-import or empty>
#       -DSCM_ROCKSPEC=<pluto-ffi-scm-1.rockspec> -DRELEASE_ROCKSPEC=<generated> -P check_version.cmake
# project(VERSION) is the only place the version is written: everything that
# reports one reports it (the .pc and the .deb: install_pkg_config, install_deb).
include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)
if(NOT VERSION MATCHES "^[0-9]+\\.[0-9]+\\.[0-9]+$")
  message(FATAL_ERROR "project(VERSION) is '${VERSION}', not x.y.z")
endif()

run("ffi._VERSION" "${RUNNER}" -e "print(require('ffi')._VERSION)")
if(NOT out STREQUAL "pluto-ffi ${VERSION}")
  message(FATAL_ERROR "ffi._VERSION is '${out}', expected 'pluto-ffi ${VERSION}'")
endif()
message(STATUS "ffi._VERSION: ${out}")

if(IMPORTER)
  run("ffi-import --version" "${IMPORTER}" --version)
  string(REGEX MATCH "^[^\n]*" first "${out}")
  if(NOT first STREQUAL "ffi-import ${VERSION} (pluto-ffi)")
    message(FATAL_ERROR "ffi-import --version says '${first}'")
  endif()
  message(STATUS "ffi-import --version: ${first}")
endif()

# The rockspecs, read by Lua as LuaRocks reads them (a chunk setting globals).
set(read [[
local env = {}
assert(loadfile(rockspec, "t", env))()
print(env.package, env.version, env.source.tag or "-", env.build.type)
]])
run("reading ${SCM_ROCKSPEC}" "${LUA}" -e "rockspec = [==[${SCM_ROCKSPEC}]==]" -e "${read}")
if(NOT out STREQUAL "pluto-ffi\tscm-1\t-\tcmake")
  message(FATAL_ERROR "pluto-ffi-scm-1.rockspec: '${out}'")
endif()
run("reading ${RELEASE_ROCKSPEC}" "${LUA}" -e "rockspec = [==[${RELEASE_ROCKSPEC}]==]" -e "${read}")
if(NOT out STREQUAL "pluto-ffi\t${VERSION}-1\tv${VERSION}\tcmake")
  message(FATAL_ERROR "the release rockspec: '${out}'")
endif()
message(STATUS "release rockspec: ${out}")
message(STATUS "1 passed, 0 failed")
