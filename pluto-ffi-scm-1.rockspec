-- The development rock: `luarocks --lua-version 5.4 make` in a checkout builds
-- the Lua module with CMake and installs ffi.so and pluto:ffi.lua into the
-- rocks tree. The project's version is CMake's project(VERSION); a build
-- writes the release rockspec pluto-ffi-<version>-1.rockspec from this file.
rockspec_format = "3.0"
package = "pluto-ffi"
version = "scm-1"
source = {
  url = "git+https://git.b-seed-8104989a.example/pluto-ffi.git",
}
description = {
  summary = "Pluto's pluto:ffi for stock Lua 5.4, on libffi",
  detailed = [[
Load a shared library, wrap its functions from type strings or C
declarations, and call them through the platform ABI: floats, 64-bit
integers, structs and unions by value, callbacks, varargs.
require "pluto:ffi" and require "ffi" give the same module.]],
  labels = { "ffi", "libffi", "pluto" },
}
dependencies = {
  "lua >= 5.4, < 5.5",
}
build_dependencies = {}
build = {
  type = "cmake",
  variables = {
    CMAKE_BUILD_TYPE = "Release",
    -- Compiled with LuaRocks' CFLAGS (default -O2 -fPIC), as its builtin rocks are.
    CMAKE_C_FLAGS_RELEASE = "$(CFLAGS) -DNDEBUG",
    CMAKE_INSTALL_PREFIX = "$(PREFIX)",
    BUILD_TESTING = "OFF",
    FFI_MODULE_ONLY = "ON",
    -- Lua's headers: those of the Lua LuaRocks builds for (libffi: as CMake finds it).
    LUA_INCLUDE_DIR = "$(LUA_INCDIR)",
    -- The interpreter LuaRocks runs: it generates the call stubs at build time.
    LUA_EXECUTABLE = "$(LUA)",
    -- Into the rock's own directories, which LuaRocks deploys to the tree.
    FFI_LUA_CMOD_DIR = "$(LIBDIR)",
    FFI_LUA_LMOD_DIR = "$(LUADIR)",
  },
}
