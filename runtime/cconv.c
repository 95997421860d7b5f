/*
** cconv.c -- every Lua <-> C value rule, in one place.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ffi_int.h"

/* -- Errors -- */

l_noret cconv_error(lua_State *L, const ConvCtx *ctx, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (!ctx) {
    luaL_error(L, "%s", msg);
    abort();
  }
  if (ctx->arg > 0) luaL_error(L, "bad argument #%d to '%s' (%s)", ctx->arg, ctx->fname, msg);
  if (ctx->arg < 0) luaL_error(L, "bad return value from callback '%s' (%s)", ctx->fname, msg);
  luaL_error(L, "bad value for '%s' (%s)", ctx->fname, msg);
  abort(); /* luaL_error does not return */
}

static const char *value_typename(lua_State *L, int idx) {
  if (luaL_getmetafield(L, idx, "__name") == LUA_TSTRING) {
    const char *n = lua_tostring(L, -1);
    lua_pop(L, 1);
    return n;
  }
  if (lua_type(L, idx) == LUA_TLIGHTUSERDATA) return "light userdata";
  return luaL_typename(L, idx);
}

lua_Integer cconv_toint(lua_State *L, int idx, const ConvCtx *ctx) {
  int isint;
  lua_Integer v = lua_tointegerx(L, idx, &isint);
  if (l_likely(isint)) return v;
  if (lua_type(L, idx) == LUA_TNUMBER) cconv_error(L, ctx, "number has no integer representation");
  if (lua_type(L, idx) == LUA_TUSERDATA && luajit_unbox(L, idx)) { /* ffi.new("int", 5) */
    if (lua_type(L, -1) == LUA_TNUMBER) {
      v = cconv_toint(L, lua_gettop(L), ctx);
      lua_pop(L, 1);
      return v;
    }
    lua_pop(L, 1);
  }
  cconv_error(L, ctx, "number expected, got %s", value_typename(L, idx));
  return 0;
}

/* -- C -> Lua -- */

/* Loads and stores go through memcpy: packed records put fields at any address. */
static lua_Integer load_int(const CType *t, const void *p) {
  bool u = t->flags & CTF_UNSIGNED;
  switch (t->size) {
  case 1: return u ? (lua_Integer) * (const uint8_t *)p : (lua_Integer) * (const int8_t *)p;
  case 2: {
    uint16_t v;
    memcpy(&v, p, 2);
    return u ? (lua_Integer)v : (lua_Integer)(int16_t)v;
  }
  case 4: {
    uint32_t v;
    memcpy(&v, p, 4);
    return u ? (lua_Integer)v : (lua_Integer)(int32_t)v;
  }
  default: {
    int64_t v;
    memcpy(&v, p, 8);
    return (lua_Integer)v;
  }
  }
}

void cconv_push(lua_State *L, FFIState *S, CType *t, const void *p, int owner_idx) {
  switch (t->kind) {
  case CT_VOID: lua_pushnil(L); return;
  case CT_BOOL: lua_pushboolean(L, *(const uint8_t *)p != 0); return;
  case CT_INT:
  case CT_ENUM: lua_pushinteger(L, load_int(t, p)); return;
  case CT_FLOAT:
    if (t->size == 4) {
      float f;
      memcpy(&f, p, 4);
      lua_pushnumber(L, (lua_Number)f);
    } else {
      double d;
      memcpy(&d, p, 8);
      lua_pushnumber(L, (lua_Number)d);
    }
    return;
  case CT_PTR: {
    void *v;
    memcpy(&v, p, sizeof v);
    if (t->flags & CTF_STR) {
      if (v)
        lua_pushstring(L, (const char *)v);
      else
        lua_pushnil(L);
    } else if (t->flags & CTF_VOIDP) {
      lua_pushlightuserdata(L, v);
    } else {
      cdata_pushptr(L, S, t, v);
    }
    return;
  }
  case CT_STRUCT:
  case CT_UNION:
  case CT_ARRAY:
    if (owner_idx) {
      cdata_view(L, S, t, (void *)p, owner_idx);
    } else { /* by value: a copy the caller owns */
      CData *cd = cdata_new(L, S, t, t->size, CDK_OBJECT);
      memcpy(cd->ptr, p, t->size);
    }
    return;
  default: lua_pushnil(L); return;
  }
}

/* -- Lua -> C -- */

static void store_int(const CType *t, void *p, lua_Integer v) {
  switch (t->size) {
  case 1: *(uint8_t *)p = (uint8_t)v; break;
  case 2: {
    uint16_t x = (uint16_t)v;
    memcpy(p, &x, 2);
    break;
  }
  case 4: {
    uint32_t x = (uint32_t)v;
    memcpy(p, &x, 4);
    break;
  }
  default: {
    int64_t x = (int64_t)v;
    memcpy(p, &x, 8);
  }
  }
}

static bool enum_value(const CType *t, const char *name, lua_Integer *out) {
  for (size_t i = 0; i < t->n; i++)
    if (strcmp(t->u.consts[i].name, name) == 0) {
      *out = (lua_Integer)t->u.consts[i].value;
      return true;
    }
  return false;
}

void *cconv_toptr(lua_State *L, FFIState *S, int idx, CType *target, const ConvCtx *ctx) {
  switch (lua_type(L, idx)) {
  case LUA_TNIL: return NULL;
  case LUA_TLIGHTUSERDATA: return lua_touserdata(L, idx);
  case LUA_TUSERDATA: {
    CData *cd = cdata_test(L, S, idx);
    if (!cd) cconv_error(L, ctx, "pointer expected, got %s", value_typename(L, idx));
    switch (cd->kind) {
    case CDK_BUFFER: return cd->ptr;
    case CDK_POINTER: {
      void *v;
      memcpy(&v, cd->ptr, sizeof v);
      return v;
    }
    case CDK_CALLBACK: {
      void *code = ccallback_code(cd);
      if (!code) cconv_error(L, ctx, "the callback was freed");
      return code;
    }
    case CDK_OBJECT: {
      /* an instance (or array of them) of what the pointer points to; any object for
         void * and byte pointers */
      CType *pt =
          target && target->kind == CT_PTR && !(target->flags & (CTF_VOIDP | CTF_STR)) ? target->base : NULL;
      if (pt && pt->kind != CT_VOID && !(pt->kind == CT_INT && pt->size == 1)) {
        CType *ot = cd->type->kind == CT_ARRAY ? cd->type->base : cd->type;
        if (!ctype_equal(pt, ot) && !ctype_equal(pt, cd->type)) {
          char b1[96], b2[96];
          cconv_error(L, ctx, "cannot convert '%s' to '%s *'", ctype_repr(cd->type, b1, sizeof b1),
                      ctype_repr(pt, b2, sizeof b2));
        }
      }
      return cd->ptr;
    }
    default: cconv_error(L, ctx, "pointer expected, got type object");
    }
  }
  case LUA_TSTRING:
    if (target && (target->flags & CTF_STR)) return (void *)lua_tostring(L, idx);
    if (target && target->kind == CT_PTR && target->base->kind == CT_INT &&
        (target->base->flags & CTF_CHAR) && !(target->flags & CTF_CONST))
      cconv_error(L, ctx,
                  "cannot pass a Lua string as 'char *': C may write into it "
                  "(use ffi.alloc for a buffer, or declare the parameter 'const char *')");
    if (target && target->kind == CT_PTR && (target->flags & CTF_CONST) &&
        (target->base->size == 1 || target->base->kind == CT_VOID))
      return (void *)lua_tostring(L, idx); /* const unsigned char *, const void *: read-only */
    cconv_error(L, ctx, "pointer expected, got string");
  case LUA_TFUNCTION: {
    void *fn = ccall_address(L, idx, NULL); /* ffi.C.free: the C function itself */
    if (fn && (!target ||
               (target->kind == CT_PTR && (target->base->kind == CT_FUNC || target->base->kind == CT_VOID))))
      return fn;
  }
    if (target && target->kind == CT_PTR && target->base->kind == CT_FUNC)
      return ccallback_from_function(L, S, idx, target->base);
    cconv_error(L, ctx, "pointer expected, got function");
  default: cconv_error(L, ctx, "pointer expected, got %s", value_typename(L, idx));
  }
  return NULL;
}

static void check_array(lua_State *L, FFIState *S, CType *t, void *p, int idx, const ConvCtx *ctx) {
  CType *et = t->base;
  if (lua_type(L, idx) == LUA_TSTRING && et->kind == CT_INT && et->size == 1) {
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    if (len > t->size) cconv_error(L, ctx, "string of %zu bytes does not fit in %s", len, "the array");
    memcpy(p, s, len);
    if (len < t->size) memset((char *)p + len, 0, t->size - len);
    return;
  }
  if (lua_istable(L, idx)) { /* LuaJIT's rule: from [0] when t[0] is present, else from [1] */
    lua_Integer base = lua_geti(L, idx, 0) != LUA_TNIL ? 0 : 1;
    lua_pop(L, 1);
    memset(p, 0, t->size);
    size_t i = 0;
    for (;; i++) { /* consecutive elements up to the first nil */
      if (lua_geti(L, idx, base + (lua_Integer)i) == LUA_TNIL) {
        lua_pop(L, 1);
        break;
      }
      if (i >= t->n)
        cconv_error(L, ctx, "too many initializers: table of %d elements for %zu",
                    (int)(luaL_len(L, idx) + (base == 0)), t->n);
      cconv_check(L, S, et, (char *)p + i * et->size, lua_gettop(L), ctx);
      lua_pop(L, 1);
    }
    for (size_t j = 1; i == 1 && j < t->n; j++) /* exactly one element: repeated (LuaJIT) */
      memcpy((char *)p + j * et->size, p, et->size);
    return;
  }
  CData *cd = cdata_test(L, S, idx);
  if (cd && cd->kind == CDK_OBJECT && ctype_equal(cd->type, t)) {
    memmove(p, cd->ptr, t->size);
    return;
  }
  char b[96];
  cconv_error(L, ctx, "'%s' expected, got %s", ctype_repr(t, b, sizeof b), value_typename(L, idx));
}

/* Members of t in declaration order from t[*next], t[*next + 1], ... up to the
   first nil (anonymous members flattened; a union takes its first member only). */
static void check_positional(lua_State *L, FFIState *S, CType *t, void *p, int idx, lua_Integer *next,
                             const ConvCtx *ctx) {
  for (size_t i = 0; i < t->n; i++) {
    CField *f = &t->u.fields[i];
    if (!f->name && ctype_isrecord(f->type)) {
      check_positional(L, S, f->type, (char *)p + f->offset, idx, next, ctx);
    } else if (f->name) { /* unnamed bit-fields are padding */
      if (lua_geti(L, idx, *next) == LUA_TNIL) {
        lua_pop(L, 1);
        return;
      }
      if (f->is_bitfield) luaL_error(L, "bit-field '%s' cannot be set from a table initializer", f->name);
      ConvCtx fc = {f->name ? f->name : "member", 0};
      cconv_check(L, S, f->type, (char *)p + f->offset, lua_gettop(L), &fc);
      lua_pop(L, 1);
      (*next)++;
    }
    if (t->kind == CT_UNION) return;
  }
}

static void check_record(lua_State *L, FFIState *S, CType *t, void *p, int idx, const ConvCtx *ctx) {
  if (ctype_iscomplex(t) && lua_type(L, idx) == LUA_TNUMBER) { /* a real number: im = 0 (LuaJIT) */
    memset(p, 0, t->size);
    cconv_check(L, S, t->u.fields[0].type, p, idx, ctx);
    return;
  }
  CData *cd = cdata_test(L, S, idx);
  if (cd && cd->kind == CDK_OBJECT && (cd->type == t || ctype_equal(cd->type, t))) {
    memmove(p, cd->ptr, t->size);
    return;
  }
  if (cd && cd->kind == CDK_POINTER && cd->type->base == t) { /* *ptr */
    void *v;
    memcpy(&v, cd->ptr, sizeof v);
    if (!v) cconv_error(L, ctx, "NULL pointer dereference");
    memmove(p, v, t->size);
    return;
  }
  if (lua_istable(L, idx)) { /* {x = 1, y = 2}, or positional {1, 2} / {[0] = 1, 2} (LuaJIT) */
    memset(p, 0, t->size);
    lua_Integer base = lua_geti(L, idx, 0) != LUA_TNIL ? 0 : 1;
    bool positional = base == 0 || lua_geti(L, idx, 1) != LUA_TNIL;
    lua_pop(L, base == 0 ? 1 : 2);
    if (positional) {
      lua_Integer next = base;
      check_positional(L, S, t, p, idx, &next, ctx);
      if (lua_geti(L, idx, next) != LUA_TNIL)
        cconv_error(L, ctx, "too many initializers for '%s'", t->name ? t->name : "struct");
      lua_pop(L, 1);
      return;
    }
    lua_pushnil(L);
    while (lua_next(L, idx)) {
      if (lua_type(L, -2) != LUA_TSTRING) cconv_error(L, ctx, "table initializer keys must be field names");
      size_t off;
      const char *k = lua_tostring(L, -2);
      const CField *f = ctype_field(t, k, &off);
      char b[96];
      if (!f) cconv_error(L, ctx, "no member with name '%s' in '%s'", k, ctype_repr(t, b, sizeof b));
      ConvCtx fc = {k, 0};
      if (f->is_bitfield) cconv_error(L, ctx, "bit-field '%s' cannot be set from a table initializer", k);
      cconv_check(L, S, f->type, (char *)p + off, lua_gettop(L), &fc);
      lua_pop(L, 1);
    }
    return;
  }
  char b[96];
  cconv_error(L, ctx, "'%s' expected, got %s", ctype_repr(t, b, sizeof b), value_typename(L, idx));
}

void cconv_check(lua_State *L, FFIState *S, CType *t, void *p, int idx, const ConvCtx *ctx) {
  switch (t->kind) {
  case CT_INT: store_int(t, p, cconv_toint(L, idx, ctx)); return;
  case CT_ENUM: {
    lua_Integer v;
    if (lua_type(L, idx) == LUA_TSTRING) {
      if (!enum_value(t, lua_tostring(L, idx), &v))
        cconv_error(L, ctx, "'%s' is not a member of enum %s", lua_tostring(L, idx), t->name ? t->name : "");
    } else {
      v = cconv_toint(L, idx, ctx);
    }
    store_int(t, p, v);
    return;
  }
  case CT_BOOL:
    if (lua_type(L, idx) == LUA_TUSERDATA && luajit_unbox(L, idx)) { /* a boxed bool */
      bool ok = lua_isboolean(L, -1);
      *(uint8_t *)p = (uint8_t)lua_toboolean(L, -1);
      lua_pop(L, 1);
      if (ok) return;
    }
    if (!lua_isboolean(L, idx)) cconv_error(L, ctx, "boolean expected, got %s", value_typename(L, idx));
    *(uint8_t *)p = (uint8_t)lua_toboolean(L, idx);
    return;
  case CT_FLOAT: {
    int isnum;
    lua_Number n = lua_tonumberx(L, idx, &isnum);
    if (!isnum && lua_type(L, idx) == LUA_TUSERDATA && luajit_unbox(L, idx)) { /* a boxed number */
      n = lua_tonumberx(L, -1, &isnum);
      lua_pop(L, 1);
    }
    if (!isnum) cconv_error(L, ctx, "number expected, got %s", value_typename(L, idx));
    if (t->size == 4) {
      float f = (float)n;
      memcpy(p, &f, 4);
    } else {
      double d = (double)n;
      memcpy(p, &d, 8);
    }
    return;
  }
  case CT_PTR: {
    void *v = cconv_toptr(L, S, idx, t, ctx);
    memcpy(p, &v, sizeof v);
    return;
  }
  case CT_STRUCT:
  case CT_UNION: check_record(L, S, t, p, idx, ctx); return;
  case CT_ARRAY: check_array(L, S, t, p, idx, ctx); return;
  case CT_VOID: cconv_error(L, ctx, "cannot convert to void");
  default: {
    char b[96];
    cconv_error(L, ctx, "cannot convert to '%s'", ctype_repr(t, b, sizeof b));
  }
  }
}
