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
  ffi_closure *closure; /* NULL when the entry point comes from the pool (cbstubs.h) */
  void *code;
  ffi_cif cif;
  CType *ft;
  FFIState *S;
  pthread_t owner; /* the Lua thread: the one that made the callback */
  pthread_mutex_t mu;
  pthread_cond_t cv;
  Pending *queue;
  atomic_long count;    /* calls that took the slow path (any thread) */
  unsigned long ocount; /* calls on the fast path: only the owner thread touches it */
  atomic_bool blocking;
  atomic_bool freed;
  int fnref;        /* key of the Lua function in the weak table at S->cbtab */
  int pool[3];      /* result class, shape, entry of a pooled entry point; pool[0] < 0: none */
  uint32_t ptrmask; /* bit i: parameter i is a void pointer (light userdata) */
  uint32_t umask;   /* bit i: parameter i is an unsigned 32-bit integer */
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
  if (lua_rawgeti(L, -1, cb->fnref) != LUA_TFUNCTION) return luaL_error(L, "callback was freed");
  CType *ft = cb->ft;
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

/* Every call that the fast path (cbf_enter) does not take: foreign threads,
   calls outside an FFI call or after an earlier invocation failed, freed
   callbacks, and shapes without a compiler-made dispatcher (libffi's entry). */
static void cb_slow(CCallback *cb, void *ret, void **args) {
  if (!cb) { /* a pooled entry point called after its callback was collected */
    memset(ret, 0, sizeof(ffi_arg));
    return;
  }
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

static void cb_handler(ffi_cif *cif, void *ret, void **args, void *ud) {
  (void)cif;
  cb_slow(ud, ret, args);
}

/* -- The fast path: compiler-made entry points (cbstubs.h) --
   On the Lua thread, during an FFI call, a pooled entry point converts its
   typed arguments straight to Lua values and runs the Lua function under
   lua_pcall, with no libffi classification, no C function between pcall and
   the Lua function, and one table lookup for the function. Only arguments
   whose push cannot raise (integers, doubles, void pointers) are eligible. */

typedef union CBRet {
  ffi_arg a;
  int64_t l;
  double d;
  _Alignas(16) unsigned char b[32];
} CBRet;

/* The Lua state to run on, with the function pushed; NULL: slow path. The first
   fast callback of an FFI call leaves the callback table on L's stack (above
   the call's arguments, dropped when the call returns) for the ones after it. */
static inline lua_State *cbf_enter(CCallback *cb) {
  if (l_unlikely(!cb || atomic_load_explicit(&cb->freed, memory_order_relaxed))) return NULL;
  CallFrame *fr = cb->S->frame;
  if (l_unlikely(!fr || fr->failed || !pthread_equal(pthread_self(), cb->owner))) return NULL;
  lua_State *L = fr->L;
  if (l_unlikely(!fr->cbtab)) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, cb->S->cbtab);
    fr->cbtab = lua_gettop(L);
  }
  if (l_unlikely(lua_rawgeti(L, fr->cbtab, cb->fnref) != LUA_TFUNCTION)) {
    lua_pop(L, 1);
    return NULL;
  }
  cb->ocount++;
  return L;
}

static inline void cbf_arg_I(lua_State *L, CCallback *cb, int i, int32_t v) {
  lua_pushinteger(L, (cb->umask >> i) & 1 ? (lua_Integer)(uint32_t)v : (lua_Integer)v);
}

static inline void cbf_arg_L(lua_State *L, CCallback *cb, int i, int64_t v) {
  if ((cb->ptrmask >> i) & 1)
    lua_pushlightuserdata(L, (void *)(intptr_t)v);
  else
    lua_pushinteger(L, (lua_Integer)v);
}

static inline void cbf_arg_D(lua_State *L, CCallback *cb, int i, double v) {
  (void)cb;
  (void)i;
  lua_pushnumber(L, (lua_Number)v);
}

/* Runs the function; false: it raised, the error is kept for the FFI call. */
static inline bool cbf_call(lua_State *L, CCallback *cb, int nargs, int nres) {
  if (l_likely(lua_pcall(L, nargs, nres, 0) == LUA_OK)) return true;
  cb->S->frame->failed = true; /* the FFI call raises it once C returns */
  lua_rawsetp(L, LUA_REGISTRYINDEX, &ffi_key_cberr);
  return false;
}

/* The default result of a pooled shape (8 bytes at most, so always in defret). */
static void cbf_defret(CCallback *cb, CBRet *rb) { write_ret(cb->ft->base, rb, cb->defret); }

static int cb_convret(lua_State *L) {
  CBRun *r = lua_touserdata(L, 1);
  CType *rt = r->cb->ft->base;
  _Alignas(16) unsigned char tmp[sizeof(CBRet)];
  ConvCtx ctx = {"callback", -1};
  cconv_check(L, r->cb->S, rt, tmp, 2, &ctx);
  write_ret(rt, r->ret, tmp);
  return 0;
}

/* The result is not a plain number: nil (the default), or a conversion that may raise. */
static l_noinline void cbf_ret_slow(lua_State *L, CCallback *cb, CBRet *rb) {
  CType *rt = cb->ft->base;
  if (lua_isnil(L, -1) && rt->kind != CT_PTR) {
    cbf_defret(cb, rb);
  } else {
    CBRun r = {cb, rb, NULL};
    lua_pushcfunction(L, cb_convret);
    lua_pushlightuserdata(L, &r);
    lua_pushvalue(L, -3);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
      cb->S->frame->failed = true;
      lua_rawsetp(L, LUA_REGISTRYINDEX, &ffi_key_cberr);
      cbf_defret(cb, rb);
    }
  }
  lua_pop(L, 1); /* the result */
}

/* The Lua result at -1 as the C result of class cls: integers as cconv_toint
   takes them (lua_tointegerx), numbers for 'D'; anything else converts
   slowly. cls is a constant at every (inlined) call. */
static inline void cbf_ret(lua_State *L, CCallback *cb, char cls, CBRet *rb) {
  int ok = 0;
  if (cls == 'D')
    rb->d = lua_tonumberx(L, -1, &ok);
  else if (cls == 'I')
    rb->a = (ffi_arg)lua_tointegerx(L, -1, &ok);
  else if (cb->ft->base->kind != CT_PTR)
    rb->l = (int64_t)lua_tointegerx(L, -1, &ok);
  if (l_likely(ok))
    lua_pop(L, 1);
  else
    cbf_ret_slow(L, cb, rb);
}

/* clang-format off */
static inline int32_t cbf_ret_I(lua_State *L, CCallback *cb) { CBRet rb; cbf_ret(L, cb, 'I', &rb); return (int32_t)rb.a; }
static inline int64_t cbf_ret_L(lua_State *L, CCallback *cb) { CBRet rb; cbf_ret(L, cb, 'L', &rb); return rb.l; }
static inline double cbf_ret_D(lua_State *L, CCallback *cb) { CBRet rb; cbf_ret(L, cb, 'D', &rb); return rb.d; }
static inline int32_t cbf_default_I(CCallback *cb) { CBRet rb; cbf_defret(cb, &rb); return (int32_t)rb.a; }
static inline int64_t cbf_default_L(CCallback *cb) { CBRet rb; cbf_defret(cb, &rb); return rb.l; }
static inline double cbf_default_D(CCallback *cb) { CBRet rb; cbf_defret(cb, &rb); return rb.d; }
/* clang-format on */
static inline int32_t cbf_slowret_I(const CBRet *rb) { return (int32_t)rb->a; }
static inline int64_t cbf_slowret_L(const CBRet *rb) { return rb->l; }
static inline double cbf_slowret_D(const CBRet *rb) { return rb->d; }

#include "cbstubs.h"

static pthread_mutex_t cbpool_mu = PTHREAD_MUTEX_INITIALIZER;

/* 'I' int32, 'L' int64 or void pointer, 'D' double ('V' void result); 0: not pooled. */
static char cbpool_class(const CType *t, bool result) {
  switch (t->kind) {
  case CT_VOID: return result ? 'V' : 0;
  case CT_INT:
  case CT_ENUM: {
    /* an unsigned 32-bit result, returned as int32_t, would come back
       sign-extended where the caller relies on the callee's zero extension */
    const CType *b = t->kind == CT_ENUM && t->base ? t->base : t;
    if (result && t->size == 4 && (b->flags & CTF_UNSIGNED) && ctarget.int_args_extended) return 0;
    return t->size == 4 ? 'I' : t->size == 8 ? 'L' : 0;
  }
  case CT_PTR: return sizeof(void *) == 8 && (result || (t->flags & CTF_VOIDP)) ? 'L' : 0;
  case CT_FLOAT: return t->size == 8 ? 'D' : 0;
  default: return 0;
  }
}

/* Hands cb a pooled entry point for its shape, if there is a free one. */
static void *cbpool_take(CCallback *cb) {
  CType *ft = cb->ft;
  if (ft->n > CBSTUB_MAXARGS) return NULL;
  int c = ffi_shape_index(ft, "ILD", cbpool_class);
  if (c < 0) return NULL;
  char rk = cbpool_class(ft->base, true);
  int r = rk == 'V' ? 0 : rk == 'I' ? 1 : rk == 'L' ? 2 : rk == 'D' ? 3 : -1;
  if (r < 0) return NULL;
  void *code = NULL;
  pthread_mutex_lock(&cbpool_mu);
  for (int k = 0; k < CBSTUB_POOL; k++)
    if (!cbpool[r][c][k]) {
      cbpool[r][c][k] = cb;
      cb->pool[0] = r, cb->pool[1] = c, cb->pool[2] = k;
      for (size_t i = 0; i < ft->n; i++) {
        if (ft->u.params[i]->kind == CT_PTR) cb->ptrmask |= 1u << i;
        if (cbpool_class(ft->u.params[i], false) == 'I' && (ft->u.params[i]->flags & CTF_UNSIGNED))
          cb->umask |= 1u << i;
      }
      code = (void *)cbentries[r][c][k];
      break;
    }
  pthread_mutex_unlock(&cbpool_mu);
  return code;
}

static void cbpool_release(CCallback *cb) {
  if (cb->pool[0] < 0) return;
  pthread_mutex_lock(&cbpool_mu);
  cbpool[cb->pool[0]][cb->pool[1]][cb->pool[2]] = NULL;
  pthread_mutex_unlock(&cbpool_mu);
  cb->pool[0] = -1;
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

/* Keys of the callback table. Not luaL_ref: its free list cannot tell a
   weak entry cleared while its callback awaits finalization from a free one,
   and would hand the key out twice. A key is free only once __gc gives it back. */
static int cbkey_take(FFIState *S) {
  if (S->ncbfree) return S->cbfree[--S->ncbfree];
  if (S->cbnext == S->ccbfree) { /* room to give every key handed out back later */
    int cap = S->ccbfree ? S->ccbfree * 2 : 64;
    int *p = realloc(S->cbfree, (size_t)cap * sizeof(int));
    if (!p) return 0;
    S->cbfree = p;
    S->ccbfree = cap;
  }
  return ++S->cbnext;
}

static void cbkey_give(FFIState *S, int key) { S->cbfree[S->ncbfree++] = key; }

void ccallback_gc(lua_State *L, CData *cd) {
  CCallback *cb = cb_of(cd);
  cb_free(cb);
  cbpool_release(cb); /* only now: a freed but live callback's entry returns the default */
  if (cb->fnref > 0) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, cb->S->cbtab);
    lua_pushnil(L);
    lua_rawseti(L, -2, cb->fnref);
    lua_pop(L, 1);
    cbkey_give(cb->S, cb->fnref);
    cb->fnref = 0;
  }
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
  cb->pool[0] = -1;
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
  lua_pushvalue(L, fidx); /* the object keeps its function alive; the weak table finds it */
  lua_setiuservalue(L, -2, 1);
  cb->fnref = cbkey_take(S);
  if (!cb->fnref) luaL_error(L, "not enough memory");
  lua_rawgeti(L, LUA_REGISTRYINDEX, S->cbtab);
  lua_pushvalue(L, fidx);
  lua_rawseti(L, -2, cb->fnref);
  lua_pop(L, 1);
  cb->code = cbpool_take(cb);
  if (!cb->code) {
    cb->closure = ffi_closure_alloc(sizeof(ffi_closure), &cb->code);
    if (!cb->closure) luaL_error(L, "cannot allocate a callback (closure memory exhausted)");
    if (ffi_prep_closure_loc(cb->closure, &cb->cif, cb_handler, cb, cb->code) != FFI_OK) {
      ffi_closure_free(cb->closure);
      cb->closure = NULL;
      luaL_error(L, "cannot prepare the callback");
    }
  }
  atomic_store(&cb->freed, false);
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
  lua_pushinteger(L, (lua_Integer)(atomic_load(&cb->count) + (long)cb->ocount));
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

CType *ccallback_type(CData *cd) { return cb_of(cd)->ft; }

/* cb:set(fn): LuaJIT's method, a new Lua function behind the same entry point. */
static int cb_set(lua_State *L) {
  FFIState *S = ffi_state(L);
  CCallback *cb = check_cb(L);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  if (atomic_load(&cb->freed)) return luaL_error(L, "the callback was freed");
  lua_pushvalue(L, 2);
  lua_setiuservalue(L, 1, 1);
  lua_rawgeti(L, LUA_REGISTRYINDEX, S->cbtab);
  lua_pushvalue(L, 2);
  lua_rawseti(L, -2, cb->fnref);
  return 0;
}

static int cb_freefn(lua_State *L) {
  CCallback *cb = check_cb(L);
  cb_free(cb);
  return 0;
}

/* The callback methods: one table of closures (each with the state as its
   upvalue, for ffi_state()), made at the first method lookup and kept in the
   registry, so cb.tick is the same function every time. */
static const char cb_methods_key = 0;

int ccallback_index(lua_State *L, CData *cd, const char *key) {
  (void)cd;
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &cb_methods_key) != LUA_TTABLE) {
    static const luaL_Reg methods[] = {{"blocking", cb_blocking},
                                       {"defaultreturn", cb_defaultreturn},
                                       {"callcount", cb_callcount},
                                       {"tick", cb_tick},
                                       {"free", cb_freefn},
                                       {"set", cb_set},
                                       {NULL, NULL}};
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, lua_upvalueindex(1)); /* the state */
    luaL_setfuncs(L, methods, 1);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &cb_methods_key);
  }
  if (lua_getfield(L, -1, key) == LUA_TNIL) return luaL_error(L, "callback has no method '%s'", key);
  return 1;
}

int ffi_callback(lua_State *L) {
  FFIState *S = ffi_state(L);
  int n = lua_gettop(L);
  if (n < 2 || !lua_isfunction(L, n))
    return luaL_error(L, "bad argument #%d to 'callback' (function expected as the last argument)",
                      n < 1 ? 1 : n);
  CTState *cts = S->cts;
  CType *ret = ffi_checktype(L, S, 1);
  int nparams = n - 2;
  if (nparams == 1 && ffi_checktype(L, S, 2)->kind == CT_VOID) nparams = 0;
  CType *params[FFI_MAX_PARAMS];
  if (nparams > FFI_MAX_PARAMS)
    return luaL_error(L, "too many parameters to 'callback' (at most %d)", FFI_MAX_PARAMS);
  for (int i = 0; i < nparams; i++) {
    CType *t = ffi_checktype(L, S, 2 + i);
    if (t->kind == CT_VOID)
      return luaL_error(L, "bad argument #%d to 'callback' ('void' must be the only parameter)", 2 + i);
    if (t->kind == CT_ARRAY) t = ctype_ptr_to(cts, t->base);
    if (!t) return luaL_error(L, "not enough memory");
    params[i] = t;
  }
  CType *ft = ctype_func(cts, ret, params, (size_t)nparams, 0);
  if (!ft) return luaL_error(L, "not enough memory");
  cb_create(L, S, ft, n);
  return 1;
}
