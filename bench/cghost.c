/*
** cghost: a bare Lua 5.4 script runner linked with the static liblua, for
** `run.sh --callgrind` only. Debian's lua5.4 is stripped, so callgrind cannot
** name the interpreter's internals (luaV_execute, luaH_getshortstr, ...); this
** host is the same Lua build with its symbol table, exporting the Lua API so
** ffi.so and benchbind.so load into it as into lua5.4.
**
**   bench_lua script.lua [args...]      (sets arg[0..n] like lua.c)
*/
#include <stdio.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

int main(int argc, char **argv) {
  lua_State *L;
  int i, status;
  if (argc < 2) {
    fprintf(stderr, "usage: %s script.lua [args...]\n", argv[0]);
    return 2;
  }
  L = luaL_newstate();
  if (L == NULL) {
    fprintf(stderr, "%s: cannot create state\n", argv[0]);
    return 1;
  }
  luaL_openlibs(L);
  lua_createtable(L, argc - 2, 1);
  for (i = 1; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i - 1);
  }
  lua_setglobal(L, "arg");
  status = luaL_loadfile(L, argv[1]);
  if (status == LUA_OK) status = lua_pcall(L, 0, 0, 0);
  if (status != LUA_OK) fprintf(stderr, "%s: %s\n", argv[0], lua_tostring(L, -1));
  lua_close(L);
  return status == LUA_OK ? 0 : 1;
}
