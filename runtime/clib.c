/*
** clib.c -- libraries: dlopen lifetime, name resolution like the dynamic
** linker, symbol lookup, and the library methods wrap / value / cdef.
*/
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ffi_cparse.h"
#include "ffi_int.h"
#include "ffi_sofind.h"

/* A loaded library: a userdata whose __gc closes it. Wrappers and views keep it. */
typedef struct CLib {
  void *handle;
  bool preloaded; /* already in the process (libc, libm): symbols resolve globally */
  char name[200]; /* as opened ("" for ffi.C), for error messages */
} CLib;

/* "could not find 'X' in library" plus which library was searched. */
static const char *missing_symbol(lua_State *L, const CLib *lib, const char *sym) {
  if (lib->name[0]) return lua_pushfstring(L, "could not find '%s' in library '%s'", sym, lib->name);
  return lua_pushfstring(L, "could not find '%s' in library (the program's global symbols)", sym);
}

/* A symbol as the dynamic linker would bind it for a program linked against the
   library: for libraries already in the process that honours interposition
   (an LD_PRELOAD allocator, the sanitizers' malloc/free), else the library's own. */
static void *lib_sym(CLib *lib, const char *name) {
  void *p = lib->handle ? dlsym(lib->handle, name) : NULL;
  if (p && lib->preloaded) {
    void *g = dlsym(RTLD_DEFAULT, name);
    if (g) return g;
  }
  return p;
}

static int clib_gc(lua_State *L) {
  CLib *lib = lua_touserdata(L, 1);
  if (lib->handle) dlclose(lib->handle);
  lib->handle = NULL;
  return 0;
}

/* -- Name resolution -- */

/* Finds what the linker would use for base ("libm.so") in the usual
   directories: the shared object a linker script names, else the versioned
   file (the soname). */
static bool find_soname(const char *base, char *out, size_t outlen) {
  for (int i = 0; ffi_lib_dirs[i]; i++) {
    char path[1024], file[256];
    snprintf(path, sizeof path, "%s/%s", ffi_lib_dirs[i], base);
    if (ffi_so_script_target(path, out, outlen)) return true;
    if (ffi_so_versioned(ffi_lib_dirs[i], base, file, sizeof file)) {
      snprintf(out, outlen, "%s/%s", ffi_lib_dirs[i], file);
      return true;
    }
  }
  return false;
}

/* scope: RTLD_LOCAL (ffi.open), or RTLD_GLOBAL (LuaJIT's ffi.load(name, true)),
   which also promotes a library already loaded locally. */
static void *open_library(const char *name, int scope, bool *preloaded, char *err, size_t errlen) {
  void *h = dlopen(name, RTLD_NOW | RTLD_NOLOAD | scope);
  *preloaded = h != NULL;
  if (h) return h;
  h = dlopen(name, RTLD_NOW | scope);
  if (h) return h;
  const char *e = dlerror();
  snprintf(err, errlen, "%s", e ? e : "unknown error");
  if (strchr(name, '/')) return NULL;
  /* a bare name: "m", "libm", "libm.so" -> the runtime soname, as ld would pick */
  char base[256], real[1024];
  const char *so = strstr(name, ".so");
  if (so && so[3] == '.') return NULL; /* already a versioned soname */
  snprintf(base, sizeof base, "%s%s%s", strncmp(name, "lib", 3) == 0 ? "" : "lib", name, so ? "" : ".so");
  if (!find_soname(base, real, sizeof real)) return NULL;
  h = dlopen(real, RTLD_NOW | RTLD_NOLOAD | scope);
  *preloaded = h != NULL;
  if (!h) h = dlopen(real, RTLD_NOW | scope);
  if (!h && (e = dlerror()) != NULL) snprintf(err, errlen, "%s", e);
  return h;
}

/* -- Library objects -- */

/* The CLib userdata of library table idx (kept in its metatable). */
static CLib *check_lib(lua_State *L, int idx) {
  /* luaL_argerror numbers arguments as Lua does: self is #1 with '.', "bad
     self" with ':', and the rest one lower for a method call */
  if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx))
    luaL_argerror(L, idx, "library expected; call methods with ':'");
  lua_rawgetp(L, -1, &ffi_key_libmt);
  CLib *lib = lua_touserdata(L, -1);
  if (!lib) luaL_argerror(L, idx, "library expected; call methods with ':'");
  lua_pop(L, 2);
  return lib;
}

/* Pushes the CLib userdata of the library at idx (what wrappers keep alive). */
static int push_libud(lua_State *L, int idx) {
  lua_getmetatable(L, idx);
  lua_rawgetp(L, -1, &ffi_key_libmt);
  lua_remove(L, -2);
  return lua_gettop(L);
}

static void *find_symbol(lua_State *L, CLib *lib, const char *name) {
  void *p = lib_sym(lib, name);
  if (!p) {
    missing_symbol(L, lib, name);
    lua_error(L);
  }
  return p;
}

static int lib_wrap(lua_State *L) {
  FFIState *S = ffi_state(L);
  CLib *lib = check_lib(L, 1);
  int top = lua_gettop(L);
  CType *ret = ffi_checktype(L, S, 2);
  const char *name = luaL_checkstring(L, 3);
  int nargs = top - 3;
  if (nargs == 1 && ffi_checktype(L, S, 4)->kind == CT_VOID) nargs = 0;
  CType *params[FFI_MAX_PARAMS];
  if (nargs > FFI_MAX_PARAMS) return luaL_error(L, "'%s' has too many parameters", name);
  for (int i = 0; i < nargs; i++) {
    CType *t = ffi_checktype(L, S, 4 + i);
    if (t->kind == CT_VOID) return luaL_argerror(L, 4 + i, "'void' must be the only parameter");
    params[i] = t;
  }
  CType *ft = ctype_func(S->cts, ret, params, (size_t)nargs, 0);
  if (!ft) return luaL_error(L, "not enough memory");
  void *fn = find_symbol(L, lib, name);
  ccall_push(L, S, ft, fn, name, push_libud(L, 1));
  return 1;
}

/* A variable at p: scalars read now, records and arrays as views of the library's
   memory; an array of unknown size (extern char msg[];) as a pointer to its first
   element, since its length is unknown (indexing it is unchecked, as in C). */
static void push_variable(lua_State *L, FFIState *S, CType *t, void *p, int libud) {
  if (t->kind == CT_ARRAY && (t->flags & CTF_VLA)) {
    CType *pt = ctype_ptr_to(S->cts, t->base);
    if (!pt) luaL_error(L, "not enough memory");
    cdata_pushptr(L, S, pt, p);
    if (libud && !lua_isnil(L, -1)) {
      lua_pushvalue(L, libud);
      lua_setiuservalue(L, -2, CD_UV_OWNER);
    }
    return;
  }
  cconv_push(L, S, t, p, libud);
}

static int lib_value(lua_State *L) {
  FFIState *S = ffi_state(L);
  CLib *lib = check_lib(L, 1);
  CType *t = ffi_checktype(L, S, 2);
  const char *name = luaL_checkstring(L, 3);
  if (t->kind == CT_VOID) return luaL_argerror(L, 2, "a variable cannot have type void");
  void *p = find_symbol(L, lib, name);
  int libud = push_libud(L, 1);
  if (t->kind == CT_FUNC)
    ccall_push(L, S, t, p, name, libud);
  else
    push_variable(L, S, t, p, libud);
  return 1;
}

/* Binds every function and variable of a parsed text onto the library table. */
static void bind_decls(lua_State *L, FFIState *S, CLib *lib, int libtab, int libud, CParseResult *res,
                       CTMark mark) {
  /* resolve every symbol first: a missing one leaves nothing behind */
  void **addrs = lua_newuserdatauv(L, (res->n ? res->n : 1) * sizeof(void *), 0);
  for (size_t i = 0; i < res->n; i++) {
    CDecl *d = &res->decls[i];
    addrs[i] = NULL;
    if (d->kind != CDK_FUNC && d->kind != CDK_VAR) continue;
    addrs[i] = lib_sym(lib, d->sym);
    if (!addrs[i]) {
      missing_symbol(L, lib, d->sym);
      ctype_rollback(S->cts, mark); /* frees d->sym: the message was made first */
      lua_error(L);
    }
  }
  for (size_t i = 0; i < res->n; i++) {
    CDecl *d = &res->decls[i];
    if (d->kind == CDK_FUNC)
      ccall_push(L, S, d->type, addrs[i], d->name, libud);
    else if (d->kind == CDK_VAR)
      push_variable(L, S, d->type, addrs[i], libud);
    else
      continue;
    lua_setfield(L, libtab, d->name);
  }
  lua_pop(L, 1);
}

static int lib_cdef(lua_State *L) {
  FFIState *S = ffi_state(L);
  CLib *lib = check_lib(L, 1);
  size_t len;
  const char *src = luaL_checklstring(L, 2, &len);
  bool lazy = false;
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_getfield(L, 3, "lazy");
    lazy = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  lua_settop(L, 2);
  int libud = push_libud(L, 1);
  CParseResult res;
  CTMark mark;
  ffi_parse(L, S, src, len, 0, &res, &mark);
  if (!lazy) {
    bind_decls(L, S, lib, 1, libud, &res, mark);
    return 0;
  }
  /* lazy: the declarations are registered; lib[name] resolves on first use */
  for (size_t i = 0; i < res.n; i++) {
    CDecl *d = &res.decls[i];
    if (d->kind != CDK_FUNC && d->kind != CDK_VAR) continue;
    lua_pushnil(L);
    lua_setfield(L, 1, d->name); /* drop an older binding of that name */
  }
  return 0;
}

/* lib[k] for a name not set on the table: a method, or a declared function,
   variable or constant resolved now (functions are cached on the table). */
static int lib_index(lua_State *L) {
  FFIState *S = ffi_state(L);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_libmt);
  lua_pushvalue(L, 2);
  if (lua_rawget(L, -2) != LUA_TNIL) return 1; /* wrap / value / cdef */
  lua_pop(L, 2);
  if (lua_type(L, 2) != LUA_TSTRING) return 0;
  size_t len;
  const char *k = lua_tolstring(L, 2, &len);
  CTName *n = ctype_lookup(S->cts, NS_ORD, k, len);
  if (!n) return 0;
  if (n->kind == CN_CONST) {
    lua_pushinteger(L, (lua_Integer)n->value);
    return 1;
  }
  if (n->kind != CN_FUNC && n->kind != CN_VAR) return 0;
  CLib *lib = check_lib(L, 1);
  void *p = find_symbol(L, lib, n->sym ? n->sym : n->name);
  int libud = push_libud(L, 1);
  if (n->kind == CN_FUNC) {
    ccall_push(L, S, n->type, p, n->name, libud);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, -2);
    lua_rawset(L, 1);
  } else {
    push_variable(L, S, n->type, p, libud); /* read now: a variable's current value */
  }
  return 1;
}

/* Pushes a new library table for an open handle (on the stack top: CLib userdata). */
static void push_library(lua_State *L, FFIState *S) {
  lua_newtable(L); /* the library: a plain table users may change freely */
  lua_newtable(L); /* its own metatable: lookup + the handle */
  lua_pushlightuserdata(L, S);
  lua_pushcclosure(L, lib_index, 1);
  lua_setfield(L, -2, "__index");
  lua_pushliteral(L, "ffi.library");
  lua_setfield(L, -2, "__name");
  lua_pushvalue(L, -3);
  lua_rawsetp(L, -2, &ffi_key_libmt);
  lua_setmetatable(L, -2);
  lua_remove(L, -2);
}

static CLib *new_clib(lua_State *L) {
  CLib *lib = lua_newuserdatauv(L, sizeof(CLib), 0);
  lib->handle = NULL;
  lib->preloaded = false;
  lib->name[0] = 0;
  lua_newtable(L);
  lua_pushcfunction(L, clib_gc);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
  return lib;
}

static int open_scoped(lua_State *L, int scope) {
  FFIState *S = ffi_state(L);
  const char *name = luaL_checkstring(L, 1);
  char err[512];
  CLib *lib = new_clib(L);
  snprintf(lib->name, sizeof lib->name, "%s", name);
  lib->handle = open_library(name, scope, &lib->preloaded, err, sizeof err);
  if (!lib->handle) return luaL_error(L, "failed to load library '%s': %s", name, err);
  push_library(L, S);
  return 1;
}

void clib_open(lua_State *L, FFIState *S) {
  static const luaL_Reg methods[] = {
      {"wrap", lib_wrap}, {"value", lib_value}, {"cdef", lib_cdef}, {NULL, NULL}};
  lua_newtable(L);
  lua_pushvalue(L, -2); /* the state userdata, below */
  luaL_setfuncs(L, methods, 1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &ffi_key_libmt);
  /* ffi.C: the default namespace (the process and what it has loaded) */
  CLib *lib = new_clib(L);
  lib->handle = dlopen(NULL, RTLD_NOW);
  lib->preloaded = true;
  push_library(L, S);
}
int ffi_open(lua_State *L) { return open_scoped(L, RTLD_LOCAL); }

/* LuaJIT's name: ffi.load(name [, global]); global = true is RTLD_GLOBAL. */
int ffi_load(lua_State *L) { return open_scoped(L, lua_toboolean(L, 2) ? RTLD_GLOBAL : RTLD_LOCAL); }
