/*
** app.c -- a host application that embeds Lua 5.4 and pluto:ffi, built by
** tests/install against an installed pluto-ffi (find_package and pkg-config).
** Runs its one argument as a Lua script, which calls libm's sin.
*/
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <pluto-ffi/pluto_ffi.h>
#include <stdio.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s script.lua\n", argv[0]);
    return 2;
  }
  lua_State *L = luaL_newstate();
  if (!L) return 1;
  luaL_openlibs(L);
  pluto_ffi_preload(L); /* package.preload["ffi"] and ["pluto:ffi"] */
  int status = luaL_dofile(L, argv[1]);
  if (status != LUA_OK) fprintf(stderr, "app: %s\n", lua_tostring(L, -1));
  lua_close(L);
  return status == LUA_OK ? 0 : 1;
}
