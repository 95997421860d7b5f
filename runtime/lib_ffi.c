/*
** lib_ffi.c -- the module: luaopen_ffi, registration under both "ffi" and
** "pluto:ffi", type strings, ffi.struct and ffi.cdef.
*/
#include <errno.h>
#include <string.h>

#include "ffi_cparse.h"
#include "pluto_ffi.h"
#include <stdlib.h>

#include "ffi_int.h"

/* The version lives only in CMake's project(VERSION); runtime/CMakeLists.txt
   passes it in. A build that compiles these sources on its own says so. */
#ifndef FFI_VERSION
#define FFI_VERSION "unknown"
#endif

const char ffi_key_state, ffi_key_cdata_mt, ffi_key_cdata_gcmt, ffi_key_anchor, ffi_key_typecache,
    ffi_key_libmt, ffi_key_gc, ffi_key_cberr, ffi_key_fncache, ffi_key_keeps;

FFIState *ffi_state(lua_State *L) { return lua_touserdata(L, lua_upvalueindex(1)); }

/* -- Types from Lua values -- */

/* The seed's short names (FFI_BUILTIN_TYPES' seed column): "i32", "ptr", ... */
static CType *seed_type(FFIState *S, const char *s, size_t len) {
  static const struct {
    const char *name;
    CTBuiltin b;
  } seed[] = {
#define SEED_ROW(id, kind, size, flags, base, name, seed) {seed, CTB_##id},
      FFI_BUILTIN_TYPES(SEED_ROW)
#undef SEED_ROW
  };
  if (len > 4) return NULL;
  for (size_t i = 0; i < sizeof seed / sizeof seed[0]; i++)
    if (seed[i].name && strcmp(seed[i].name, s) == 0) return ctype_builtin(S->cts, seed[i].b);
  return NULL;
}

CType *ffi_checktype(lua_State *L, FFIState *S, int idx) {
  switch (lua_type(L, idx)) {
  case LUA_TSTRING: {
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    CType *t = seed_type(S, s, len);
    if (t) return t;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_typecache); /* parsed type strings, by text */
    lua_pushvalue(L, idx);
    if (lua_rawget(L, -2) == LUA_TLIGHTUSERDATA) {
      t = lua_touserdata(L, -1);
      lua_pop(L, 2);
      return t;
    }
    lua_pop(L, 1);
    CTMark mark = ctype_begin(S->cts);
    char err[256];
    if (!cparse_type(S->cts, s, len, &t, err, sizeof err)) {
      ctype_rollback(S->cts, mark);
      if (strstr(err, "not enough memory")) luaL_error(L, "not enough memory");
      luaL_error(L, "unknown type '%s'%s", s,
                 memchr(s, '$', len)
                     ? " ('$' placeholders work in ffi.cdef and ffi.typeof only, as in LuaJIT)"
                     : "");
    }
    lua_pushvalue(L, idx);
    lua_pushlightuserdata(L, t);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    return t;
  }
  case LUA_TUSERDATA: {
    CData *cd = cdata_test(L, S, idx);
    if (cd && cd->type && cd->kind != CDK_CALLBACK) {
      if (cd->kind == CDK_OBJECT && cd->type->kind == CT_ARRAY && (cd->type->flags & CTF_VLA))
        return cd->type; /* sizeof uses the instance's own size */
      return cd->type;
    }
    break;
  }
  default: break;
  }
  luaL_typeerror(L, idx, "type (a type string, type object or instance)");
  return NULL;
}

/* Type strings name types that later cdefs may change (a forward declaration
   completed): the cache only holds texts that parse the same way forever,
   so it is cleared whenever new names are declared. */
static void typecache_clear(lua_State *L) {
  lua_newtable(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &ffi_key_typecache);
}

void ffi_parse(lua_State *L, FFIState *S, const char *src, size_t len, unsigned opts, CParseResult *out,
               CTMark *mark) {
  char err[512];
  lua_newtable(L); /* the new type-string cache, made first: nothing may fail after the parse */
  *mark = ctype_begin(S->cts);
  if (!cparse_decls(S->cts, src, len, "cdef", opts, out, err, sizeof err)) {
    ctype_rollback(S->cts, *mark);
    lua_pushstring(L, err); /* "cdef:LINE:COL: ...": the C text's position, not Lua's */
    lua_error(L);
  }
  lua_rawsetp(L, LUA_REGISTRYINDEX, &ffi_key_typecache); /* an existing key: no allocation */
}

/* -- ffi.struct / ffi.cdef -- */

static int ffi_struct(lua_State *L) {
  FFIState *S = ffi_state(L);
  size_t len;
  const char *src = luaL_checklstring(L, 1, &len);
  CParseResult res;
  CTMark mark;
  ffi_parse(L, S, src, len, CP_SCOPED, &res, &mark);
  if (!res.last_record) {
    ctype_rollback(S->cts, mark);
    return luaL_error(L, "cdef: no struct or union definition found");
  }
  cdata_push_ctype(L, S, res.last_record);
  return 1;
}

static int ffi_cdef(lua_State *L) {
  FFIState *S = ffi_state(L);
  luajit_subst(L, S, 1); /* ffi.cdef("typedef struct { $ $; } t;", T, "name") */
  size_t len;
  const char *src = luaL_checklstring(L, 1, &len);
  CParseResult res;
  CTMark mark;
  ffi_parse(L, S, src, len, 0, &res, &mark);
  for (size_t i = 0; i < res.n; i++) { /* named records on the module, never over its API */
    CDecl *d = &res.decls[i];
    if (!((d->kind == CDK_RECORD || d->kind == CDK_TYPEDEF) && ctype_isrecord(d->type))) continue;
    lua_getfield(L, lua_upvalueindex(2), d->name);
    bool api = lua_isfunction(L, -1) || (!lua_isnil(L, -1) && !cdata_test(L, S, -1));
    lua_pop(L, 1);
    if (api) continue;
    cdata_push_ctype(L, S, d->type);
    lua_setfield(L, lua_upvalueindex(2), d->name);
  }
  return 0;
}

static int ffi_errno(lua_State *L) {
  FFIState *S = ffi_state(L);
  int old = S->saved_errno;
  if (!lua_isnoneornil(L, 1)) {
    S->saved_errno = (int)luaL_checkinteger(L, 1);
    errno = S->saved_errno;
  }
  lua_pushinteger(L, old);
  return 1;
}

/* -- Module -- */

static int state_gc(lua_State *L) {
  FFIState *S = lua_touserdata(L, 1);
  ctstate_free(S->cts);
  S->cts = NULL;
  free(S->cbfree);
  S->cbfree = NULL;
  return 0;
}

static void add_funcs(lua_State *L, const luaL_Reg *fns) {
  /* stack: module, state */
  for (; fns->name; fns++) {
    lua_pushvalue(L, -1);
    lua_pushvalue(L, -3);
    lua_pushcclosure(L, fns->func, 2);
    lua_setfield(L, -3, fns->name);
  }
}

/* Pushes a new table with weak keys or values (mode "k" / "v"). */
static void push_weak_table(lua_State *L, const char *mode) {
  lua_newtable(L);
  lua_newtable(L);
  lua_pushstring(L, mode);
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
}

/* Every ffi.* function, in docs/api.md's order: Pluto's, then the additions,
   then LuaJIT's names. Each gets the state as its upvalue (ffi_state()). */
static const luaL_Reg ffi_functions[] = {{"open", ffi_open},
                                         {"struct", ffi_struct},
                                         {"new", ffi_new},
                                         {"cdef", ffi_cdef},
                                         {"sizeof", ffi_sizeof},
                                         {"offsetof", ffi_offsetof},
                                         {"alloc", ffi_alloc},
                                         {"write", ffi_write},
                                         {"read", ffi_read},
                                         {"callback", ffi_callback},
                                         {"string", ffi_string},
                                         {"isnull", ffi_isnull},
                                         {"errno", ffi_errno},
                                         {"alignof", ffi_alignof},
                                         {"cast", ffi_cast},
                                         {"typeof", ffi_typeof},
                                         {"addressof", ffi_addressof},
                                         {"copy", ffi_copy},
                                         {"fill", ffi_fill},
                                         {"gc", ffi_gc},
                                         {"load", ffi_load},
                                         {"metatype", ffi_metatype},
                                         {"istype", ffi_istype},
                                         {"abi", ffi_abi_is},
                                         {"tonumber", ffi_tonumber},
                                         {NULL, NULL}};

PLUTO_FFI_API int luaopen_ffi(lua_State *L) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_state) == LUA_TTABLE) return 1; /* opened before */
  lua_pop(L, 1);
  lua_newtable(L); /* module */
  FFIState *S = lua_newuserdatauv(L, sizeof(FFIState), 0);
  memset(S, 0, sizeof *S);
  lua_newtable(L);
  lua_pushcfunction(L, state_gc);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
  S->cts = ctstate_new();
  if (!S->cts) return luaL_error(L, "not enough memory");
  lua_newtable(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &ffi_key_anchor);
  lua_pushboolean(L, 0); /* a callback's error goes here (ccallback.c): the slot exists from now on */
  lua_rawsetp(L, LUA_REGISTRYINDEX, &ffi_key_cberr);
  typecache_clear(L);
  push_weak_table(L, "v");                   /* callback slot -> object, at an integer registry slot: */
  S->cbtab = luaL_ref(L, LUA_REGISTRYINDEX); /* the fastest lookups for C calling Lua */
  push_weak_table(L, "k");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &ffi_key_gc);
  push_weak_table(L, "k"); /* root object -> its keep table (cdata.c cdata_keep) */
  lua_rawsetp(L, LUA_REGISTRYINDEX, &ffi_key_keeps);
  push_weak_table(L, "k"); /* function-pointer object -> its prepared call (cdata.c) */
  lua_rawsetp(L, LUA_REGISTRYINDEX, &ffi_key_fncache);
  luajit_open(L);
  cdata_open(L, S);
  clib_open(L, S);
  lua_setfield(L, -3, "C");
  add_funcs(L, ffi_functions);
  lua_pop(L, 1); /* state (kept alive by the closures' upvalues and the registry) */
  lua_pushlightuserdata(L, NULL);
  lua_setfield(L, -2, "nullptr");
  lua_pushstring(L, ctarget.arch);
  lua_setfield(L, -2, "arch");
  lua_pushstring(L, ctarget.os);
  lua_setfield(L, -2, "os");
  lua_pushliteral(L, "pluto-ffi " FFI_VERSION);
  lua_setfield(L, -2, "_VERSION");
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &ffi_key_state);
  /* both names give the same table, whichever is required first */
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, "ffi");
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, "pluto:ffi");
  lua_pop(L, 1);
  return 1;
}

PLUTO_FFI_API void pluto_ffi_preload(lua_State *L) {
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  lua_pushcfunction(L, luaopen_ffi);
  lua_setfield(L, -2, "ffi");
  lua_pushcfunction(L, luaopen_ffi);
  lua_setfield(L, -2, "pluto:ffi");
  lua_pop(L, 1);
}
