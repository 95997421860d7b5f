cmake_minimum_required(VERSION 3.25)
# cmake -DSOURCE=<checkout> -DLUAROCKS=<luarocks> -DLUA=<lua5.4> -DCC=<compiler>
#       -DVERSION=<project version> -DWORK=<scratch dir> -P check_rock.cmake
# The rock as a Lua programmer uses it: in a copy of the checkout,
#   luarocks --lua-version 5.4 --tree <scratch tree> make
# then, after eval "$(luarocks --lua-version 5.4 --tree <tree> path)", stock
# lua5.4 requires both names from the tree. The rock holds the module only.
file(REMOVE_RECURSE "${WORK}")
include(${CMAKE_CURRENT_LIST_DIR}/run.cmake)

# A copy of the checkout without build trees (luarocks builds in ./build.luarocks).
file(GLOB entries LIST_DIRECTORIES true RELATIVE "${SOURCE}" "${SOURCE}/*" "${SOURCE}/.[a-z]*")
foreach(e IN LISTS entries)
  if(NOT e MATCHES "^(build.*|\\.git)$")
    file(COPY "${SOURCE}/${e}" DESTINATION "${WORK}/src")
  endif()
endforeach()

set(tree "${WORK}/tree")
set(ENV{CC} "${CC}")
set(ENV{CMAKE_BUILD_PARALLEL_LEVEL} 2)
unset(ENV{CI}) # the rock builds as a user's machine builds it
# LuaRocks' CFLAGS reach the compiler (the rockspec passes them on): -O0 keeps
# this test quick (the generated call stubs take long to optimize).
run("luarocks make" ${CMAKE_COMMAND} -E chdir "${WORK}/src"
  "${LUAROCKS}" --lua-version 5.4 --tree "${tree}" make "CFLAGS=-O0 -fPIC")
file(STRINGS "${WORK}/src/build.luarocks/CMakeCache.txt" flags REGEX "^CMAKE_C_FLAGS_RELEASE:")
if(NOT flags MATCHES "=-O0 -fPIC -DNDEBUG$")
  message(FATAL_ERROR "LuaRocks' CFLAGS did not reach CMake: ${flags}")
endif()
string(REGEX MATCH "[^\n]*is now installed[^\n]*" said "${out}")
message(STATUS "luarocks make: ${said}")

run("luarocks list" "${LUAROCKS}" --lua-version 5.4 --tree "${tree}" list --porcelain)
if(NOT out MATCHES "^pluto-ffi\tscm-1\tinstalled\t")
  message(FATAL_ERROR "luarocks list --porcelain: '${out}'")
endif()
# The module alone: no importer, no static library, no header.
file(GLOB_RECURSE installed RELATIVE "${tree}" "${tree}/*")
foreach(f IN LISTS installed)
  if(f MATCHES "ffi-import|\\.a$|\\.h$|bin/")
    message(FATAL_ERROR "the rock installed ${f}: it should hold the Lua module only")
  endif()
endforeach()

foreach(v LUA_PATH LUA_CPATH LUA_PATH_5_4 LUA_CPATH_5_4 LUA_INIT LUA_INIT_5_4)
  unset(ENV{${v}})
endforeach()
set(script [[
local ffi = require "pluto:ffi"
assert(require "ffi" == ffi)
print(package.searchpath("ffi", package.cpath))
print(package.searchpath("pluto:ffi", package.path))
print(ffi._VERSION, ffi.open("libm.so.6"):wrap("f64", "sin", "f64")(1.0))
]])
file(WRITE "${WORK}/use.lua" "${script}")
run("lua5.4 after luarocks path" sh -c
  "eval \"$('${LUAROCKS}' --lua-version 5.4 --tree '${tree}' path)\" && exec '${LUA}' '${WORK}/use.lua'")
set(expected "${tree}/lib/lua/5.4/ffi.so\n${tree}/share/lua/5.4/pluto:ffi.lua\npluto-ffi ${VERSION}\t0.8414709848079")
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "lua5.4 printed\n${out}\nexpected\n${expected}")
endif()
string(REPLACE "\n" " | " shown "${out}")
message(STATUS "lua5.4 with the rock: ${shown}")
message(STATUS "1 passed, 0 failed")
