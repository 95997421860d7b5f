/*
** cdata.c -- memory objects: instances, views of foreign memory, typed
** pointers, buffers, type objects; and the module functions over them.
*/
#include <string.h>

#include "ffi_cparse.h"
#include "ffi_int.h"

#define FFI_MAX_ALLOC ((lua_Integer)CT_MAX_SIZE) /* every object, ffi.alloc's buffers too */
#define FFI_BUFFER_ALIGN 16                      /* docs/api.md, ffi.alloc */
_Static_assert(FFI_BUFFER_ALIGN >= _Alignof(max_align_t), "ffi.alloc's buffers hold any C type");

/* -- Creation -- */

CData *cdata_test(lua_State *L, FFIState *S, int idx) {
  if (lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx)) return NULL;
  const void *mt = lua_topointer(L, -1);
  bool ours = mt == S->cdata_mt || mt == S->cdata_gcmt;
  lua_pop(L, 1);
  return ours ? (CData *)lua_touserdata(L, idx) : NULL;
}

static void set_mt(lua_State *L) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_cdata_mt);
  lua_setmetatable(L, -2);
}

CData *cdata_new(lua_State *L, FFIState *S, CType *t, size_t size, CDKind kind) {
  /* an object is aligned for its type; an untyped buffer (ffi.alloc) as
     glibc's malloc aligns memory, since C may store any type in it */
  size_t align = !t ? FFI_BUFFER_ALIGN : t->align > sizeof(void *) ? t->align : 1;
  (void)S;
  CData *cd = lua_newuserdatauv(L, sizeof(CData) + size + align - 1, kind == CDK_POINTER ? 1 : 0);
  uintptr_t p = (uintptr_t)(cd + 1);
  p = (p + align - 1) / align * align;
  cd->type = t;
  cd->ptr = (void *)p;
  cd->size = size;
  cd->kind = (uint8_t)kind;
  cd->owned = true;
  cd->has_gc = false;
  cd->count = 0;
  memset(cd->ptr, 0, size);
  set_mt(L);
  return cd;
}

CData *cdata_view(lua_State *L, FFIState *S, CType *t, void *p, int owner_idx) {
  (void)S;
  CData *cd = lua_newuserdatauv(L, sizeof(CData), 1);
  cd->type = t;
  cd->ptr = p;
  cd->size = t->size;
  cd->kind = CDK_OBJECT;
  cd->owned = false;
  cd->has_gc = false;
  cd->count = 0;
  set_mt(L);
  if (owner_idx) {
    lua_pushvalue(L, owner_idx);
    lua_setiuservalue(L, -2, CD_UV_OWNER);
  }
  return cd;
}

void cdata_pushptr(lua_State *L, FFIState *S, CType *ptype, void *p) {
  if (!p) {
    lua_pushnil(L);
    return;
  }
  CData *cd = cdata_new(L, S, ptype, sizeof(void *), CDK_POINTER);
  memcpy(cd->ptr, &p, sizeof p);
}

void cdata_push_ctype(lua_State *L, FFIState *S, CType *t) {
  CData *cd = lua_newuserdatauv(L, sizeof(CData), 1); /* its cached new function */
  (void)S;
  cd->type = t;
  cd->ptr = NULL;
  cd->size = 0;
  cd->kind = CDK_CTYPE;
  cd->owned = false;
  cd->has_gc = false;
  cd->count = 0;
  set_mt(L);
}

/* The object whose keep-alive table holds values stored into this memory. */
static int keep_root(lua_State *L, FFIState *S, int idx) {
  idx = lua_absindex(L, idx);
  lua_pushvalue(L, idx);
  for (int guard = 0; guard < 64; guard++) {
    CData *cd = cdata_test(L, S, -1);
    if (!cd || cd->owned) break;
    if (lua_getiuservalue(L, -1, CD_UV_OWNER) != LUA_TUSERDATA || !cdata_test(L, S, -1)) {
      lua_pop(L, 1);
      break;
    }
    lua_remove(L, -2);
  }
  return lua_gettop(L);
}

/* Pushes the keep table of the root object at root (ffi_key_keeps), or nil
   when it has none and make is false. */
static int push_keeps(lua_State *L, int root, bool make) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_keeps);
  lua_pushvalue(L, root);
  if (lua_rawget(L, -2) != LUA_TTABLE && make) {
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, root);
    lua_pushvalue(L, -2);
    lua_rawset(L, -4);
  }
  lua_remove(L, -2);
  return lua_type(L, -1);
}

void cdata_keep(lua_State *L, FFIState *S, int idx, void *addr, int vidx) {
  vidx = lua_absindex(L, vidx);
  int root = keep_root(L, S, idx);
  push_keeps(L, root, true);
  int t = lua_type(L, vidx);
  if (t == LUA_TSTRING || t == LUA_TUSERDATA || t == LUA_TFUNCTION)
    lua_pushvalue(L, vidx);
  else
    lua_pushnil(L);
  lua_rawsetp(L, -2, addr);
  lua_pop(L, 2);
}

/* A string read from one of the module's own objects stops at its end: a
   `const char *` may point into an instance or buffer stored there from Lua,
   whose bytes need not hold a NUL. */
static void push_str_within(lua_State *L, const char *p, const CData *obj) {
  const char *lo = obj->ptr, *hi = lo + obj->size;
  if (p >= lo && p <= hi) /* p == hi: an empty object, or just past one: nothing to read */
    lua_pushlstring(L, p, strnlen(p, (size_t)(hi - p)));
  else
    lua_pushstring(L, p);
}

/* Loads a `const char *` member or element at addr of the object at idx: when
   the pointer was stored from Lua as one of the module's objects (kept in the
   root's keep table under addr), the string is read within that object. */
static bool push_kept_str(lua_State *L, FFIState *S, int idx, const CType *t, const char *addr) {
  if (t->kind != CT_PTR || !(t->flags & CTF_STR)) return false;
  const char *p;
  memcpy(&p, addr, sizeof p);
  if (!p) return false;
  int top = lua_gettop(L);
  int root = keep_root(L, S, idx);
  const CData *obj = NULL;
  if (push_keeps(L, root, false) == LUA_TTABLE && lua_rawgetp(L, -1, addr) == LUA_TUSERDATA) {
    obj = cdata_test(L, S, -1);
    /* a pointer object (ffi.cast, arithmetic) made from one of ours: that object */
    for (int guard = 0; obj && obj->kind == CDK_POINTER && guard < 16; guard++)
      obj = lua_getiuservalue(L, -1, CD_UV_OWNER) == LUA_TUSERDATA ? cdata_test(L, S, -1) : NULL;
    if (obj && obj->kind != CDK_OBJECT && obj->kind != CDK_BUFFER) obj = NULL;
  }
  if (!obj) {
    lua_settop(L, top);
    return false;
  }
  push_str_within(L, p, obj); /* obj stays referenced by the stack until the copy is made */
  lua_replace(L, top + 1);
  lua_settop(L, top + 1);
  return true;
}

/* -- Field access -- */

static const CField *field_lookup(lua_State *L, FFIState *S, CType *t, int kidx, size_t *off) {
  const char *k = lua_tostring(L, kidx);
  CField *fs = t->u.fields;
  for (size_t i = 0; i < t->n; i++) /* interned Lua strings: pointer equality */
    if (fs[i].key == k) {
      *off = fs[i].offset;
      return &fs[i];
    }
  if (!k) return NULL;
  const CField *f = ctype_field(t, k, off);
  if (f && f >= fs && f < fs + t->n && lua_rawlen(L, kidx) <= 40) {
    lua_pushvalue(L, kidx); /* anchor the key so its address stays unique */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_anchor);
    lua_insert(L, -2);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    ((CField *)f)->key = k;
  }
  (void)S;
  return f;
}

/* The member named by the key at index 2; raises if the record has none. */
static const CField *member_of(lua_State *L, FFIState *S, CType *rt, size_t *off) {
  const CField *f = field_lookup(L, S, rt, 2, off);
  if (l_unlikely(!f)) luaL_error(L, "no member with name '%s'", lua_tostring(L, 2));
  return f;
}

/* Bit-fields: p is the byte at the field's absolute offset (through anonymous
   members), so the bytes covering bit_pos .. bit_pos + bit_size start there:
   up to 9 of them, since under #pragma pack a 64-bit field may start at any
   bit. bit_pos counts in allocation order: from the low bit of the first byte
   on a little-endian target, from the high bit on a big-endian one (s390x).
   Read the bytes as one number in the target's byte order: bf_delta is where
   byte i's low bit lies relative to the field's low bit in that number. */
static size_t bf_nbytes(const CField *f) { return ((size_t)f->bit_pos + f->bit_size + 7) / 8; }

static uint64_t bf_mask(const CField *f) {
  return f->bit_size == 64 ? ~(uint64_t)0 : (((uint64_t)1 << f->bit_size) - 1);
}

static int bf_delta(const CField *f, size_t nbytes, size_t i) {
  if (ctarget.big_endian) return (int)(8 * (nbytes - 1 - i)) - (int)(nbytes * 8 - f->bit_pos - f->bit_size);
  return (int)(8 * i) - (int)f->bit_pos;
}

static uint64_t bf_get(const CField *f, const char *p) {
  size_t nbytes = bf_nbytes(f);
  uint64_t v = 0;
  for (size_t i = 0; i < nbytes; i++) {
    int d = bf_delta(f, nbytes, i);
    uint64_t b = (uint8_t)p[i];
    if (d >= 64 || d <= -8) continue;
    v |= d >= 0 ? b << d : b >> -d;
  }
  return v & bf_mask(f);
}

static void bf_put(const CField *f, char *p, uint64_t v) {
  size_t nbytes = bf_nbytes(f);
  uint64_t mask = bf_mask(f);
  for (size_t i = 0; i < nbytes; i++) {
    int d = bf_delta(f, nbytes, i);
    if (d >= 64 || d <= -8) continue;
    uint8_t bm = (uint8_t)(d >= 0 ? mask >> d : mask << -d);
    uint8_t bv = (uint8_t)(d >= 0 ? v >> d : v << -d);
    p[i] = (char)(((uint8_t)p[i] & ~bm) | (bv & bm));
  }
}

static void push_bitfield(lua_State *L, const CField *f, const char *p) {
  uint64_t mask = bf_mask(f);
  uint64_t v = bf_get(f, p);
  if (f->type->kind == CT_BOOL) {
    lua_pushboolean(L, v != 0);
    return;
  }
  if (!(f->type->flags & CTF_UNSIGNED) && f->bit_size < 64 && (v >> (f->bit_size - 1)) & 1)
    v |= ~mask; /* sign-extend */
  lua_pushinteger(L, (lua_Integer)v);
}

static void store_bitfield(lua_State *L, FFIState *S, const CField *f, char *p, int vidx) {
  ConvCtx ctx = {f->name, 0};
  uint64_t v;
  if (f->type->kind == CT_BOOL) {
    uint8_t b;
    cconv_check(L, S, f->type, &b, vidx, &ctx);
    v = b;
  } else if (f->type->kind == CT_ENUM) {
    int64_t x = 0;
    CType t8;
    ctype_copy_to(&t8, f->type);
    t8.size = 8;
    cconv_check(L, S, &t8, &x, vidx, &ctx);
    v = (uint64_t)x;
  } else {
    v = (uint64_t)cconv_toint(L, vidx, &ctx);
  }
  bf_put(f, p, v);
}

/* Element address for arr[i] / ptr[i]; raises on a bad index. */
static char *elem_addr(lua_State *L, CData *cd, int kidx, CType **et) {
  int isint;
  lua_Integer i = lua_tointegerx(L, kidx, &isint);
  if (cd->kind == CDK_POINTER) {
    void *v;
    memcpy(&v, cd->ptr, sizeof v);
    if (!isint) luaL_error(L, "pointer index must be an integer");
    if (!v) luaL_error(L, "attempt to index a NULL pointer");
    *et = cd->type->base;
    if ((*et)->kind == CT_VOID || (*et)->kind == CT_FUNC || ((*et)->flags & CTF_INCOMPLETE))
      luaL_error(L, "cannot index a pointer to an incomplete type");
    return (char *)v + i * (lua_Integer)(*et)->size;
  }
  CType *t = cd->type;
  if (t->kind != CT_ARRAY) {
    if (isint && i == 0) { /* a scalar box: [0] is its value */
      *et = t;
      return cd->ptr;
    }
    luaL_error(L, "cannot index this object with a number");
  }
  *et = t->base;
  size_t n = (*et)->size ? cd->size / (*et)->size : 0;
  if (!isint) luaL_error(L, "array index must be an integer");
  if (i < 0 || (size_t)i >= n)
    luaL_error(L, "array index %I out of range (length %d)", (LUAI_UACINT)i, (int)n);
  return (char *)cd->ptr + i * (lua_Integer)(*et)->size;
}

/* The record behind an object or a pointer to a record (p.x auto-dereferences). */
static char *record_base(lua_State *L, CData *cd, CType **rt) {
  if (cd->kind == CDK_OBJECT && ctype_isrecord(cd->type)) {
    *rt = cd->type;
    return cd->ptr;
  }
  if (cd->kind == CDK_POINTER && ctype_isrecord(cd->type->base)) {
    void *v;
    memcpy(&v, cd->ptr, sizeof v);
    if (!v) luaL_error(L, "attempt to index a NULL pointer");
    *rt = cd->type->base;
    if ((*rt)->flags & CTF_INCOMPLETE) luaL_error(L, "cannot access a member of an incomplete type");
    return v;
  }
  return NULL;
}

static int ctype_new_closure(lua_State *L);

/* The member named by the key at index 2 of the record rt (its offset in
   *off), for reading or storing; NULL when LuaJIT's rules answered instead
   (a static const member, a metatype's __index or __newindex: its result is
   pushed); raises for an unknown name. */
static inline const CField *lookup_member(lua_State *L, FFIState *S, CData *cd, CType *rt, size_t *off,
                                          bool store) {
  const CField *f = field_lookup(L, S, rt, 2, off);
  if (l_likely(f)) return f;
  if (luajit_index(L, S, cd, store) >= 0) return NULL;
  return member_of(L, S, rt, off); /* raises */
}

/* A key of t[k] or t[k] = v that is not a record's member, after the members:
   a metatype's __index / __newindex (NULL: it has run, a read's result is on
   the stack), else an element's address and type; anything else is an error. */
static char *other_key(lua_State *L, FFIState *S, CData *cd, bool store, CType **et) {
  if (cd->kind == CDK_OBJECT && (cd->type->flags & CTF_METATYPE) && luajit_index(L, S, cd, store) >= 0)
    return NULL;
  if (lua_type(L, 2) == LUA_TNUMBER) return elem_addr(L, cd, 2, et);
  char b[96];
  if (lua_type(L, 2) != LUA_TSTRING)
    luaL_error(L, "invalid index of type %s", luaL_typename(L, 2));
  else if (store)
    luaL_error(L, "no member with name '%s'", lua_tostring(L, 2));
  else
    luaL_error(L, "no member with name '%s' in '%s'", lua_tostring(L, 2), ctype_repr(cd->type, b, sizeof b));
  return NULL; /* not reached: luaL_error does not return */
}

static int cdata_index(lua_State *L) {
  FFIState *S = ffi_state(L);
  CData *cd = lua_touserdata(L, 1);
  CType *rt;
  char *base;
  switch (cd->kind) {
  case CDK_CALLBACK: return ccallback_index(L, cd, luaL_checkstring(L, 2));
  case CDK_CTYPE:
    if (lua_type(L, 2) == LUA_TSTRING && strcmp(lua_tostring(L, 2), "new") == 0) {
      if (lua_getiuservalue(L, 1, 1) != LUA_TFUNCTION) {
        lua_pop(L, 1);
        lua_pushvalue(L, lua_upvalueindex(1));
        lua_pushvalue(L, 1);
        lua_pushcclosure(L, ctype_new_closure, 2);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, 1, 1);
      }
      return 1;
    }
    if (luajit_index(L, S, cd, false) >= 0) return 1; /* static const member, metatype __index */
    return luaL_error(L, "type object has no member '%s'", luaL_tolstring(L, 2, NULL));
  case CDK_BUFFER: return luaL_error(L, "cannot index a buffer (use ffi.read / ffi.write)");
  default: break;
  }
  if (lua_type(L, 2) == LUA_TSTRING && (base = record_base(L, cd, &rt)) != NULL) {
    size_t off;
    const CField *f = lookup_member(L, S, cd, rt, &off, false);
    if (!f) return 1; /* a static const member, metatype __index */
    if (f->is_bitfield) {
      push_bitfield(L, f, base + off);
      return 1;
    }
    if (f->type->kind == CT_ARRAY && (f->type->flags & CTF_VLA)) { /* flexible array member */
      if (cd->kind == CDK_OBJECT) {                                /* bounded by the count given to ffi.new */
        CData *v = cdata_view(L, S, f->type, base + off, 1);
        v->size = cd->count * f->type->base->size;
      } else { /* through a pointer: its length is unknown, so it decays like C */
        CType *pt = ctype_ptr_to(S->cts, f->type->base);
        if (!pt) return luaL_error(L, "not enough memory");
        cdata_pushptr(L, S, pt, base + off);
        lua_pushvalue(L, 1);
        lua_setiuservalue(L, -2, CD_UV_OWNER);
      }
      return 1;
    }
    if (!push_kept_str(L, S, 1, f->type, base + off)) cconv_push(L, S, f->type, base + off, 1);
    return 1;
  }
  CType *et;
  char *p = other_key(L, S, cd, false, &et);
  if (p && !push_kept_str(L, S, 1, et, p)) cconv_push(L, S, et, p, 1);
  return 1;
}

static void store_member(lua_State *L, FFIState *S, CType *t, char *p, const char *name) {
  ConvCtx ctx = {name, 0};
  cconv_check(L, S, t, p, 3, &ctx);
  if (t->kind == CT_PTR) cdata_keep(L, S, 1, p, 3); /* strings, instances, callbacks */
}

static int cdata_newindex(lua_State *L) {
  FFIState *S = ffi_state(L);
  CData *cd = lua_touserdata(L, 1);
  CType *rt;
  char *base;
  if (cd->kind == CDK_CALLBACK || cd->kind == CDK_CTYPE || cd->kind == CDK_BUFFER)
    return luaL_error(L, "cannot assign to a member of this object");
  if (lua_type(L, 2) == LUA_TSTRING && (base = record_base(L, cd, &rt)) != NULL) {
    size_t off;
    const CField *f = lookup_member(L, S, cd, rt, &off, true);
    if (!f) return 0; /* metatype __newindex */
    if (f->is_bitfield) {
      store_bitfield(L, S, f, base + off, 3);
      return 0;
    }
    store_member(L, S, f->type, base + off, f->name);
    return 0;
  }
  CType *et;
  char *p = other_key(L, S, cd, true, &et);
  if (p) store_member(L, S, et, p, "element");
  return 0;
}

static int cdata_len(lua_State *L) {
  CData *cd = lua_touserdata(L, 1);
  if (cd->kind == CDK_BUFFER)
    lua_pushinteger(L, (lua_Integer)cd->size);
  else if (cd->kind == CDK_OBJECT && cd->type->kind == CT_ARRAY && cd->type->base->size)
    lua_pushinteger(L, (lua_Integer)(cd->size / cd->type->base->size));
  else
    return luaL_error(L, "attempt to get length of a non-array object");
  return 1;
}

static void *address_of(CData *cd) {
  if (cd->kind == CDK_POINTER) {
    void *v;
    memcpy(&v, cd->ptr, sizeof v);
    return v;
  }
  if (cd->kind == CDK_CALLBACK) return ccallback_code(cd);
  return cd->ptr;
}

static int cdata_eq(lua_State *L) {
  FFIState *S = ffi_state(L);
  CData *a = cdata_test(L, S, 1), *b = cdata_test(L, S, 2);
  if (!a || !b)
    lua_pushboolean(L, 0);
  else if (a->kind == CDK_CTYPE || b->kind == CDK_CTYPE)
    lua_pushboolean(L, a->kind == b->kind && ctype_equal(a->type, b->type));
  else
    lua_pushboolean(L, address_of(a) == address_of(b));
  return 1;
}

static int cdata_tostring(lua_State *L) {
  CData *cd = lua_touserdata(L, 1);
  char b[128];
  switch (cd->kind) {
  case CDK_BUFFER: lua_pushfstring(L, "ffi.buffer(%d): %p", (int)cd->size, cd->ptr); break;
  case CDK_CTYPE: lua_pushfstring(L, "ctype<%s>", ctype_repr(cd->type, b, sizeof b)); break;
  case CDK_CALLBACK: lua_pushfstring(L, "ffi.callback: %p", ccallback_code(cd)); break;
  default: lua_pushfstring(L, "cdata<%s>: %p", ctype_repr(cd->type, b, sizeof b), address_of(cd));
  }
  return 1;
}

static int cdata_gc(lua_State *L) {
  CData *cd = lua_touserdata(L, 1);
  if (cd->has_gc) { /* ffi.gc: errors become Lua warnings, as in any finalizer */
    cd->has_gc = false;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_gc);
    lua_pushvalue(L, 1);
    if (lua_rawget(L, -2) != LUA_TNIL) {
      lua_pushvalue(L, 1);
      lua_call(L, 1, 0);
    }
  }
  if (cd->kind == CDK_CALLBACK) ccallback_gc(L, cd);
  return 0;
}

/* -- Pointer arithmetic and comparison -- */

/* Address and element type of a pointer or array operand; NULL if neither. */
static bool ptr_operand(lua_State *L, FFIState *S, int idx, char **addr, CType **et, CType **pt) {
  CData *cd = cdata_test(L, S, idx);
  if (!cd) return false;
  if (cd->kind == CDK_POINTER) {
    memcpy(addr, cd->ptr, sizeof *addr);
    *et = cd->type->base;
    *pt = cd->type;
    return true;
  }
  if (cd->kind == CDK_OBJECT && cd->type->kind == CT_ARRAY) {
    *addr = cd->ptr;
    *et = cd->type->base;
    *pt = NULL;
    return true;
  }
  return false;
}

static int cdata_arith(lua_State *L, bool sub) {
  FFIState *S = ffi_state(L);
  char *a, *b;
  CType *et, *pt, *et2, *pt2;
  bool pa = ptr_operand(L, S, 1, &a, &et, &pt);
  if (!pa && !sub && ptr_operand(L, S, 2, &a, &et, &pt)) { /* n + p is p + n */
    lua_settop(L, 2);
    lua_rotate(L, 1, 1);
    pa = true;
  }
  if (!pa) return luaL_error(L, "attempt to perform arithmetic on a non-pointer object");
  if (et->kind == CT_VOID || et->kind == CT_FUNC || (et->flags & CTF_INCOMPLETE) || et->size == 0)
    return luaL_error(L, "pointer arithmetic needs a complete element type");
  if (sub && ptr_operand(L, S, 2, &b, &et2, &pt2)) { /* p - q: elements between */
    if (!ctype_equal(et, et2)) {                     /* C: invalid operands (pointers to different types) */
      char b1[96], b2[96];
      return luaL_error(L, "cannot subtract pointers to different types ('%s *' and '%s *')",
                        ctype_repr(et, b1, sizeof b1), ctype_repr(et2, b2, sizeof b2));
    }
    lua_pushinteger(L, (lua_Integer)((a - b) / (ptrdiff_t)et->size));
    return 1;
  }
  ConvCtx ctx = {sub ? "-" : "+", 2};
  lua_Integer n = cconv_toint(L, 2, &ctx);
  if (sub) n = -n;
  char *r = a + n * (lua_Integer)et->size;
  if (!pt) pt = ctype_ptr_to(S->cts, et);
  if (!pt) return luaL_error(L, "not enough memory");
  cdata_pushptr(L, S, pt, r);
  if (!lua_isnil(L, -1)) { /* keep the memory the result points into alive */
    CData *src = cdata_test(L, S, 1);
    if (src && src->kind == CDK_OBJECT)
      lua_pushvalue(L, 1);
    else
      lua_getiuservalue(L, 1, CD_UV_OWNER);
    lua_setiuservalue(L, -2, CD_UV_OWNER);
  }
  return 1;
}

static int cdata_add(lua_State *L) { return cdata_arith(L, false); }
static int cdata_sub(lua_State *L) { return cdata_arith(L, true); }

static int cdata_compare(lua_State *L, bool le) {
  FFIState *S = ffi_state(L);
  char *a, *b;
  CType *et, *pt;
  if (!ptr_operand(L, S, 1, &a, &et, &pt) || !ptr_operand(L, S, 2, &b, &et, &pt))
    return luaL_error(L, "attempt to compare non-pointer objects");
  lua_pushboolean(L, le ? a <= b : a < b);
  return 1;
}

static int cdata_lt(lua_State *L) { return cdata_compare(L, false); }
static int cdata_le(lua_State *L) { return cdata_compare(L, true); }

int ffi_gc(lua_State *L) {
  FFIState *S = ffi_state(L);
  CData *cd = cdata_test(L, S, 1);
  if (!cd || cd->kind == CDK_CTYPE)
    return luaL_error(L, "bad argument #1 to 'gc' (ffi object expected, got %s%s)", luaL_typename(L, 1),
                      lua_type(L, 1) == LUA_TLIGHTUSERDATA ? "; use ffi.cast(\"T *\", p) for a typed pointer"
                                                           : "");
  CData *fc = lua_isnil(L, 2) || lua_isfunction(L, 2) ? NULL : cdata_test(L, S, 2);
  if (!lua_isnil(L, 2) && !lua_isfunction(L, 2) && /* or a C function pointer (LuaJIT) */
      !(fc && ((fc->kind == CDK_POINTER && fc->type->base->kind == CT_FUNC) || fc->kind == CDK_CALLBACK)))
    luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_gc);
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 2);
  lua_rawset(L, -3);
  cd->has_gc = !lua_isnil(L, 2);
  if (cd->has_gc) { /* setting a metatable with __gc marks the object for finalization */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_cdata_gcmt);
    lua_setmetatable(L, 1);
  }
  lua_settop(L, 1);
  return 1;
}

/* Pushes the prepared call of the function-pointer object at index 1: made
   once (the cif, the call stub) and kept in a weak-keyed registry table while
   the object lives, remade only if the address it holds has changed. */
static void push_fnptr_call(lua_State *L, FFIState *S, CData *cd) {
  void *fn = address_of(cd);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_fncache);
  lua_pushvalue(L, 1);
  if (lua_rawget(L, -2) == LUA_TFUNCTION) {
    CType *ft = NULL;
    if (ccall_address(L, -1, &ft) == fn && ft == cd->type->base) {
      lua_remove(L, -2);
      return;
    }
  }
  lua_pop(L, 1);
  ccall_push(L, S, cd->type->base, fn, "function pointer", 1);
  lua_pushvalue(L, 1);
  lua_pushvalue(L, -2);
  lua_rawset(L, -4);
  lua_remove(L, -2);
}

static int cdata_call(lua_State *L) {
  FFIState *S = ffi_state(L);
  CData *cd = lua_touserdata(L, 1);
  if (cd->kind == CDK_CTYPE) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_pushcclosure(L, ctype_new_closure, 2);
    lua_replace(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
  }
  if (cd->kind == CDK_POINTER && cd->type->base->kind == CT_FUNC) { /* call through a function pointer */
    push_fnptr_call(L, S, cd);
    lua_replace(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
  }
  return luaL_error(L, "attempt to call a non-function object");
}

/* Two metatables that differ only in __gc: finalizable objects cost Lua extra
   work at every collection, so only callbacks and ffi.gc'd objects are. */
void cdata_open(lua_State *L, FFIState *S) {
  static const luaL_Reg mt[] = {{"__index", cdata_index},
                                {"__newindex", cdata_newindex},
                                {"__len", cdata_len},
                                {"__eq", cdata_eq},
                                {"__tostring", cdata_tostring},
                                {"__call", cdata_call},
                                {"__add", cdata_add},
                                {"__sub", cdata_sub},
                                {"__lt", cdata_lt},
                                {"__le", cdata_le},
                                {NULL, NULL}};
  for (int gc = 0; gc < 2; gc++) {
    lua_newtable(L);
    lua_pushvalue(L, -2); /* state userdata (below) as upvalue */
    luaL_setfuncs(L, mt, 1);
    luajit_wrap_mt(L); /* metatype metamethods, boxed-scalar arithmetic */
    if (gc) {
      lua_pushcfunction(L, cdata_gc);
      lua_setfield(L, -2, "__gc");
    }
    lua_pushliteral(L, "ffi.cdata");
    lua_setfield(L, -2, "__name");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable"); /* getmetatable() cannot reach internals */
    if (gc)
      S->cdata_gcmt = lua_topointer(L, -1);
    else
      S->cdata_mt = lua_topointer(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, gc ? &ffi_key_cdata_gcmt : &ffi_key_cdata_mt);
  }
}

/* -- Instances -- */

/* Bytes of a [?] array or a record with a flexible array member of n (at
   nidx) elements: the record's size, or its flexible member's end rounded up. */
static size_t var_size(lua_State *L, CType *t, int nidx) {
  char b[96];
  lua_Integer n = luaL_checkinteger(L, nidx);
  CType *et = t->kind == CT_ARRAY ? t->base : t->u.fields[t->n - 1].type->base;
  if (n < 0 || (et->size && n > FFI_MAX_ALLOC / (lua_Integer)et->size))
    luaL_error(L, "bad element count %I for '%s'%s", (LUAI_UACINT)n, ctype_repr(t, b, sizeof b),
               n < 0 ? "" : " (objects are limited to 2147483647 bytes)");
  if (t->kind == CT_ARRAY) return (size_t)n * et->size;
  uint64_t end = t->u.fields[t->n - 1].offset + (uint64_t)n * et->size;
  end = end > t->size ? (end + t->align - 1) / t->align * t->align : t->size;
  if (end > CT_MAX_SIZE)
    luaL_error(L, "bad element count %I for '%s' (objects are limited to 2147483647 bytes)", (LUAI_UACINT)n,
               ctype_repr(t, b, sizeof b));
  return (size_t)end;
}

/* Pushes a new zero-filled instance of t; nidx = the element count for [?] / flexible arrays. */
static CData *new_instance(lua_State *L, FFIState *S, CType *t, int nidx) {
  char b[96];
  if (t->kind == CT_VOID || t->kind == CT_FUNC)
    luaL_error(L, "cannot create an instance of '%s'", ctype_repr(t, b, sizeof b));
  if (t->flags & CTF_INCOMPLETE)
    luaL_error(L, "cannot create an instance of incomplete type '%s'", ctype_repr(t, b, sizeof b));
  size_t size = t->size;
  bool var = (t->kind == CT_ARRAY && (t->flags & CTF_VLA)) || (t->flags & CTF_FLEX);
  if (var) {
    if (!nidx || lua_isnoneornil(L, nidx))
      luaL_error(L, "'%s' needs an element count: ffi.new(type, n)", ctype_repr(t, b, sizeof b));
    size = var_size(L, t, nidx);
  }
  CData *cd = cdata_new(L, S, t, size, CDK_OBJECT);
  if (var && t->kind != CT_ARRAY) cd->count = (size_t)luaL_checkinteger(L, nidx);
  return cd;
}

static int do_new(lua_State *L, FFIState *S, CType *t, int argbase) {
  bool var = (t->kind == CT_ARRAY && (t->flags & CTF_VLA)) || (t->flags & CTF_FLEX);
  int nidx = var ? argbase : 0;
  int init = var ? argbase + 1 : argbase;
  int last = lua_gettop(L);
  bool has_init = last > init || !lua_isnoneornil(L, init);
  new_instance(L, S, t, nidx);
  if (has_init) luajit_init(L, S, lua_gettop(L), init, last); /* LuaJIT's initializer rules */
  if (t->flags & CTF_METATYPE) luajit_newgc(L, S, t);
  return 1;
}

static int ctype_new_closure(lua_State *L) {
  FFIState *S = lua_touserdata(L, lua_upvalueindex(1));
  CData *ct = lua_touserdata(L, lua_upvalueindex(2));
  return do_new(L, S, ct->type, 1);
}

int ffi_new(lua_State *L) {
  FFIState *S = ffi_state(L);
  return do_new(L, S, ffi_checktype(L, S, 1), 2);
}

/* -- sizeof / offsetof -- */

int ffi_sizeof(lua_State *L) {
  FFIState *S = ffi_state(L);
  CData *cd = cdata_test(L, S, 1);
  if (cd && (cd->kind == CDK_OBJECT || cd->kind == CDK_BUFFER)) {
    lua_pushinteger(L, (lua_Integer)cd->size);
    return 1;
  }
  CType *t = ffi_checktype(L, S, 1);
  char b[96];
  if (t->flags & CTF_INCOMPLETE)
    return luaL_error(L, "size of '%s' is unknown (incomplete type)", ctype_repr(t, b, sizeof b));
  if (t->kind == CT_FUNC) return luaL_error(L, "size of a function type is unknown");
  if (t->kind == CT_VOID) return luaL_error(L, "size of void is unknown");
  if (!lua_isnoneornil(L, 2) && ((t->kind == CT_ARRAY && (t->flags & CTF_VLA)) || (t->flags & CTF_FLEX))) {
    lua_pushinteger(L, (lua_Integer)var_size(L, t, 2)); /* what ffi.new(t, n) allocates */
    return 1;
  }
  lua_pushinteger(L, (lua_Integer)t->size);
  return 1;
}

int ffi_alignof(lua_State *L) {
  FFIState *S = ffi_state(L);
  CType *t = ffi_checktype(L, S, 1);
  char b[96];
  if ((t->flags & CTF_INCOMPLETE) || t->kind == CT_VOID || t->kind == CT_FUNC)
    return luaL_error(L, "alignment of '%s' is unknown (incomplete, void or function type)",
                      ctype_repr(t, b, sizeof b));
  lua_pushinteger(L, (lua_Integer)t->align);
  return 1;
}

int ffi_offsetof(lua_State *L) {
  FFIState *S = ffi_state(L);
  CType *t = ffi_checktype(L, S, 1);
  const char *name = luaL_checkstring(L, 2);
  char b[96];
  if (!ctype_isrecord(t)) return luaL_error(L, "'%s' is not a struct or union", ctype_repr(t, b, sizeof b));
  size_t off;
  const CField *f = ctype_field(t, name, &off);
  if (!f) return luaL_error(L, "no member with name '%s'", name);
  lua_pushinteger(L, (lua_Integer)off);
  if (f->is_bitfield) {
    lua_pushinteger(L, f->bit_pos);
    lua_pushinteger(L, f->bit_size);
    return 3;
  }
  return 1;
}

/* -- Buffers and raw memory -- */

int ffi_alloc(lua_State *L) {
  FFIState *S = ffi_state(L);
  lua_Integer n = luaL_checkinteger(L, 1);
  if (n < 0 || n > FFI_MAX_ALLOC)
    return luaL_error(L, "bad argument #1 to 'alloc' (size %I out of range 0..2147483647)", (LUAI_UACINT)n);
  CData *cd = cdata_new(L, S, NULL, (size_t)n, CDK_BUFFER);
  cd->type = NULL;
  return 1;
}

/* Address and size of a readable/writable object; size SIZE_MAX = unknown (raw pointer). */
static void *mem_target(lua_State *L, FFIState *S, int idx, size_t *size, const char *fname) {
  CData *cd = cdata_test(L, S, idx);
  if (cd && (cd->kind == CDK_BUFFER || cd->kind == CDK_OBJECT)) {
    *size = cd->size;
    return cd->ptr;
  }
  if (cd && cd->kind == CDK_POINTER) {
    *size = SIZE_MAX;
    return address_of(cd);
  }
  if (lua_type(L, idx) == LUA_TLIGHTUSERDATA) {
    *size = SIZE_MAX;
    return lua_touserdata(L, idx);
  }
  luaL_error(L, "bad argument #%d to '%s' (buffer expected, got %s)", idx, fname,
             lua_type(L, idx) == LUA_TUSERDATA ? "foreign userdata" : luaL_typename(L, idx));
  return NULL;
}

int ffi_read(lua_State *L) {
  FFIState *S = ffi_state(L);
  size_t size;
  char *p = mem_target(L, S, 1, &size, "read");
  size_t len = size;
  if (!lua_isnoneornil(L, 2)) {
    lua_Integer n = luaL_checkinteger(L, 2);
    if (n < 0 || (size != SIZE_MAX && (size_t)n > size))
      return luaL_error(L, "bad argument #2 to 'read' (length %I out of range 0..%d)", (LUAI_UACINT)n,
                        (int)(size == SIZE_MAX ? 0 : size));
    len = (size_t)n;
  } else if (size == SIZE_MAX) {
    return luaL_error(L, "bad argument #2 to 'read' (a length is required for a raw pointer)");
  }
  if (!p && len) return luaL_error(L, "bad argument #1 to 'read' (NULL pointer)");
  lua_pushlstring(L, p, len);
  return 1;
}

int ffi_write(lua_State *L) {
  FFIState *S = ffi_state(L);
  int didx = 1, sidx = 2;
  if (lua_type(L, 1) == LUA_TSTRING && lua_type(L, 2) != LUA_TSTRING) { /* seed order: (s, ud) */
    didx = 2;
    sidx = 1;
  }
  size_t size, len;
  char *p = mem_target(L, S, didx, &size, "write");
  const char *s = lua_tolstring(L, sidx, &len);
  if (!s || lua_type(L, sidx) != LUA_TSTRING)
    return luaL_error(L, "bad argument #%d to 'write' (string expected, got %s)", sidx,
                      luaL_typename(L, sidx));
  lua_Integer off = luaL_optinteger(L, 3, 0);
  if (off < 0 || (size != SIZE_MAX && (size_t)off > size))
    return luaL_error(L, "bad argument #3 to 'write' (offset %I out of range)", (LUAI_UACINT)off);
  if (size != SIZE_MAX && len > size - (size_t)off)
    return luaL_error(L, "ffi.write: string of %d bytes does not fit in buffer of %d bytes%s", (int)len,
                      (int)(size - (size_t)off), off ? " (after the offset)" : "");
  if (!p && len) return luaL_error(L, "bad argument #%d to 'write' (NULL pointer)", didx);
  if (len) memcpy(p + off, s, len);
  return 0;
}

int ffi_string(lua_State *L) {
  FFIState *S = ffi_state(L);
  size_t size;
  if (lua_type(L, 1) == LUA_TSTRING) { /* const char * results are strings already */
    const char *s = lua_tolstring(L, 1, &size);
    lua_Integer n = luaL_optinteger(L, 2, (lua_Integer)size);
    if (n < 0 || (size_t)n > size)
      return luaL_error(L, "bad argument #2 to 'string' (length %I out of range)", (LUAI_UACINT)n);
    lua_pushlstring(L, s, (size_t)n);
    return 1;
  }
  const char *p = mem_target(L, S, 1, &size, "string");
  if (!p) return luaL_error(L, "bad argument #1 to 'string' (NULL pointer)");
  if (!lua_isnoneornil(L, 2)) {
    lua_Integer n = luaL_checkinteger(L, 2);
    if (n < 0 || (size != SIZE_MAX && (size_t)n > size))
      return luaL_error(L, "bad argument #2 to 'string' (length %I out of range)", (LUAI_UACINT)n);
    lua_pushlstring(L, p, (size_t)n);
  } else if (size != SIZE_MAX) {
    lua_pushlstring(L, p, strnlen(p, size)); /* never past the object */
  } else {
    lua_pushstring(L, p);
  }
  return 1;
}

int ffi_isnull(lua_State *L) {
  FFIState *S = ffi_state(L);
  CData *cd;
  switch (lua_type(L, 1)) {
  case LUA_TNIL: lua_pushboolean(L, 1); break;
  case LUA_TLIGHTUSERDATA: lua_pushboolean(L, lua_touserdata(L, 1) == NULL); break;
  case LUA_TUSERDATA:
    cd = cdata_test(L, S, 1);
    lua_pushboolean(L, cd && cd->kind == CDK_POINTER && address_of(cd) == NULL);
    break;
  default: lua_pushboolean(L, 0);
  }
  return 1;
}

int ffi_cast(lua_State *L) {
  FFIState *S = ffi_state(L);
  CType *t = ffi_checktype(L, S, 1);
  ConvCtx ctx = {"cast", 2};
  char b[96];
  if (t->kind == CT_PTR && t->base->kind == CT_FUNC && lua_isfunction(L, 2) && !ccall_address(L, 2, NULL)) {
    ccallback_new(L, S, t->base, 2); /* a callback: lives while referenced, or until cb:free() */
    return 1;
  }
  if (t->kind == CT_PTR) {
    void *p;
    if (lua_type(L, 2) == LUA_TNUMBER)
      p = (void *)(intptr_t)cconv_toint(L, 2, &ctx);
    else if (lua_type(L, 2) == LUA_TSTRING && (t->flags & CTF_CONST))
      p = (void *)lua_tostring(L, 2);
    else
      p = cconv_toptr(L, S, 2, NULL, &ctx);
    CData *src = cdata_test(L, S, 2);
    if ((t->flags & CTF_STR) && p && src && (src->kind == CDK_OBJECT || src->kind == CDK_BUFFER))
      push_str_within(L, p, src); /* never past the object cast */
    else if (t->flags & (CTF_VOIDP | CTF_STR))
      cconv_push(L, S, t, &p, 0);
    else {
      cdata_pushptr(L, S, t, p);
      if (!lua_isnil(L, -1) && lua_type(L, 2) == LUA_TUSERDATA) { /* keep the source alive */
        lua_pushvalue(L, 2);
        lua_setiuservalue(L, -2, CD_UV_OWNER);
      }
      if (lua_isnil(L, -1)) { /* a NULL typed pointer still needs an object for casts */
        lua_pop(L, 1);
        CData *cd = cdata_new(L, S, t, sizeof(void *), CDK_POINTER);
        (void)cd;
      }
    }
    return 1;
  }
  if (ctype_isint(t) || t->kind == CT_FLOAT) {
    union {
      int64_t i;
      double d;
      float f;
      uint8_t b[8];
    } v = {0};
    if (lua_type(L, 2) != LUA_TNUMBER) { /* pointer -> integer: its address */
      lua_pushinteger(L, (lua_Integer)(intptr_t)cconv_toptr(L, S, 2, NULL, &ctx));
      lua_replace(L, 2);
    } else if (t->kind != CT_FLOAT && !lua_isinteger(L, 2)) { /* C casts truncate */
      lua_Number n = lua_tonumber(L, 2);
      if (!(n > -9.3e18 && n < 9.3e18)) return luaL_error(L, "cannot cast %f to an integer", n);
      lua_pushinteger(L, (lua_Integer)n);
      lua_replace(L, 2);
    }
    if (t->kind == CT_BOOL) {
      lua_pushboolean(L, lua_tointeger(L, 2) != 0);
      return 1;
    }
    cconv_check(L, S, t, &v, 2, &ctx);
    cconv_push(L, S, t, &v, 0);
    return 1;
  }
  return luaL_error(L, "cannot cast to '%s'", ctype_repr(t, b, sizeof b));
}

int ffi_typeof(lua_State *L) {
  FFIState *S = ffi_state(L);
  luajit_subst(L, S, 1); /* ffi.typeof("$ *", T) */
  cdata_push_ctype(L, S, ffi_checktype(L, S, 1));
  return 1;
}

int ffi_addressof(lua_State *L) {
  FFIState *S = ffi_state(L);
  CData *cd = cdata_test(L, S, 1);
  if (!cd || cd->kind == CDK_CTYPE)
    return luaL_error(L, "bad argument #1 to 'addressof' (ffi object expected)");
  lua_pushlightuserdata(L, address_of(cd));
  return 1;
}

int ffi_copy(lua_State *L) {
  FFIState *S = ffi_state(L);
  size_t dsize, ssize;
  char *d = mem_target(L, S, 1, &dsize, "copy");
  const char *s;
  if (lua_type(L, 2) == LUA_TSTRING) {
    s = lua_tolstring(L, 2, &ssize);
    if (lua_isnoneornil(L, 3)) ssize++; /* with the terminating NUL, like LuaJIT */
  } else {
    s = mem_target(L, S, 2, &ssize, "copy");
  }
  if (lua_isnoneornil(L, 3) && ssize == SIZE_MAX)
    return luaL_error(L, "bad argument #3 to 'copy' (a length is required for a raw pointer source)");
  lua_Integer n = lua_isnoneornil(L, 3) ? (lua_Integer)ssize : luaL_checkinteger(L, 3);
  if (n < 0 || (ssize != SIZE_MAX && (size_t)n > ssize) || (dsize != SIZE_MAX && (size_t)n > dsize))
    return luaL_error(L, "bad argument #3 to 'copy' (length %I out of range)", (LUAI_UACINT)n);
  if ((!d || !s) && n) return luaL_error(L, "ffi.copy: NULL pointer");
  memmove(d, s, (size_t)n);
  return 0;
}

int ffi_fill(lua_State *L) {
  FFIState *S = ffi_state(L);
  size_t dsize;
  char *d = mem_target(L, S, 1, &dsize, "fill");
  lua_Integer n = luaL_checkinteger(L, 2);
  int c = (int)luaL_optinteger(L, 3, 0);
  if (n < 0 || (dsize != SIZE_MAX && (size_t)n > dsize))
    return luaL_error(L, "bad argument #2 to 'fill' (length %I out of range)", (LUAI_UACINT)n);
  if (!d && n) return luaL_error(L, "ffi.fill: NULL pointer");
  memset(d, c, (size_t)n);
  return 0;
}
