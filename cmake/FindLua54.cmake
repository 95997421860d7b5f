# FindLua54: Lua 5.4 headers and libraries, via pkg-config (lua5.4 / lua-5.4 / lua54)
# with a plain find_path/find_library fallback.
#
# Sets:
#   Lua54_FOUND          true when the header and the shared library were found
#   LUA_INCLUDE_DIR      directory holding lua.h
#   LUA_LIBRARIES        the shared liblua (hosts that link Lua dynamically)
#   LUA_STATIC_LIBRARY   liblua5.4.a, for a self-contained (e.g. sanitized) host; may be NOTFOUND
#   LUA_VERSION_STRING   e.g. 5.4.4

find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_search_module(PC_LUA54 QUIET lua5.4 lua-5.4 lua54)
endif()

find_path(LUA_INCLUDE_DIR lua.h
  HINTS ${PC_LUA54_INCLUDE_DIRS}
  PATH_SUFFIXES lua5.4 lua54 lua-5.4)
find_library(LUA_LIBRARY NAMES lua5.4 lua54 lua-5.4 HINTS ${PC_LUA54_LIBRARY_DIRS})
find_library(LUA_STATIC_LIBRARY
  NAMES liblua5.4.a liblua54.a liblua-5.4.a
  HINTS ${PC_LUA54_LIBRARY_DIRS})

# Reject a lua.h of another version (a bare /usr/include/lua.h may be 5.1 or 5.3).
if(LUA_INCLUDE_DIR AND EXISTS "${LUA_INCLUDE_DIR}/lua.h")
  file(STRINGS "${LUA_INCLUDE_DIR}/lua.h" _lua54_ver REGEX "^#define LUA_VERSION_(MAJOR|MINOR|RELEASE)[ \t]+\"[0-9]+\"")
  string(REGEX REPLACE ".*MAJOR[ \t]+\"([0-9]+)\".*" "\\1" _lua54_major "${_lua54_ver}")
  string(REGEX REPLACE ".*MINOR[ \t]+\"([0-9]+)\".*" "\\1" _lua54_minor "${_lua54_ver}")
  string(REGEX REPLACE ".*RELEASE[ \t]+\"([0-9]+)\".*" "\\1" _lua54_release "${_lua54_ver}")
  set(LUA_VERSION_STRING "${_lua54_major}.${_lua54_minor}.${_lua54_release}")
  unset(_lua54_ver)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Lua54
  REQUIRED_VARS LUA_LIBRARY LUA_INCLUDE_DIR
  VERSION_VAR LUA_VERSION_STRING)

if(Lua54_FOUND AND NOT LUA_VERSION_STRING VERSION_GREATER_EQUAL 5.4)
  set(Lua54_FOUND FALSE)
endif()
if(Lua54_FOUND)
  set(LUA_LIBRARIES ${LUA_LIBRARY})
endif()
mark_as_advanced(LUA_INCLUDE_DIR LUA_LIBRARY LUA_STATIC_LIBRARY)
