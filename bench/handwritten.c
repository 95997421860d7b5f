/*
** benchbind: hand-written lua_CFunction bindings of libbench, written the way
** a typical hand binding is (luaL_check* at the edge, a checked userdata with
** __index/__newindex that strcmp the key; structs by value live inside
** userdata; a callback is a Lua function in the registry called from a C
** trampoline; a nested member is a proxy userdata). The baseline the FFI is
** measured against.
*/
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "libbench.h"

#define PT_MT "benchbind.Pt"
#define VEC3_MT "benchbind.Vec3"
#define PAIR_MT "benchbind.Pair"
#define CB_MT "benchbind.Callback"
#define OUTER_MT "benchbind.Outer"
#define INNER_MT "benchbind.InnerRef"

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

/* -- structs by value: Vec3 and Pair live in userdata (the struct itself inside) -- */

static Vec3 *push_vec3(lua_State *L) {
  Vec3 *v = (Vec3 *)lua_newuserdatauv(L, sizeof *v, 0);
  luaL_setmetatable(L, VEC3_MT);
  return v;
}

static int l_newvec3(lua_State *L) {
  Vec3 *v = push_vec3(L);
  v->x = luaL_optnumber(L, 1, 0);
  v->y = luaL_optnumber(L, 2, 0);
  v->z = luaL_optnumber(L, 3, 0);
  return 1;
}

static int l_vadd(lua_State *L) {
  Vec3 *a = (Vec3 *)luaL_checkudata(L, 1, VEC3_MT);
  Vec3 *b = (Vec3 *)luaL_checkudata(L, 2, VEC3_MT);
  Vec3 r = vadd(*a, *b);
  *push_vec3(L) = r;
  return 1;
}

static int vec3_index(lua_State *L) {
  Vec3 *v = (Vec3 *)luaL_checkudata(L, 1, VEC3_MT);
  const char *k = luaL_checkstring(L, 2);
  if (strcmp(k, "x") == 0)
    lua_pushnumber(L, v->x);
  else if (strcmp(k, "y") == 0)
    lua_pushnumber(L, v->y);
  else if (strcmp(k, "z") == 0)
    lua_pushnumber(L, v->z);
  else
    return luaL_error(L, "no member with name '%s'", k);
  return 1;
}

static int l_vscale(lua_State *L) {
  Vec3 *a = (Vec3 *)luaL_checkudata(L, 1, VEC3_MT);
  double k = luaL_checknumber(L, 2);
  Vec3 r = vscale(*a, k);
  *push_vec3(L) = r;
  return 1;
}

static int l_pmake(lua_State *L) {
  int a = (int)luaL_checkinteger(L, 1);
  int b = (int)luaL_checkinteger(L, 2);
  Pair r = pmake(a, b);
  Pair *p = (Pair *)lua_newuserdatauv(L, sizeof *p, 0);
  *p = r;
  luaL_setmetatable(L, PAIR_MT);
  return 1;
}

static int pair_index(lua_State *L) {
  Pair *p = (Pair *)luaL_checkudata(L, 1, PAIR_MT);
  const char *k = luaL_checkstring(L, 2);
  if (strcmp(k, "a") == 0)
    lua_pushinteger(L, p->a);
  else if (strcmp(k, "b") == 0)
    lua_pushinteger(L, p->b);
  else
    return luaL_error(L, "no member with name '%s'", k);
  return 1;
}

/* -- varargs: a fixed-arity binding (n and 4 integers) of the variadic sum_var -- */

static int l_sum_var(lua_State *L) {
  int n = (int)luaL_checkinteger(L, 1);
  long long a = (long long)luaL_checkinteger(L, 2);
  long long b = (long long)luaL_checkinteger(L, 3);
  long long c = (long long)luaL_checkinteger(L, 4);
  long long d = (long long)luaL_checkinteger(L, 5);
  lua_pushinteger(L, sum_var(n, a, b, c, d));
  return 1;
}

static int l_sum_var3(lua_State *L) {
  int n = (int)luaL_checkinteger(L, 1);
  long long a = (long long)luaL_checkinteger(L, 2);
  long long b = (long long)luaL_checkinteger(L, 3);
  long long c = (long long)luaL_checkinteger(L, 4);
  lua_pushinteger(L, sum_var(n, a, b, c));
  return 1;
}

/* -- callback: a Lua function kept in the registry, called from a C trampoline --
   apply() passes no user data to f, so the trampoline finds the Lua state and the
   function's registry reference in statics, set around the call (saved and restored
   so nested applies work). An error in the Lua function propagates with lua_call's
   longjmp through apply(), as it would in a typical hand binding. */

typedef struct {
  int ref;
} BenchCallback;

static lua_State *tramp_L;
static int tramp_ref = LUA_NOREF;

static int trampoline(int v) {
  lua_State *L = tramp_L;
  int r;
  lua_rawgeti(L, LUA_REGISTRYINDEX, tramp_ref);
  lua_pushinteger(L, v);
  lua_call(L, 1, 1);
  r = (int)lua_tointeger(L, -1);
  lua_pop(L, 1);
  return r;
}

static int l_callback(lua_State *L) {
  BenchCallback *cb;
  luaL_checktype(L, 1, LUA_TFUNCTION);
  cb = (BenchCallback *)lua_newuserdatauv(L, sizeof *cb, 0);
  cb->ref = LUA_NOREF;
  luaL_setmetatable(L, CB_MT);
  lua_pushvalue(L, 1);
  cb->ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 1;
}

static int callback_gc(lua_State *L) {
  BenchCallback *cb = (BenchCallback *)luaL_checkudata(L, 1, CB_MT);
  luaL_unref(L, LUA_REGISTRYINDEX, cb->ref);
  cb->ref = LUA_NOREF;
  return 0;
}

static int l_apply(lua_State *L) {
  BenchCallback *cb = (BenchCallback *)luaL_checkudata(L, 1, CB_MT);
  int x = (int)luaL_checkinteger(L, 2);
  lua_State *saved_L = tramp_L;
  int saved_ref = tramp_ref, r;
  tramp_L = L;
  tramp_ref = cb->ref;
  r = apply(trampoline, x);
  tramp_L = saved_L;
  tramp_ref = saved_ref;
  lua_pushinteger(L, r);
  return 1;
}

/* The C -> Lua loop: cb_loop() calls the trampoline n times, each a lua_call of
   the Lua function (the "C loop of lua_call" the FFI's callback row is held to). */
static int l_cb_loop(lua_State *L) {
  BenchCallback *cb = (BenchCallback *)luaL_checkudata(L, 1, CB_MT);
  int n = (int)luaL_checkinteger(L, 2);
  lua_State *saved_L = tramp_L;
  int saved_ref = tramp_ref, r;
  tramp_L = L;
  tramp_ref = cb->ref;
  r = cb_loop(trampoline, n);
  tramp_L = saved_L;
  tramp_ref = saved_ref;
  lua_pushinteger(L, r);
  return 1;
}

/* -- nested member: outer.inner is a proxy userdata (a pointer into the parent,
   which it keeps alive as its user value), made on every access of `inner` -- */

typedef struct {
  struct Inner *p;
} InnerRef;

static int l_newouter(lua_State *L) {
  struct Outer *o = (struct Outer *)lua_newuserdatauv(L, sizeof *o, 0);
  memset(o, 0, sizeof *o);
  luaL_setmetatable(L, OUTER_MT);
  return 1;
}

static int outer_index(lua_State *L) {
  struct Outer *o = (struct Outer *)luaL_checkudata(L, 1, OUTER_MT);
  const char *k = luaL_checkstring(L, 2);
  if (strcmp(k, "id") == 0)
    lua_pushinteger(L, o->id);
  else if (strcmp(k, "inner") == 0) {
    InnerRef *r = (InnerRef *)lua_newuserdatauv(L, sizeof *r, 1);
    r->p = &o->inner;
    luaL_setmetatable(L, INNER_MT);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
  } else if (strcmp(k, "w") == 0)
    lua_pushnumber(L, o->w);
  else
    return luaL_error(L, "no member with name '%s'", k);
  return 1;
}

static int outer_newindex(lua_State *L) {
  struct Outer *o = (struct Outer *)luaL_checkudata(L, 1, OUTER_MT);
  const char *k = luaL_checkstring(L, 2);
  if (strcmp(k, "id") == 0)
    o->id = (int)luaL_checkinteger(L, 3);
  else if (strcmp(k, "w") == 0)
    o->w = luaL_checknumber(L, 3);
  else if (strcmp(k, "inner") == 0)
    o->inner = ((InnerRef *)luaL_checkudata(L, 3, INNER_MT))->p[0];
  else
    return luaL_error(L, "no member with name '%s'", k);
  return 0;
}

static int inner_index(lua_State *L) {
  InnerRef *r = (InnerRef *)luaL_checkudata(L, 1, INNER_MT);
  const char *k = luaL_checkstring(L, 2);
  if (strcmp(k, "x") == 0)
    lua_pushinteger(L, r->p->x);
  else if (strcmp(k, "y") == 0)
    lua_pushinteger(L, r->p->y);
  else
    return luaL_error(L, "no member with name '%s'", k);
  return 1;
}

static int inner_newindex(lua_State *L) {
  InnerRef *r = (InnerRef *)luaL_checkudata(L, 1, INNER_MT);
  const char *k = luaL_checkstring(L, 2);
  if (strcmp(k, "x") == 0)
    r->p->x = (int)luaL_checkinteger(L, 3);
  else if (strcmp(k, "y") == 0)
    r->p->y = (int)luaL_checkinteger(L, 3);
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

static const luaL_Reg pt_meta[] = {{"__index", pt_index}, {"__newindex", pt_newindex}, {NULL, NULL}};

static const luaL_Reg vec3_meta[] = {{"__index", vec3_index}, {NULL, NULL}};
static const luaL_Reg pair_meta[] = {{"__index", pair_index}, {NULL, NULL}};
static const luaL_Reg cb_meta[] = {{"__gc", callback_gc}, {NULL, NULL}};
static const luaL_Reg outer_meta[] = {{"__index", outer_index}, {"__newindex", outer_newindex}, {NULL, NULL}};
static const luaL_Reg inner_meta[] = {{"__index", inner_index}, {"__newindex", inner_newindex}, {NULL, NULL}};

static const luaL_Reg funcs[] = {{"inc", l_inc},
                                 {"add_dd", l_add_dd},
                                 {"sum4", l_sum4},
                                 {"ptr_off", l_ptr_off},
                                 {"newpt", l_newpt},
                                 {"lightbuf", l_lightbuf},
                                 {"newvec3", l_newvec3},
                                 {"vadd", l_vadd},
                                 {"pmake", l_pmake},
                                 {"sum_var", l_sum_var},
                                 {"callback", l_callback},
                                 {"apply", l_apply},
                                 {"newouter", l_newouter},
                                 {"vscale", l_vscale},
                                 {"cb_loop", l_cb_loop},
                                 {"sum_var3", l_sum_var3},
                                 {NULL, NULL}};

#if defined(__GNUC__)
__attribute__((visibility("default")))
#endif
LUAMOD_API int
luaopen_benchbind(lua_State *L) {
  static const struct {
    const char *name;
    const luaL_Reg *meta;
  } mts[] = {
      {PT_MT, pt_meta}, {VEC3_MT, vec3_meta},   {PAIR_MT, pair_meta},
      {CB_MT, cb_meta}, {OUTER_MT, outer_meta}, {INNER_MT, inner_meta},
  };
  size_t i;
  for (i = 0; i < sizeof mts / sizeof mts[0]; i++) {
    luaL_newmetatable(L, mts[i].name);
    luaL_setfuncs(L, mts[i].meta, 0);
    lua_pop(L, 1);
  }
  luaL_newlib(L, funcs);
  return 1;
}
