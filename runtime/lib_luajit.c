/*
** lib_luajit.c -- LuaJIT's ffi API on top of the Pluto one: ffi.load,
** ffi.metatype (and the metamethods it adds to every memory object),
** ffi.istype, ffi.abi, ffi.tonumber, boxed scalars in arithmetic and
** conversions, and LuaJIT's initializer rules for ffi.new.
** docs/luajit.md says where LuaJIT's rules and Pluto's differ.
*/
#include <stdio.h>
#include <string.h>

#include "ffi_int.h"

/* Registry: CType (light userdata) -> metatable given by ffi.metatype. */
static const char luajit_key_mt = 0;

/* -- Metatypes -- */

/* The record whose metatype applies to the memory object at idx, or NULL:
   instances and pointers to the record (and its type object when ctype). */
static CType *meta_of(lua_State *L, FFIState *S, int idx, bool ctype) {
  CData *cd = cdata_test(L, S, idx);
  if (!cd) return NULL;
  CType *t = cd->type;
  switch (cd->kind) {
  case CDK_OBJECT: break;
  case CDK_POINTER: t = t->base; break;
  case CDK_CTYPE:
    if (!ctype) return NULL;
    break;
  default: return NULL;
  }
  return t && (t->flags & CTF_METATYPE) ? t : NULL;
}

/* Pushes field ev of rt's metatable and returns true, or pushes nothing. */
static bool push_mm(lua_State *L, CType *rt, const char *ev) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &luajit_key_mt);
  if (lua_rawgetp(L, -1, rt) != LUA_TTABLE) {
    lua_pop(L, 2);
    return false;
  }
  if (lua_getfield(L, -1, ev) == LUA_TNIL) {
    lua_pop(L, 3);
    return false;
  }
  lua_replace(L, -3);
  lua_pop(L, 1);
  return true;
}

/* A 'static const' member of record rt named by the string at kidx, or NULL. */
static CTName *static_member(lua_State *L, FFIState *S, CType *rt, int kidx) {
  char key[300];
  size_t len;
  const char *k = lua_type(L, kidx) == LUA_TSTRING ? lua_tolstring(L, kidx, &len) : NULL;
  if (!k || len > 200 || !ctype_isrecord(rt)) return NULL;
  int n = snprintf(key, sizeof key, "%u:%s", (unsigned)rt->id, k);
  CTName *cn = ctype_lookup(S->cts, NS_ORD, key, (size_t)n);
  return cn && cn->kind == CN_CONST ? cn : NULL;
}

int luajit_index(lua_State *L, FFIState *S, CData *cd, bool set) {
  CType *rt = cd->kind == CDK_POINTER ? cd->type->base : cd->type;
  CTName *cn = rt ? static_member(L, S, rt, 2) : NULL;
  if (cn) {
    if (set) return luaL_error(L, "attempt to write to constant '%s'", lua_tostring(L, 2));
    lua_pushinteger(L, (lua_Integer)cn->value);
    return 1;
  }
  if (!rt || !(rt->flags & CTF_METATYPE) || !push_mm(L, rt, set ? "__newindex" : "__index")) return -1;
  if (lua_isfunction(L, -1)) { /* f(obj, key [, value]) */
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    if (set) lua_pushvalue(L, 3);
    lua_call(L, set ? 3 : 2, set ? 0 : 1);
    return set ? 0 : 1;
  }
  lua_pushvalue(L, 2); /* a table (or anything indexable): an ordinary lookup */
  if (set) {
    lua_pushvalue(L, 3);
    lua_settable(L, -3);
    lua_pop(L, 1);
    return 0;
  }
  lua_gettable(L, -2);
  lua_remove(L, -2);
  return 1;
}

void luajit_newgc(lua_State *L, FFIState *S, CType *t) {
  if (!push_mm(L, t, "__gc")) return;
  CData *cd = lua_touserdata(L, -2);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_gc); /* what ffi.gc(obj, mt.__gc) does */
  lua_pushvalue(L, -3);
  lua_pushvalue(L, -3);
  lua_rawset(L, -3);
  lua_pop(L, 2);
  cd->has_gc = true;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_cdata_gcmt);
  lua_setmetatable(L, -2);
  (void)S;
}

int ffi_metatype(lua_State *L) {
  FFIState *S = ffi_state(L);
  CType *t = ffi_checktype(L, S, 1);
  char b[96];
  luaL_checktype(L, 2, LUA_TTABLE);
  if (!ctype_isrecord(t))
    return luaL_error(L, "bad argument #1 to 'metatype' ('%s' is not a struct or union)",
                      ctype_repr(t, b, sizeof b));
  if (t->flags & CTF_METATYPE) return luaL_error(L, "cannot change a protected metatable");
  lua_rawgetp(L, LUA_REGISTRYINDEX, &luajit_key_mt);
  lua_pushvalue(L, 2);
  lua_rawsetp(L, -2, t);
  t->flags |= CTF_METATYPE; /* permanent, as in LuaJIT */
  cdata_push_ctype(L, S, t);
  return 1;
}

/* -- Boxed scalars -- */

static CData *box_of(lua_State *L, int idx) {
  if (lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx)) return NULL;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_cdata_mt);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_cdata_gcmt);
  bool ours = lua_rawequal(L, -1, -3) || lua_rawequal(L, -2, -3);
  lua_pop(L, 3);
  CData *cd = ours ? lua_touserdata(L, idx) : NULL;
  if (!cd || cd->kind != CDK_OBJECT || !cd->type) return NULL;
  CTKind k = cd->type->kind;
  return k == CT_INT || k == CT_FLOAT || k == CT_BOOL || k == CT_ENUM ? cd : NULL;
}

bool luajit_unbox(lua_State *L, int idx) {
  CData *cd = box_of(L, idx);
  if (!cd) return false;
  cconv_push(L, NULL, cd->type, cd->ptr, 0); /* scalars never need the state */
  return true;
}

/* A number, or a boxed one: its plain value pushed; false for anything else. */
static bool push_number(lua_State *L, int idx) {
  if (lua_type(L, idx) == LUA_TNUMBER) {
    lua_pushvalue(L, idx);
    return true;
  }
  if (!luajit_unbox(L, idx)) return false;
  if (lua_type(L, -1) == LUA_TNUMBER) return true;
  lua_pop(L, 1);
  return false;
}

/* -- Metamethods of every memory object -- */

/* Upvalues of a wrapped metamethod: 1 state, 2 event name, 3 the runtime's own
   metamethod (or nil), 4 the Lua operator (LUA_OP*, or -1). */
#define MM_EVENT lua_upvalueindex(2)
#define MM_ORIG lua_upvalueindex(3)
#define MM_OP lua_upvalueindex(4)

static int call_orig(lua_State *L, const char *what) {
  if (lua_isnil(L, MM_ORIG))
    return luaL_error(L, "attempt to %s a cdata value (%s)", what, lua_tostring(L, MM_EVENT));
  lua_pushvalue(L, MM_ORIG);
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

/* A pointer or array memory object (pointer arithmetic and comparison come first). */
static bool is_ptrlike(lua_State *L, FFIState *S, int idx) {
  CData *cd = cdata_test(L, S, idx);
  return cd &&
         (cd->kind == CDK_POINTER || (cd->kind == CDK_OBJECT && cd->type && cd->type->kind == CT_ARRAY));
}

/* Binary operators and comparisons: the runtime's pointer rules, then the left
   operand's metatype, the right one's, then boxed numbers as plain Lua numbers. */
static int mm_binary(lua_State *L) {
  FFIState *S = ffi_state(L);
  const char *ev = lua_tostring(L, MM_EVENT);
  int op = (int)lua_tointeger(L, MM_OP);
  bool ptrop = strcmp(ev, "__add") == 0 || strcmp(ev, "__sub") == 0 || strcmp(ev, "__lt") == 0 ||
               strcmp(ev, "__le") == 0 || strcmp(ev, "__eq") == 0;
  lua_settop(L, 2);
  if (ptrop && (is_ptrlike(L, S, 1) || is_ptrlike(L, S, 2)) && !meta_of(L, S, 1, false) &&
      !meta_of(L, S, 2, false))
    return call_orig(L, "operate on");
  for (int i = 1; i <= 2; i++) {
    CType *rt = meta_of(L, S, i, false);
    if (rt && push_mm(L, rt, ev)) {
      lua_pushvalue(L, 1);
      lua_pushvalue(L, 2);
      lua_call(L, 2, 1);
      if (op >= 100) lua_pushboolean(L, lua_toboolean(L, -1));
      return 1;
    }
  }
  if (op >= 0 && push_number(L, 1)) {
    if (push_number(L, 2)) {
      if (op < 100)
        lua_arith(L, op);
      else
        lua_pushboolean(L, lua_compare(L, -2, -1, op - 100));
      return 1;
    }
    lua_pop(L, 1);
  }
  if (op == 100 + LUA_OPEQ && lua_isnil(L, MM_ORIG)) {
    lua_pushboolean(L, 0);
    return 1;
  }
  return call_orig(L, op >= 100 ? "compare" : "perform arithmetic on");
}

/* Unary operators and the rest: the operand's metatype, else the runtime's own. */
static int mm_unary(lua_State *L) {
  FFIState *S = ffi_state(L);
  const char *ev = lua_tostring(L, MM_EVENT);
  int op = (int)lua_tointeger(L, MM_OP);
  bool call = strcmp(ev, "__call") == 0;
  CType *rt = meta_of(L, S, 1, call);
  CData *cd = cdata_test(L, S, 1);
  if (call && rt && cd->kind == CDK_CTYPE) { /* T(...): __new, else ffi.new */
    if (push_mm(L, rt, "__new")) {
      lua_insert(L, 1);
      lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
      return lua_gettop(L);
    }
    return call_orig(L, "call");
  }
  if (rt && push_mm(L, rt, ev)) {
    lua_insert(L, 1);
    if (!call && strcmp(ev, "__close") != 0) lua_settop(L, 2); /* the operand only */
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
  }
  if (call && cd && cd->kind == CDK_CALLBACK) { /* cb(...): through its C entry point */
    void *code = ccallback_code(cd);
    if (!code) return luaL_error(L, "the callback was freed");
    ccall_push(L, S, ccallback_type(cd), code, "callback", 1);
    lua_replace(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
  }
  if (op >= 0 && push_number(L, 1)) {
    lua_arith(L, op);
    return 1;
  }
  if (cd && cd->kind == CDK_OBJECT && cd->type->kind == CT_INT && cd->type->size == 8 &&
      strcmp(ev, "__tostring") == 0) { /* LuaJIT's form of a boxed 64-bit integer: 123LL, 123ULL */
    uint64_t v;
    char buf[32];
    memcpy(&v, cd->ptr, sizeof v);
    if (cd->type->flags & CTF_UNSIGNED)
      snprintf(buf, sizeof buf, "%lluULL", (unsigned long long)v);
    else
      snprintf(buf, sizeof buf, "%lldLL", (long long)(int64_t)v);
    lua_pushstring(L, buf);
    return 1;
  }
  if (cd && cd->kind == CDK_OBJECT && ctype_iscomplex(cd->type) && strcmp(ev, "__tostring") == 0) {
    double re, im; /* LuaJIT's form: re+imi */
    if (cd->type->size == 8) {
      float f[2];
      memcpy(f, cd->ptr, sizeof f);
      re = f[0], im = f[1];
    } else {
      memcpy(&re, cd->ptr, sizeof re);
      memcpy(&im, (char *)cd->ptr + sizeof re, sizeof im);
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%.14g%+.14gi", re, im);
    lua_pushstring(L, buf);
    return 1;
  }
  if (strcmp(ev, "__close") == 0) {
    char b[96];
    return luaL_error(L, "cdata<%s> has no __close metamethod", cd ? ctype_repr(cd->type, b, sizeof b) : "?");
  }
  return call_orig(L, call ? "call" : "use");
}

void luajit_wrap_mt(lua_State *L) {
  static const struct {
    const char *ev;
    int op;
    bool binary;
  } evs[] = {{"__add", LUA_OPADD, true},     {"__sub", LUA_OPSUB, true},     {"__mul", LUA_OPMUL, true},
             {"__div", LUA_OPDIV, true},     {"__mod", LUA_OPMOD, true},     {"__pow", LUA_OPPOW, true},
             {"__idiv", LUA_OPIDIV, true},   {"__band", LUA_OPBAND, true},   {"__bor", LUA_OPBOR, true},
             {"__bxor", LUA_OPBXOR, true},   {"__shl", LUA_OPSHL, true},     {"__shr", LUA_OPSHR, true},
             {"__concat", -1, true},         {"__eq", 100 + LUA_OPEQ, true}, {"__lt", 100 + LUA_OPLT, true},
             {"__le", 100 + LUA_OPLE, true}, {"__unm", LUA_OPUNM, false},    {"__bnot", LUA_OPBNOT, false},
             {"__len", -1, false},           {"__tostring", -1, false},      {"__call", -1, false},
             {"__close", -1, false},         {"__pairs", -1, false}};
  /* stack: state userdata, metatable */
  for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++) {
    lua_pushvalue(L, -2);
    lua_pushstring(L, evs[i].ev);
    lua_getfield(L, -3, evs[i].ev);
    lua_pushinteger(L, evs[i].op);
    lua_pushcclosure(L, evs[i].binary ? mm_binary : mm_unary, 4);
    lua_setfield(L, -2, evs[i].ev);
  }
}

/* -- Initializers (ffi.new) -- */

static bool is_aggregate_init(lua_State *L, FFIState *S, int idx, CType *t) {
  if (lua_istable(L, idx)) return true;
  if (lua_type(L, idx) == LUA_TSTRING && t->kind == CT_ARRAY) return true; /* byte arrays */
  CData *cd = cdata_test(L, S, idx);
  return cd && ((cd->kind == CDK_OBJECT && ctype_equal(cd->type, t)) ||
                (cd->kind == CDK_POINTER && ctype_isrecord(t) && cd->type->base == t));
}

/* Flat initializers for a record: its named members in order (anonymous ones
   flattened), through the object's __newindex so bit-fields and kept values work. */
static int init_fields(lua_State *L, FFIState *S, int obj, CType *t, int arg, int last) {
  for (size_t i = 0; i < t->n && arg <= last; i++) {
    CField *f = &t->u.fields[i];
    if (!f->name) {
      if (ctype_isrecord(f->type)) arg = init_fields(L, S, obj, f->type, arg, last);
    } else if (f->type->kind == CT_ARRAY && (f->type->flags & CTF_VLA)) { /* a VLS's [?]: nelem long */
      lua_getfield(L, obj, f->name);
      CData *v = lua_touserdata(L, -1);
      CType tmp;
      ctype_copy_to(&tmp, f->type); /* no cached fields shared with the real node */
      tmp.n = f->type->base->size ? v->size / f->type->base->size : 0;
      tmp.size = v->size;
      ConvCtx ctx = {f->name, 0};
      cconv_check(L, S, &tmp, v->ptr, arg++, &ctx);
      lua_pop(L, 1);
    } else {
      lua_pushvalue(L, arg++);
      lua_setfield(L, obj, f->name);
    }
    if (t->kind == CT_UNION) break; /* only the first member of a union */
  }
  return arg;
}

void luajit_init(lua_State *L, FFIState *S, int obj, int first, int last) {
  CData *cd = lua_touserdata(L, obj);
  CType *t = cd->type, tmp;
  char b[96];
  ConvCtx ctx = {"initializer", 0};
  if (t->kind == CT_ARRAY && (t->flags & CTF_VLA)) { /* [?]: the length given to ffi.new */
    tmp = *t;
    tmp.n = t->base->size ? cd->size / t->base->size : 0;
    tmp.size = cd->size;
    t = &tmp;
  }
  bool agg = t->kind == CT_ARRAY || ctype_isrecord(t);
  if (!agg || (first == last && is_aggregate_init(L, S, first, t))) {
    if (first != last) luaL_error(L, "too many initializers for '%s'", ctype_repr(cd->type, b, sizeof b));
    cconv_check(L, S, t, cd->ptr, first, &ctx); /* a scalar, a table, a string or a copy */
    if (t->kind == CT_PTR) {                    /* keep what the pointer points into alive */
      cdata_keep(L, S, obj, cd->ptr, first);
    }
    return;
  }
  if (t->kind == CT_ARRAY) {
    size_t n = t->n, es = t->base->size;
    if ((size_t)(last - first + 1) > n)
      luaL_error(L, "too many initializers for '%s' (%d given)", ctype_repr(cd->type, b, sizeof b),
                 last - first + 1);
    for (int a = first; a <= last; a++) {
      lua_pushvalue(L, a);
      lua_seti(L, obj, a - first);
    }
    if (first == last) /* a single initializer fills the whole array (LuaJIT) */
      for (size_t j = 1; j < n; j++) memcpy((char *)cd->ptr + j * es, cd->ptr, es);
    return;
  }
  int next = init_fields(L, S, obj, t, first, last);
  if (next <= last)
    luaL_error(L, "too many initializers for '%s' (%d given)", ctype_repr(t, b, sizeof b), last - first + 1);
}

/* -- Parameterized types ('$') -- */

static bool ident_char(char c) {
  return c == '_' || c == '$' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* The text standing for argument a in a declaration: a type becomes a
   permanent typedef name "$<id>" (the lexer reads '$' in names), a string an
   identifier, an integer a number. */
static void subst_arg(lua_State *L, FFIState *S, luaL_Buffer *b, int a, int nth) {
  CData *cd = cdata_test(L, S, a);
  if (cd && cd->type && cd->kind != CDK_CALLBACK && cd->kind != CDK_BUFFER) {
    char name[32];
    int n = snprintf(name, sizeof name, "$%u", (unsigned)cd->type->id);
    CTName *tn = ctype_lookup(S->cts, NS_ORD, name, (size_t)n);
    if (!tn) {
      tn = ctype_define(S->cts, NS_ORD, name, (size_t)n);
      if (!tn) luaL_error(L, "not enough memory");
      tn->kind = CN_TYPE;
      tn->type = cd->type;
    }
    luaL_addstring(b, name);
    return;
  }
  if (lua_type(L, a) == LUA_TSTRING) {
    size_t len;
    const char *s = lua_tolstring(L, a, &len);
    bool ok = len > 0 && !(s[0] >= '0' && s[0] <= '9');
    for (size_t i = 0; ok && i < len; i++) ok = ident_char(s[i]) && s[i] != '$';
    if (!ok) luaL_error(L, "bad argument #%d ('$' #%d: a string must be an identifier, got '%s')", a, nth, s);
    luaL_addlstring(b, s, len);
    return;
  }
  if (lua_isinteger(L, a) ||
      (lua_type(L, a) == LUA_TNUMBER && lua_tonumber(L, a) == (lua_Number)(lua_Integer)lua_tonumber(L, a))) {
    char num[32];
    snprintf(num, sizeof num, "%lld",
             (long long)(lua_isinteger(L, a) ? lua_tointeger(L, a) : (lua_Integer)lua_tonumber(L, a)));
    luaL_addstring(b, num);
    return;
  }
  luaL_error(L, "bad argument #%d ('$' #%d: a type, an identifier or an integer expected, got %s)", a, nth,
             luaL_typename(L, a));
}

bool luajit_subst(lua_State *L, FFIState *S, int sidx) {
  int top = lua_gettop(L);
  if (top <= sidx || lua_type(L, sidx) != LUA_TSTRING) return false;
  size_t len;
  const char *s = lua_tolstring(L, sidx, &len);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  int a = sidx + 1;
  for (size_t i = 0; i < len; i++) {
    bool alone = s[i] == '$' && (i == 0 || !ident_char(s[i - 1])) && (i + 1 == len || !ident_char(s[i + 1]));
    if (!alone) {
      luaL_addchar(&b, s[i]);
      continue;
    }
    if (a > top) luaL_error(L, "missing argument for '$' #%d", a - sidx);
    subst_arg(L, S, &b, a, a - sidx);
    a++;
  }
  if (a <= top) luaL_error(L, "%d argument(s) but only %d '$' placeholder(s)", top - sidx, a - sidx - 1);
  luaL_pushresult(&b);
  lua_replace(L, sidx);
  lua_settop(L, sidx);
  return true;
}

/* -- Module functions -- */

int ffi_abi_is(lua_State *L) {
  const char *p = luaL_checkstring(L, 1);
  bool r = false;
  if (strcmp(p, "32bit") == 0)
    r = ctarget.ptr_size == 4;
  else if (strcmp(p, "64bit") == 0)
    r = ctarget.ptr_size == 8;
  else if (strcmp(p, "le") == 0)
    r = !ctarget.big_endian;
  else if (strcmp(p, "be") == 0)
    r = ctarget.big_endian;
#if defined(__SOFTFP__) || defined(__mips_soft_float) || defined(_SOFT_FLOAT)
  else if (strcmp(p, "softfp") == 0)
    r = true;
#else
  else if (strcmp(p, "fpu") == 0 || strcmp(p, "hardfp") == 0)
    r = true;
#endif
#if defined(__ARM_EABI__)
  else if (strcmp(p, "eabi") == 0)
    r = true;
#endif
#if defined(_WIN32)
  else if (strcmp(p, "win") == 0)
    r = true;
#endif
  lua_pushboolean(L, r); /* "uwp", "gc64" and unknown names: false */
  return 1;
}

int ffi_istype(lua_State *L) {
  FFIState *S = ffi_state(L);
  CType *t = ffi_checktype(L, S, 1);
  CData *cd = cdata_test(L, S, 2);
  bool r = false;
  if (cd && (cd->kind == CDK_OBJECT || cd->kind == CDK_POINTER) && cd->type) {
    CType *o = cd->type;
    if (ctype_isrecord(t) && o->kind == CT_PTR) o = o->base; /* a pointer to the record counts */
    if (t->kind == CT_PTR && o->kind == CT_PTR)
      r = t->base == o->base || ctype_equal(t->base, o->base); /* qualifiers ignored */
    else
      r = t == o || ctype_equal(t, o);
  }
  lua_pushboolean(L, r);
  return 1;
}

/* cffi-lua's name: a boxed number as a Lua number; numbers and numeric strings
   as tonumber gives them; anything else nil (LuaJIT's tonumber on cdata). */
int ffi_tonumber(lua_State *L) {
  luaL_checkany(L, 1);
  if (lua_type(L, 1) == LUA_TNUMBER || lua_type(L, 1) == LUA_TSTRING) {
    if (lua_type(L, 1) == LUA_TNUMBER || lua_stringtonumber(L, lua_tostring(L, 1)))
      lua_pushvalue(L, lua_type(L, 1) == LUA_TNUMBER ? 1 : -1);
    else
      lua_pushnil(L);
    return 1;
  }
  if (luajit_unbox(L, 1)) {
    if (lua_isboolean(L, -1)) lua_pushinteger(L, lua_toboolean(L, -1));
    return 1;
  }
  lua_pushnil(L);
  return 1;
}

void luajit_open(lua_State *L) {
  lua_newtable(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &luajit_key_mt);
}
