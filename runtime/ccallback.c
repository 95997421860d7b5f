/*
** ccallback.c -- C calling Lua: libffi closures. On the Lua thread during an
** FFI call the Lua function runs at once; an error is kept and raised by that
** FFI call once C returns. From a foreign thread a callback either returns its
** default value at once or (blocking) waits for cb:tick() on the Lua side.
*/
#include <ffi.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "ffi_int.h"

typedef struct Pending {
  struct Pending *next;
  void **args;
  void *ret;
  bool done;
} Pending;

typedef struct CCallback {
  ffi_closure *closure;
  void *code;
  ffi_cif cif;
  CType *ft;
  FFIState *S;
  pthread_t owner; /* the Lua thread: the one that made the callback */
  pthread_mutex_t mu;
  pthread_cond_t cv;
  Pending *queue;
  atomic_long count;
  atomic_bool blocking;
  atomic_bool freed;
  lua_Integer slot;                      /* key of this callback's object in the weak callback table */
  _Alignas(16) unsigned char defret[32]; /* default result, as C bytes (widened) */
  ffi_type *atypes[];
} CCallback;

static CCallback *cb_of(CData *cd) { return (CCallback *)cd->ptr; }

void *ccallback_code(CData *cd) {
  CCallback *cb = cb_of(cd);
  return atomic_load(&cb->freed) ? NULL : cb->code;
}

/* Writes a result of type t from src into libffi's return buffer (ints widened). */
static void write_ret(CType *t, void *ret, const void *src) {
  if (t->kind == CT_VOID) return;
  if ((ctype_isint(t)) && t->size < sizeof(ffi_arg)) {
    bool u = t->flags & CTF_UNSIGNED;
    ffi_arg a;
    switch (t->size) {
    case 1: a = u ? (ffi_arg) * (const uint8_t *)src : (ffi_arg)(ffi_sarg) * (const int8_t *)src; break;
    case 2: a = u ? (ffi_arg) * (const uint16_t *)src : (ffi_arg)(ffi_sarg) * (const int16_t *)src; break;
    default: a = u ? (ffi_arg) * (const uint32_t *)src : (ffi_arg)(ffi_sarg) * (const int32_t *)src; break;
    }
    memcpy(ret, &a, sizeof a);
    return;
  }
  memcpy(ret, src, t->size);
}

static void write_default(CCallback *cb, void *ret) {
  CType *rt = cb->ft->base;
  if (rt->size <= sizeof cb->defret)
    write_ret(rt, ret, cb->defret);
  else
    memset(ret, 0, rt->size);
}

/* -- Running the Lua function (protected) -- */

typedef struct CBRun {
  CCallback *cb;
  void *ret;
  void **args;
} CBRun;

static int cb_run(lua_State *L) {
  CBRun *r = lua_touserdata(L, 1);
  CCallback *cb = r->cb;
  FFIState *S = cb->S;
  lua_rawgeti(L, LUA_REGISTRYINDEX, S->cbtab);
  if (lua_rawgeti(L, -1, cb->slot) != LUA_TUSERDATA || lua_getiuservalue(L, -1, 1) != LUA_TFUNCTION)
    return luaL_error(L, "callback was freed");
  CType *ft = cb->ft;
  int owner = lua_gettop(L) - 1;
  (void)owner;
  for (size_t i = 0; i < ft->n; i++) cconv_push(L, S, ft->u.params[i], r->args[i], 0);
  CType *rt = ft->base;
  lua_call(L, (int)ft->n, rt->kind == CT_VOID ? 0 : 1);
  if (rt->kind != CT_VOID) {
    _Alignas(16) unsigned char tmp[64];
    void *dst = rt->size <= sizeof tmp ? (void *)tmp : r->ret;
    ConvCtx ctx = {"callback", -1};
    if (lua_isnil(L, -1) && rt->kind != CT_PTR) { /* no result: the default value */
      write_default(cb, r->ret);
      return 0;
    }
    cconv_check(L, S, rt, dst, lua_gettop(L), &ctx);
    if (dst == tmp) write_ret(rt, r->ret, tmp);
  }
  return 0;
}

static void cb_handler(ffi_cif *cif, void *ret, void **args, void *ud) {
  CCallback *cb = ud;
  (void)cif;
  atomic_fetch_add(&cb->count, 1);
  if (atomic_load(&cb->freed)) {
    write_default(cb, ret);
    return;
  }
  if (pthread_equal(pthread_self(), cb->owner)) {
    CallFrame *fr = cb->S->frame;
    if (!fr || fr->failed) { /* outside an FFI call, or an earlier invocation failed */
      write_default(cb, ret);
      return;
    }
    lua_State *L = fr->L;
    CBRun r = {cb, ret, args};
    lua_pushcfunction(L, cb_run);
    lua_pushlightuserdata(L, &r);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
      fr->failed = true; /* the FFI call raises it once C returns */
      lua_rawsetp(L, LUA_REGISTRYINDEX, &ffi_key_cberr);
      write_default(cb, ret);
    }
    return;
  }
  if (!atomic_load(&cb->blocking)) {
    write_default(cb, ret);
    return;
  }
  Pending p = {NULL, args, ret, false};
  pthread_mutex_lock(&cb->mu);
  if (atomic_load(&cb->freed)) {
    pthread_mutex_unlock(&cb->mu);
    write_default(cb, ret);
    return;
  }
  Pending **tail = &cb->queue;
  while (*tail) tail = &(*tail)->next;
  *tail = &p;
  while (!p.done) pthread_cond_wait(&cb->cv, &cb->mu);
  pthread_mutex_unlock(&cb->mu);
}

/* -- Lifetime -- */

static void release_waiters(CCallback *cb) {
  pthread_mutex_lock(&cb->mu);
  for (Pending *p = cb->queue; p; p = p->next) {
    write_default(cb, p->ret);
    p->done = true;
  }
  cb->queue = NULL;
  pthread_cond_broadcast(&cb->cv);
  pthread_mutex_unlock(&cb->mu);
}

static void cb_free(CCallback *cb) {
  if (atomic_exchange(&cb->freed, true)) return;
  release_waiters(cb);
  if (cb->closure) ffi_closure_free(cb->closure);
  cb->closure = NULL;
}

void ccallback_gc(CData *cd) {
  CCallback *cb = cb_of(cd);
  cb_free(cb);
  pthread_cond_destroy(&cb->cv);
  pthread_mutex_destroy(&cb->mu);
}

/* Creates a callback object for function at fidx with signature ft; pushes it. */
static CData *cb_create(lua_State *L, FFIState *S, CType *ft, int fidx) {
  char b[128];
  fidx = lua_absindex(L, fidx);
  const char *err = NULL;
  ffi_type *rt = ccall_ffitype(ft->base, &err);
  if (!rt) luaL_error(L, "callback cannot return '%s': %s", ctype_repr(ft->base, b, sizeof b), err);
  if (ft->flags & CTF_VARARG) luaL_error(L, "variadic callbacks are not supported");
  size_t sz = sizeof(CCallback) + ft->n * sizeof(ffi_type *);
  CData *cd = lua_newuserdatauv(L, sizeof(CData) + sz + 16, 2);
  cd->type = ft;
  cd->ptr = (void *)(((uintptr_t)(cd + 1) + 15) & ~(uintptr_t)15);
  cd->size = 0;
  cd->kind = CDK_CALLBACK;
  cd->owned = true;
  cd->has_gc = false;
  cd->count = 0;
  CCallback *cb = cd->ptr;
  memset(cb, 0, sizeof *cb);
  cb->ft = ft;
  cb->S = S;
  cb->owner = pthread_self();
  atomic_init(&cb->count, 0);
  atomic_init(&cb->blocking, false);
  atomic_init(&cb->freed, true); /* until the closure exists: __gc is then harmless */
  pthread_mutex_init(&cb->mu, NULL);
  pthread_cond_init(&cb->cv, NULL);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_cdata_gcmt); /* frees the closure */
  lua_setmetatable(L, -2);
  for (size_t i = 0; i < ft->n; i++) {
    CType *t = ft->u.params[i];
    cb->atypes[i] = ccall_ffitype(t, &err);
    if (!cb->atypes[i]) luaL_error(L, "callback cannot take '%s': %s", ctype_repr(t, b, sizeof b), err);
  }
  if (ffi_prep_cif(&cb->cif, FFI_DEFAULT_ABI, (unsigned)ft->n, rt, cb->atypes) != FFI_OK)
    luaL_error(L, "cannot prepare the callback's signature");
  cb->closure = ffi_closure_alloc(sizeof(ffi_closure), &cb->code);
  if (!cb->closure) luaL_error(L, "cannot allocate a callback (closure memory exhausted)");
  if (ffi_prep_closure_loc(cb->closure, &cb->cif, cb_handler, cb, cb->code) != FFI_OK) {
    ffi_closure_free(cb->closure);
    cb->closure = NULL;
    luaL_error(L, "cannot prepare the callback");
  }
  atomic_store(&cb->freed, false);
  lua_pushvalue(L, fidx);
  lua_setiuservalue(L, -2, 1);
  lua_rawgeti(L, LUA_REGISTRYINDEX, S->cbtab); /* weak: slot -> object */
  lua_pushvalue(L, -2);
  cb->slot = ++S->cbslots;
  lua_rawseti(L, -2, cb->slot);
  lua_pop(L, 1);
  return cd;
}

void ccallback_new(lua_State *L, FFIState *S, CType *ft, int idx) { cb_create(L, S, ft, idx); }

void *ccallback_from_function(lua_State *L, FFIState *S, int idx, CType *ft) {
  CData *cd = cb_create(L, S, ft, idx); /* stays on the stack: lives for this call */
  return cb_of(cd)->code;
}

/* -- Lua API -- */

static CCallback *check_cb(lua_State *L) {
  FFIState *S = ffi_state(L);
  CData *cd = cdata_test(L, S, 1);
  if (!cd || cd->kind != CDK_CALLBACK) luaL_error(L, "bad argument #1 (callback expected)");
  return cb_of(cd);
}

static int cb_blocking(lua_State *L) {
  CCallback *cb = check_cb(L);
  if (lua_isnone(L, 2)) {
    lua_pushboolean(L, atomic_load(&cb->blocking));
    return 1;
  }
  atomic_store(&cb->blocking, lua_toboolean(L, 2));
  lua_settop(L, 1);
  return 1;
}

static int cb_defaultreturn(lua_State *L) {
  CCallback *cb = check_cb(L);
  FFIState *S = ffi_state(L);
  CType *rt = cb->ft->base;
  if (lua_isnone(L, 2)) {
    if (lua_getiuservalue(L, 1, 2) == LUA_TNIL && rt->kind != CT_VOID && rt->kind != CT_PTR) {
      lua_pop(L, 1);
      cconv_push(L, S, rt, cb->defret, 0); /* 0, 0.0, false; pointers: nil (NULL) */
    }
    return 1;
  }
  if (rt->kind == CT_VOID) return luaL_error(L, "a void callback has no return value");
  if (rt->size > sizeof cb->defret) return luaL_error(L, "default return value too large");
  _Alignas(16) unsigned char tmp[sizeof cb->defret] = {0};
  ConvCtx ctx = {"defaultreturn", 1};
  cconv_check(L, S, rt, tmp, 2, &ctx);
  pthread_mutex_lock(&cb->mu);
  memcpy(cb->defret, tmp, sizeof tmp);
  pthread_mutex_unlock(&cb->mu);
  lua_pushvalue(L, 2); /* keeps a string / object default alive */
  lua_setiuservalue(L, 1, 2);
  lua_settop(L, 1);
  return 1;
}

static int cb_callcount(lua_State *L) {
  CCallback *cb = check_cb(L);
  lua_pushinteger(L, (lua_Integer)atomic_load(&cb->count));
  return 1;
}

static int cb_tick(lua_State *L) {
  CCallback *cb = check_cb(L);
  pthread_mutex_lock(&cb->mu);
  Pending *q = cb->queue;
  cb->queue = NULL;
  pthread_mutex_unlock(&cb->mu);
  int ran = 0, errors = 0;
  for (Pending *p = q; p; p = p->next) {
    CBRun r = {cb, p->ret, p->args};
    lua_pushcfunction(L, cb_run);
    lua_pushlightuserdata(L, &r);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
      write_default(cb, p->ret);
      if (errors++ == 0)
        lua_insert(L, 1); /* keep the first error */
      else
        lua_pop(L, 1);
    }
    ran++;
  }
  pthread_mutex_lock(&cb->mu);
  for (Pending *p = q; p;) {
    Pending *next = p->next; /* p lives on the waiting thread's stack */
    p->done = true;
    p = next;
  }
  pthread_cond_broadcast(&cb->cv);
  pthread_mutex_unlock(&cb->mu);
  if (errors) {
    lua_pushvalue(L, 1);
    return lua_error(L);
  }
  lua_pushinteger(L, ran);
  return 1;
}

static int cb_freefn(lua_State *L) {
  CCallback *cb = check_cb(L);
  cb_free(cb);
  return 0;
}

int ccallback_index(lua_State *L, CData *cd, const char *key) {
  static const luaL_Reg methods[] = {{"blocking", cb_blocking},   {"defaultreturn", cb_defaultreturn},
                                     {"callcount", cb_callcount}, {"tick", cb_tick},
                                     {"free", cb_freefn},         {NULL, NULL}};
  (void)cd;
  for (const luaL_Reg *m = methods; m->name; m++)
    if (strcmp(m->name, key) == 0) {
      lua_pushvalue(L, lua_upvalueindex(1)); /* the state, for ffi_state() */
      lua_pushcclosure(L, m->func, 1);
      return 1;
    }
  return luaL_error(L, "callback has no method '%s'", key);
}

static int ffi_callback(lua_State *L) {
  FFIState *S = ffi_state(L);
  int n = lua_gettop(L);
  if (n < 2 || !lua_isfunction(L, n))
    return luaL_error(L, "bad argument #%d to 'callback' (function expected as the last argument)",
                      n < 1 ? 1 : n);
  CTState *cts = S->cts;
  CTMark mark = ctype_begin(cts);
  CType *ret = ffi_checktype(L, S, 1);
  int nparams = n - 2;
  if (nparams == 1 && ffi_checktype(L, S, 2)->kind == CT_VOID) nparams = 0;
  CType *ft = ctype_new(cts, CT_FUNC);
  CType **params = ctype_alloc(cts, (size_t)(nparams ? nparams : 1) * sizeof(CType *));
  if (!ft || !params) {
    ctype_rollback(cts, mark);
    return luaL_error(L, "not enough memory");
  }
  ft->base = ret;
  ft->u.params = params;
  ft->n = (size_t)nparams;
  for (int i = 0; i < nparams; i++) {
    CType *t = ffi_checktype(L, S, 2 + i);
    if (t->kind == CT_VOID)
      return luaL_error(L, "bad argument #%d to 'callback' ('void' must be the only parameter)", 2 + i);
    if (t->kind == CT_ARRAY) t = ctype_ptr(cts, t->base, false);
    params[i] = t;
  }
  cb_create(L, S, ft, n);
  return 1;
}

const luaL_Reg *ccallback_functions(void) {
  static const luaL_Reg fns[] = {{"callback", ffi_callback}, {NULL, NULL}};
  return fns;
}
