/*
** benchbind: hand-written lua_CFunction bindings of libbench, written the way
** a typical hand binding is (luaL_check* at the edge, a checked userdata with
** __index/__newindex that strcmp the key). The baseline the FFI is measured
** against.
*/
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "libbench.h"

#define PT_MT "benchbind.Pt"

static int l_inc(lua_State *L) {
  lua_pushinteger(L, inc((int)luaL_checkinteger(L, 1)));
  return 1;
}

static int l_add_dd(lua_State *L) {
  lua_pushnumber(L, add_dd(luaL_checknumber(L, 1), luaL_checknumber(L, 2)));
  return 1;
}

static int l_sum4(lua_State *L) {
  int a = (int)luaL_checkinteger(L, 1);
  int b = (int)luaL_checkinteger(L, 2);
  int c = (int)luaL_checkinteger(L, 3);
  int d = (int)luaL_checkinteger(L, 4);
  lua_pushinteger(L, sum4(a, b, c, d));
  return 1;
}

static int l_ptr_off(lua_State *L) {
  void *p = lua_touserdata(L, 1);
  size_t n = (size_t)luaL_checkinteger(L, 2);
  lua_pushlightuserdata(L, ptr_off(p, n));
  return 1;
}

/* -- struct Pt as a userdata -- */

static int l_newpt(lua_State *L) {
  struct Pt *p = (struct Pt *)lua_newuserdatauv(L, sizeof *p, 0);
  memset(p, 0, sizeof *p);
  luaL_setmetatable(L, PT_MT);
  return 1;
}

static int pt_index(lua_State *L) {
  struct Pt *p = (struct Pt *)luaL_checkudata(L, 1, PT_MT);
  const char *k = luaL_checkstring(L, 2);
  if (strcmp(k, "x") == 0)
    lua_pushinteger(L, p->x);
  else if (strcmp(k, "y") == 0)
    lua_pushinteger(L, p->y);
  else if (strcmp(k, "z") == 0)
    lua_pushnumber(L, p->z);
  else
    return luaL_error(L, "no member with name '%s'", k);
  return 1;
}

static int pt_newindex(lua_State *L) {
  struct Pt *p = (struct Pt *)luaL_checkudata(L, 1, PT_MT);
  const char *k = luaL_checkstring(L, 2);
  if (strcmp(k, "x") == 0)
    p->x = (int)luaL_checkinteger(L, 3);
  else if (strcmp(k, "y") == 0)
    p->y = (int)luaL_checkinteger(L, 3);
  else if (strcmp(k, "z") == 0)
    p->z = luaL_checknumber(L, 3);
  else
    return luaL_error(L, "no member with name '%s'", k);
  return 0;
}

/* A light userdata to a static buffer, so the ptr_off row needs no FFI to get a pointer. */
static int l_lightbuf(lua_State *L) {
  static char buf[4096];
  lua_pushlightuserdata(L, buf);
  return 1;
}

static const luaL_Reg pt_meta[] = {
  {"__index", pt_index},
  {"__newindex", pt_newindex},
  {NULL, NULL}
};

static const luaL_Reg funcs[] = {
  {"inc", l_inc},
  {"add_dd", l_add_dd},
  {"sum4", l_sum4},
  {"ptr_off", l_ptr_off},
  {"newpt", l_newpt},
  {"lightbuf", l_lightbuf},
  {NULL, NULL}
};

#if defined(__GNUC__)
__attribute__((visibility("default")))
#endif
LUAMOD_API int luaopen_benchbind(lua_State *L) {
  luaL_newmetatable(L, PT_MT);
  luaL_setfuncs(L, pt_meta, 0);
  lua_pop(L, 1);
  luaL_newlib(L, funcs);
  return 1;
}
