/*
** ccall.c -- calling C: wrappers whose signature is resolved and whose libffi
** cif is prepared once, when the wrapper is made. A call converts arguments
** into stack storage and allocates nothing on the heap.
*/
#include <errno.h>
#include <ffi.h>
#include <stdlib.h>
#include <string.h>

#include "ffi_int.h"

#define MAX_FAST_ARGS 32    /* argument pointers kept on the C stack */
#define ARG_STACK_BYTES 512 /* argument values kept on the C stack */
#define MAX_ARGS FFI_MAX_PARAMS

/* -- libffi types -- */

static ffi_type *scalar_ffitype(const CType *t) {
  switch (t->kind) {
  case CT_VOID: return &ffi_type_void;
  case CT_BOOL: return &ffi_type_uint8;
  case CT_ENUM: return scalar_ffitype(t->base);
  case CT_INT: {
    bool u = t->flags & CTF_UNSIGNED;
    switch (t->size) {
    case 1: return u ? &ffi_type_uint8 : &ffi_type_sint8;
    case 2: return u ? &ffi_type_uint16 : &ffi_type_sint16;
    case 4: return u ? &ffi_type_uint32 : &ffi_type_sint32;
    default: FFI_ASSERT(t->size == 8); return u ? &ffi_type_uint64 : &ffi_type_sint64;
    }
  }
  case CT_FLOAT: return t->size == 4 ? &ffi_type_float : &ffi_type_double;
  case CT_PTR: return &ffi_type_pointer;
  default: return NULL;
  }
}

/* libffi describes a record by value as one element per scalar member, array
   elements counted: records with more than this many are refused (a 16 GiB
   description of a 2^31-element array would exhaust memory first). */
#define CCALL_MAX_ELEMENTS ((size_t)1 << 16)

static size_t count_elements(const CType *t) {
  if (t->kind == CT_ARRAY) { /* saturates above the limit: no overflow */
    size_t each = count_elements(t->base);
    return each && t->n > CCALL_MAX_ELEMENTS / each ? CCALL_MAX_ELEMENTS + 1 : t->n * each;
  }
  return 1;
}

static bool add_elements(CType *t, ffi_type **el, size_t *k, const char **err) {
  if (t->kind == CT_ARRAY) {
    for (size_t i = 0; i < t->n; i++)
      if (!add_elements(t->base, el, k, err)) return false;
    return true;
  }
  ffi_type *ft = ccall_ffitype(t, err);
  if (!ft) return false;
  el[(*k)++] = ft;
  return true;
}

/* -- Records libffi cannot describe: classified here -- */

/* A scalar piece of a record: where it is and whether it is floating point. */
typedef struct Leaf {
  size_t off, size;
  uint8_t fp; /* 0 integer, 4 float, 8 double */
  bool misaligned;
} Leaf;

#define MAX_LEAVES 512

static bool collect_leaves(const CType *t, size_t base, Leaf *lv, size_t *n) {
  if (*n >= MAX_LEAVES) return false;
  switch (t->kind) {
  case CT_STRUCT:
  case CT_UNION:
    for (size_t i = 0; i < t->n; i++) {
      const CField *f = &t->u.fields[i];
      if (f->is_bitfield) {
        if (!f->bit_size) continue;
        if (*n >= MAX_LEAVES) return false;
        lv[(*n)++] = (Leaf){base + f->offset, ((size_t)f->bit_pos + f->bit_size + 7) / 8, 0, false};
      } else if (!collect_leaves(f->type, base + f->offset, lv, n)) {
        return false;
      }
    }
    return true;
  case CT_ARRAY:
    for (size_t i = 0; i < t->n; i++)
      if (!collect_leaves(t->base, base + i * t->base->size, lv, n)) return false;
    return true;
  default:
    FFI_ASSERT(t->kind != CT_FUNC && t->kind != CT_VOID); /* records hold no such members */
    lv[(*n)++] = (Leaf){base, t->size, t->kind == CT_FLOAT ? (uint8_t)t->size : 0,
                        t->align > 1 && base % t->align != 0};
    return true;
  }
}

/* Terminates the k elements after ft and checks libffi sees the record's size. */
static ffi_type *finish_synth(ffi_type *ft, size_t k, size_t size, const char **err) {
  ffi_type **el = (ffi_type **)(ft + 1);
  el[k] = NULL;
  ft->type = FFI_TYPE_STRUCT;
  ft->elements = el;
  ffi_cif probe;
  if (ffi_prep_cif(&probe, FFI_DEFAULT_ABI, 0, ft, NULL) != FFI_OK || ft->size != size) {
    free(ft);
    *err = "its layout cannot be described to libffi";
    return NULL;
  }
  return ft;
}

/* AAPCS64 and ELFv2: an HFA (1 to hfa_max floating members of one width; a
   union of float and double is not one) as its members, any other record as
   integer bytes (registers, or by reference over 16 bytes). */
static size_t synth_aapcs(const Leaf *lv, size_t n, size_t size, bool misaligned, ffi_type **el) {
  size_t w = n > 0 ? lv[0].fp : 0, k = 0;
  for (size_t i = 0; i < n && w; i++)
    if (lv[i].fp != w) w = 0;
  if (w && size % w == 0 && size / w <= ctarget.hfa_max && !misaligned) {
    for (size_t i = 0; i < size / w; i++) el[k++] = w == 4 ? &ffi_type_float : &ffi_type_double;
  } else {
    for (size_t b = 0; b < size; b++) el[k++] = &ffi_type_uint8;
  }
  return k;
}

/* System V x86-64: one class per eightbyte, INTEGER (bytes) or SSE (a double,
   or floats); over 16 bytes or misaligned, in memory (bytes). */
static size_t synth_sysv_x64(const Leaf *lv, size_t n, size_t size, bool misaligned, ffi_type **el) {
  size_t k = 0;
  for (size_t eb = 0; eb * 8 < size; eb++) {
    size_t lo = eb * 8, len = size - lo < 8 ? size - lo : 8;
    bool integer = size > 16 || misaligned, any = false, dbl = false;
    for (size_t i = 0; i < n && !integer; i++) {
      if (lv[i].off + lv[i].size <= lo || lv[i].off >= lo + len) continue;
      any = true;
      if (!lv[i].fp) integer = true;
      if (lv[i].fp == 8 && lv[i].off == lo) dbl = true;
    }
    if (!any || (len % 4) != 0) integer = true;
    if (integer) {
      for (size_t b = 0; b < len; b++) el[k++] = &ffi_type_uint8;
    } else if (dbl && len == 8) {
      el[k++] = &ffi_type_double;
    } else {
      for (size_t b = 0; b < len; b += 4) el[k++] = &ffi_type_float;
    }
  }
  return k;
}

/* An equivalent struct of plain elements that the target's ABI classifies
   the same way as the record (a union, bit-field or packed record), by the
   rules of ctarget.record_abi; a target without rules refuses. */
static ffi_type *synth_record(const CType *t, const char **err) {
  if (ctarget.record_abi != CREC_SYSV_X64 && ctarget.record_abi != CREC_AAPCS64 &&
      ctarget.record_abi != CREC_ELFV2) {
    *err = "unions, packed and bit-field records cannot be passed by value on this target";
    return NULL;
  }
  Leaf *lv = malloc(MAX_LEAVES * sizeof(Leaf));
  size_t n = 0, size = t->size;
  if (!lv || !collect_leaves(t, 0, lv, &n)) {
    free(lv);
    *err = "record too complex to classify";
    return NULL;
  }
  bool misaligned = false;
  for (size_t i = 0; i < n; i++) misaligned |= lv[i].misaligned;
  if (t->align > 8) { /* the stack slot would need the record's alignment: not expressible */
    free(lv);
    *err = "over-aligned records cannot be passed by value";
    return NULL;
  }
  if (misaligned && ctarget.packed_by_value_in_memory && size <= 16) {
    free(lv);
    *err =
        "a packed record of 16 bytes or less is passed in memory by the C ABI, which libffi cannot express";
    return NULL;
  }
  /* at most one element per byte */
  ffi_type *ft = calloc(1, sizeof(ffi_type) + (size + 1) * sizeof(ffi_type *));
  if (!ft) {
    free(lv);
    *err = "not enough memory";
    return NULL;
  }
  ffi_type **el = (ffi_type **)(ft + 1);
  size_t k = ctarget.record_abi == CREC_SYSV_X64 ? synth_sysv_x64(lv, n, size, misaligned, el)
                                                 : synth_aapcs(lv, n, size, misaligned, el);
  free(lv);
  return finish_synth(ft, k, size, err);
}

/* Builds a libffi struct type for a record, and checks that libffi's layout
   (natural alignment) reproduces ours: otherwise the call could not be right. */
static ffi_type *record_ffitype(CType *t, const char **err) {
  if (t->flags & CTF_INCOMPLETE) {
    *err = "incomplete type";
    return NULL;
  }
  if (t->flags & CTF_FLEX) {
    *err = "records with flexible array members cannot be passed by value";
    return NULL;
  }
  if (t->size == 0) {
    *err = "empty records cannot be passed by value";
    return NULL;
  }
  if (t->kind == CT_UNION || (t->flags & (CTF_BITFIELDS | CTF_PACKED))) return synth_record(t, err);
  size_t n = 0;
  for (size_t i = 0; i < t->n && n <= CCALL_MAX_ELEMENTS; i++) n += count_elements(t->u.fields[i].type);
  if (n > CCALL_MAX_ELEMENTS) {
    *err = "records of more than 65536 scalar members (array elements counted) cannot be passed by value";
    return NULL;
  }
  ffi_type *ft = calloc(1, sizeof(ffi_type) + (n + 1) * sizeof(ffi_type *));
  if (!ft) {
    *err = "not enough memory";
    return NULL;
  }
  ffi_type **el = (ffi_type **)(ft + 1);
  size_t k = 0;
  for (size_t i = 0; i < t->n; i++)
    if (!add_elements(t->u.fields[i].type, el, &k, err)) {
      free(ft);
      return NULL;
    }
  el[k] = NULL;
  ft->type = FFI_TYPE_STRUCT;
  ft->elements = el;
  ffi_cif probe; /* let libffi compute size and alignment */
  bool prepared = ffi_prep_cif(&probe, FFI_DEFAULT_ABI, 0, ft, NULL) == FFI_OK;
  if (!prepared || ft->size != t->size || ft->alignment != t->align) {
    bool overaligned = prepared && ft->alignment < t->align;
    free(ft);
    *err = overaligned ? "over-aligned records cannot be passed by value"
                       : "its layout (alignment attributes) cannot be described to libffi";
    return NULL;
  }
  return ft;
}

void *ccall_ffitype(CType *t, const char **err) {
  ffi_type *s = scalar_ffitype(t);
  if (s) return s;
  if (ctype_iscomplex(t) && ctarget.record_abi != CREC_SYSV_X64 && ctarget.record_abi != CREC_AAPCS64) {
    *err = "complex numbers by value are supported on x86-64 and AArch64 only"; /* where C passes them as */
    return NULL;                                                                /* the struct { re; im; } */
  }
  if (ctype_isrecord(t)) {
    if (!t->ffi) t->ffi = record_ffitype(t, err);
    return t->ffi;
  }
  *err = t->kind == CT_ARRAY ? "arrays cannot be passed by value" : "cannot be passed by value";
  return NULL;
}

/* -- Wrappers -- */

typedef struct CFunc {
  ffi_cif cif;
  void *fn;
  CType *ft;
  FFIState *S;
  unsigned nargs;
  size_t argbytes; /* stack storage for the fixed arguments */
  size_t retbytes; /* storage for the result (at least an ffi_arg) */
  const char *name;
  ffi_type **atypes;   /* nargs entries */
  uint16_t *offs;      /* nargs entries: offset of each argument's storage */
  lua_CFunction stub;  /* a compiler-made wrapper for this exact shape, or NULL: libffi */
  uint32_t ptrmask;    /* bit i: parameter i is a pointer (the stubs' int64 class) */
  int8_t vret, vfixed; /* variadic: result class and fixed-argument shape of varstubs; -1: none */
  /* variadic functions: the cif of the last call, reused while the argument types repeat */
  ffi_cif vcif;
  ffi_type **vtypes; /* VCACHE_EXTRA + nargs entries; NULL when not variadic */
  unsigned vn;       /* arguments vcif was prepared for; 0 = none */
} CFunc;

#define VCACHE_EXTRA 16

/* -- The fast path: exactly-typed calls for common scalar signatures -- */

/* 'I' int32, 'L' int64 or pointer, 'D' double; 0 = not in the stub set. */
static char stub_class(const CType *t, bool result) {
  switch (t->kind) {
  case CT_VOID: return result ? 'V' : 0;
  case CT_INT:
  case CT_ENUM: {
    /* where 32-bit integers are extended across calls (ppc64, s390x), an
       unsigned argument passed as int32_t would be sign-extended, and a
       uint32_t result is trusted to be zero-extended by the callee: through
       libffi, the result is narrowed by its type whatever the callee did */
    const CType *b = t->kind == CT_ENUM && t->base ? t->base : t;
    if (t->size == 4 && (b->flags & CTF_UNSIGNED) && ctarget.int_args_extended) return 0;
    return t->size == 4 ? 'I' : t->size == 8 ? 'L' : 0;
  }
  case CT_PTR: return sizeof(void *) == 8 ? 'L' : 0;
  case CT_FLOAT: return t->size == 8 ? 'D' : 0;
  default: return 0;
  }
}

static size_t align16(size_t n) { return (n + 15) & ~(size_t)15; }

static l_noret ccall_argcount(lua_State *L, CFunc *cf, int got) {
  luaL_error(L, "wrong number of arguments to '%s' (expected %s%d, got %d)", cf->name,
             (cf->ft->flags & CTF_VARARG) ? "at least " : "", (int)cf->nargs, got);
  abort(); /* luaL_error does not return */
}

/* Converts argument idx into slot for parameter type t: the hot path. */
static inline void conv_arg(lua_State *L, FFIState *S, CType *t, void *slot, int idx, const ConvCtx *ctx) {
  switch (t->kind) {
  case CT_INT:
    if (t->size == 4)
      *(int32_t *)slot = (int32_t)cconv_toint(L, idx, ctx);
    else if (t->size == 8)
      *(int64_t *)slot = (int64_t)cconv_toint(L, idx, ctx);
    else
      cconv_check(L, S, t, slot, idx, ctx);
    return;
  case CT_FLOAT:
    if (t->size == 8 && lua_type(L, idx) == LUA_TNUMBER) {
      *(double *)slot = (double)lua_tonumber(L, idx);
      return;
    }
    cconv_check(L, S, t, slot, idx, ctx);
    return;
  case CT_PTR:
    if (lua_type(L, idx) == LUA_TLIGHTUSERDATA)
      *(void **)slot = lua_touserdata(L, idx);
    else
      *(void **)slot = cconv_toptr(L, S, idx, t, ctx);
    return;
  default: cconv_check(L, S, t, slot, idx, ctx); return;
  }
}

/* Pushes the result at rv of type t (small integers were widened to ffi_arg). */
static int push_result(lua_State *L, FFIState *S, CType *t, void *rv) {
  switch (t->kind) {
  case CT_VOID: return 0;
  case CT_BOOL: lua_pushboolean(L, (uint8_t)(*(ffi_arg *)rv) != 0); return 1;
  case CT_INT:
  case CT_ENUM:
    if (t->size < sizeof(ffi_arg)) {
      ffi_arg a = *(ffi_arg *)rv;
      bool u = t->flags & CTF_UNSIGNED;
      lua_Integer v;
      switch (t->size) {
      case 1: v = u ? (lua_Integer)(uint8_t)a : (lua_Integer)(int8_t)a; break;
      case 2: v = u ? (lua_Integer)(uint16_t)a : (lua_Integer)(int16_t)a; break;
      default: v = u ? (lua_Integer)(uint32_t)a : (lua_Integer)(int32_t)a; break;
      }
      lua_pushinteger(L, v);
      return 1;
    }
    /* fall through */
  default: cconv_push(L, S, t, rv, 0); return 1;
  }
}

/* A callback failed during the call: its error, kept in the registry, now. */
static int raise_callback_error(lua_State *L) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &ffi_key_cberr);
  lua_pushboolean(L, 0); /* the slot stays: a callback stores into it without allocating */
  lua_rawsetp(L, LUA_REGISTRYINDEX, &ffi_key_cberr);
  return lua_error(L);
}

/* Storage for extra argument idx: records by value need their size, the rest a slot. */
static size_t vararg_size(lua_State *L, FFIState *S, int idx) {
  CData *cd = lua_type(L, idx) == LUA_TUSERDATA ? cdata_test(L, S, idx) : NULL;
  return cd && cd->kind == CDK_OBJECT && ctype_isrecord(cd->type) ? align16(cd->type->size) : 16;
}

/* Converts extra argument idx of a variadic call into slot, promoted as C
   does; returns its libffi type. */
static ffi_type *vararg_slot(lua_State *L, FFIState *S, CFunc *cf, int idx, void *slot) {
  ConvCtx ctx = {cf->name, idx};
  ffi_type *type;
  CData *cd;
  switch (lua_type(L, idx)) {
  case LUA_TNUMBER:
    if (lua_isinteger(L, idx)) { /* integers go as long long: a full slot on LP64 */
      *(int64_t *)slot = (int64_t)lua_tointeger(L, idx);
      type = &ffi_type_sint64;
    } else {
      *(double *)slot = (double)lua_tonumber(L, idx);
      type = &ffi_type_double;
    }
    break;
  case LUA_TBOOLEAN:
    *(int32_t *)slot = lua_toboolean(L, idx);
    type = &ffi_type_sint32;
    break;
  case LUA_TUSERDATA:
    cd = cdata_test(L, S, idx);
    if (cd && cd->kind == CDK_OBJECT && cd->type->kind != CT_ARRAY) { /* a boxed value: its own type */
      CType *t = cd->type;
      if (ctype_isrecord(t)) {
        const char *err = NULL;
        type = ccall_ffitype(t, &err);
        if (!type) luaL_error(L, "bad argument #%d to '%s' (%s)", idx, cf->name, err);
        memcpy(slot, cd->ptr, t->size);
      } else if (t->kind == CT_FLOAT) { /* float promotes to double */
        float fv;
        double dv;
        if (t->size == 4)
          memcpy(&fv, cd->ptr, 4), dv = fv;
        else
          memcpy(&dv, cd->ptr, 8);
        *(double *)slot = dv;
        type = &ffi_type_double;
      } else if (ctype_isint(t) && t->size < 4) { /* small integers promote to int */
        lua_Integer v = 0;
        cconv_push(L, S, t, cd->ptr, 0);
        v = lua_tointeger(L, -1);
        lua_pop(L, 1);
        *(int32_t *)slot = (int32_t)v;
        type = &ffi_type_sint32;
      } else if (ctype_isint(t)) {
        memcpy(slot, cd->ptr, t->size);
        type = (ffi_type *)ccall_ffitype(t, &(const char *){NULL});
      } else {
        memcpy(slot, cd->ptr, sizeof(void *));
        type = &ffi_type_pointer;
      }
      break;
    }
    /* pointers, buffers, callbacks: */
    /* fall through */
  default:
    *(void **)slot = cconv_toptr(L, S, idx, ctype_builtin(S->cts, CTB_STR), &ctx);
    type = &ffi_type_pointer;
  }
  return type;
}

/* A variadic call: the cif is prepared from the actual arguments. */
static int call_vararg(lua_State *L, CFunc *cf, int n) {
  FFIState *S = cf->S;
  if (n > MAX_ARGS) return luaL_error(L, "too many arguments to '%s'", cf->name);
  ffi_type *types[MAX_ARGS];
  void *av[MAX_ARGS];
  size_t bytes = cf->argbytes;
  for (int i = (int)cf->nargs; i < n; i++) bytes += vararg_size(L, S, i + 1);
  _Alignas(16) char stackbuf[ARG_STACK_BYTES];
  char *buf = stackbuf;
  if (bytes + cf->retbytes > ARG_STACK_BYTES) /* rare: big records or many arguments */
    buf = (char *)align16((size_t)lua_newuserdatauv(L, bytes + cf->retbytes + 16, 0));
  char *rv = buf + bytes;
  for (unsigned i = 0; i < cf->nargs; i++) {
    ConvCtx ctx = {cf->name, (int)i + 1};
    types[i] = cf->atypes[i];
    av[i] = buf + cf->offs[i];
    conv_arg(L, S, cf->ft->u.params[i], av[i], (int)i + 1, &ctx);
  }
  size_t off = cf->argbytes;
  for (int i = (int)cf->nargs; i < n; i++) {
    av[i] = buf + off;
    off += vararg_size(L, S, i + 1);
    types[i] = vararg_slot(L, S, cf, i + 1, av[i]);
  }
  ffi_cif cif;
  ffi_type *rt = cf->cif.rtype;
  if (cf->vn == (unsigned)n && memcmp(cf->vtypes, types, (size_t)n * sizeof(ffi_type *)) == 0) {
    cif = cf->vcif; /* same argument types as last time: libffi's classification is reused */
  } else if ((unsigned)n <= cf->nargs + VCACHE_EXTRA) {
    memcpy(cf->vtypes, types, (size_t)n * sizeof(ffi_type *));
    cf->vn = 0;
    if (ffi_prep_cif_var(&cf->vcif, FFI_DEFAULT_ABI, cf->nargs, (unsigned)n, rt, cf->vtypes) != FFI_OK)
      return luaL_error(L, "cannot prepare the variadic call to '%s'", cf->name);
    cf->vn = (unsigned)n;
    cif = cf->vcif;
  } else if (ffi_prep_cif_var(&cif, FFI_DEFAULT_ABI, cf->nargs, (unsigned)n, rt, types) != FFI_OK) {
    return luaL_error(L, "cannot prepare the variadic call to '%s'", cf->name);
  }
  CallFrame fr = {S->frame, L, false, 0};
  S->frame = &fr;
  ffi_call(&cif, FFI_FN(cf->fn), rv, av);
  S->saved_errno = errno;
  S->frame = fr.prev;
  if (fr.failed) return raise_callback_error(L);
  return push_result(L, S, cf->ft->base, rv);
}

static int ccall_argcount_or_vararg(lua_State *L, CFunc *cf, int n);

/* -- The fast path's pieces: callstubs.h (generated) makes one lua_CFunction
   per signature from these. The closure's upvalue 1 is the CFunc as a light
   userdata (cheapest to fetch), upvalue 2 the userdata that owns it. -- */

#define LC_PROLOGUE(n)                                                                                       \
  CFunc *cf = lua_touserdata(L, lua_upvalueindex(1));                                                        \
  if (l_unlikely(lua_gettop(L) != (n))) return ccall_argcount_or_vararg(L, cf, lua_gettop(L))

/* Around the call: the frame that callbacks report errors to, and errno. */
#define LC_ENTER                                                                                             \
  FFIState *S_ = cf->S;                                                                                      \
  CallFrame fr_ = {S_->frame, L, false, 0};                                                                  \
  S_->frame = &fr_
#define LC_LEAVE                                                                                             \
  S_->saved_errno = errno;                                                                                   \
  S_->frame = fr_.prev;                                                                                      \
  if (l_unlikely(fr_.failed)) return raise_callback_error(L)

/* Not a Lua integer (an enumerator's name, a boxed value, or an error naming the argument). */
static l_noinline int64_t lc_arg_int_slow(lua_State *L, CFunc *cf, int idx) {
  CType *t = cf->ft->u.params[idx - 1];
  ConvCtx ctx = {cf->name, idx};
  if (t->size == 4) { /* a 4-byte store into its own variable: on big-endian targets the
                         low half of an int64_t is not its first 4 bytes */
    int32_t x = 0;
    cconv_check(L, cf->S, t, &x, idx, &ctx);
    return x;
  }
  int64_t e = 0;
  cconv_check(L, cf->S, t, &e, idx, &ctx);
  return e;
}

static l_noinline void *lc_arg_ptr_slow(lua_State *L, CFunc *cf, int idx) {
  ConvCtx ctx = {cf->name, idx};
  return cconv_toptr(L, cf->S, idx, cf->ft->u.params[idx - 1], &ctx);
}

/* Whatever an inline fast path does not take (a string, a boxed value, a
   table for a record, an error naming the argument): cconv into dst, which
   has the parameter's type. */
static l_noinline void lc_arg_slow(lua_State *L, CFunc *cf, int idx, void *dst) {
  ConvCtx ctx = {cf->name, idx};
  cconv_check(L, cf->S, cf->ft->u.params[idx - 1], dst, idx, &ctx);
}

static inline int32_t lc_arg_I(lua_State *L, CFunc *cf, int idx) {
  int isint;
  lua_Integer v = lua_tointegerx(L, idx, &isint);
  return l_likely(isint) ? (int32_t)v : (int32_t)lc_arg_int_slow(L, cf, idx);
}

static inline int64_t lc_arg_L(lua_State *L, CFunc *cf, int idx) {
  if (cf->ptrmask & (1u << (idx - 1))) {
    void *p = lua_islightuserdata(L, idx) ? lua_touserdata(L, idx) : lc_arg_ptr_slow(L, cf, idx);
    return (int64_t)(intptr_t)p;
  }
  int isint;
  lua_Integer v = lua_tointegerx(L, idx, &isint);
  return l_likely(isint) ? (int64_t)v : lc_arg_int_slow(L, cf, idx);
}

/* Floating-point arguments (lc_arg_D, lc_arg_F) and the results pushed as
   they are (lc_ret_I, _U, _D, _F): one body each, typed per class. */
#define LC_ARG_NUM(cls, T)                                                                                   \
  static inline T lc_arg_##cls(lua_State *L, CFunc *cf, int idx) {                                           \
    int isnum;                                                                                               \
    T v = (T)lua_tonumberx(L, idx, &isnum);                                                                  \
    if (l_unlikely(!isnum)) lc_arg_slow(L, cf, idx, &v);                                                     \
    return v;                                                                                                \
  }
#define LC_RET_PUSH(cls, T, push, LT)                                                                        \
  static inline int lc_ret_##cls(lua_State *L, CFunc *cf, T r) {                                             \
    (void)cf;                                                                                                \
    push(L, (LT)r);                                                                                          \
    return 1;                                                                                                \
  }
LC_ARG_NUM(D, double)
LC_ARG_NUM(F, float)
LC_RET_PUSH(I, int32_t, lua_pushinteger, lua_Integer)
LC_RET_PUSH(U, uint32_t, lua_pushinteger, lua_Integer)
LC_RET_PUSH(D, double, lua_pushnumber, lua_Number)
LC_RET_PUSH(F, float, lua_pushnumber, lua_Number)

static inline int lc_ret_L(lua_State *L, CFunc *cf, int64_t r) {
  CType *rt = cf->ft->base;
  if (rt->kind != CT_PTR)
    lua_pushinteger(L, (lua_Integer)r);
  else if (rt->flags & CTF_VOIDP)
    lua_pushlightuserdata(L, (void *)(intptr_t)r);
  else
    cconv_push(L, cf->S, rt, &r, 0);
  return 1;
}

/* A record argument: an object of exactly its type is copied; anything else
   (another object of an equal type, a pointer to one, a table) is converted
   as on every other path. */
static inline void lr_arg(lua_State *L, CFunc *cf, int idx, void *dst, size_t size) {
  CData *cd = cdata_test(L, cf->S, idx);
  if (l_likely(cd && cd->kind == CDK_OBJECT && cd->type == cf->ft->u.params[idx - 1]))
    memcpy(dst, cd->ptr, size);
  else
    lc_arg_slow(L, cf, idx, dst);
}

static inline int lr_ret(lua_State *L, CFunc *cf, const void *r) {
  cconv_push(L, cf->S, cf->ft->base, r, 0);
  return 1;
}

/* An extra argument of a variadic call, converted by call_vararg_fast. */
typedef union VArg {
  int64_t l; /* Lua integers; strings, light userdata and nil as pointers */
  double d;  /* Lua floats */
} VArg;

#include "callstubs.h"

static lua_CFunction find_stub(const CType *ft) {
  if ((ft->flags & CTF_VARARG) || ft->n > CALLSTUB_MAXARGS) return NULL;
  int idx = ffi_shape_index(ft, "ILD", stub_class);
  if (idx < 0) return NULL;
  switch (stub_class(ft->base, true)) {
  case 'V': return callstubs_V[idx];
  case 'I': return (ft->base->flags & CTF_UNSIGNED) ? callstubs_U[idx] : callstubs_I[idx];
  case 'L': return callstubs_L[idx];
  case 'D': return callstubs_D[idx];
  default: return NULL;
  }
}

/* Walks t's scalar members in order: true while each is a float, double or
   4-byte integer like the first (*kind, *w) at offset *n * *w, at most 4. */
static bool uniform_members(const CType *t, size_t off, int *kind, size_t *w, size_t *n) {
  switch (t->kind) {
  case CT_STRUCT:
    if (ctype_iscomplex(t)) return false;
    for (size_t i = 0; i < t->n; i++) {
      const CField *f = &t->u.fields[i];
      if (f->is_bitfield || !uniform_members(f->type, off + f->offset, kind, w, n)) return false;
    }
    return true;
  case CT_ARRAY:
    for (size_t i = 0; i < t->n; i++)
      if (!uniform_members(t->base, off + i * t->base->size, kind, w, n)) return false;
    return true;
  case CT_FLOAT:
  case CT_INT:
  case CT_ENUM: {
    int k = t->kind == CT_FLOAT ? CT_FLOAT : CT_INT;
    if (t->size != 4 && !(k == CT_FLOAT && t->size == 8)) return false;
    if (*n == 0) *kind = k, *w = t->size;
    if (*n >= 4 || k != *kind || t->size != *w || off != *n * *w) return false;
    (*n)++;
    return true;
  }
  default: return false;
  }
}

/* The rs_* shape (callstubs.h) whose aggregate rules a record shares: its
   scalar members are 2-4 doubles, 2-4 floats or two 4-byte integers, each at
   its natural offset, with nothing else in the record (no padding, bit-field,
   union or extra alignment); -1 otherwise. */
static int record_shape(const CType *t) {
  int kind = 0;
  size_t w = 0, n = 0;
  if (t->kind != CT_STRUCT || (t->flags & CTF_INCOMPLETE) || !uniform_members(t, 0, &kind, &w, &n)) return -1;
  if (n < 2 || t->size != n * w || t->align != w) return -1;
  if (kind == CT_FLOAT) return w == 8 ? (int)n - 2 : (int)n + 1; /* d2..d4, f2..f4 */
  return n == 2 ? 6 : -1;                                        /* i2 */
}

/* A parameter's or the result's class among the record stubs' (I, L, D, F,
   R: a record of one of the rs_* shapes), or 0. */
static char rstub_class(const CType *t, bool result) {
  if (t->kind == CT_FLOAT && t->size == 4) return 'F';
  if (t->kind == CT_STRUCT) return record_shape(t) >= 0 ? 'R' : 0;
  char c = stub_class(t, result);
  if (c == 'I' && result && (t->flags & CTF_UNSIGNED)) return 0; /* no U table here */
  return c;
}

static lua_CFunction find_rstub(const CType *ft) {
  if ((ft->flags & CTF_VARARG) || ft->n > RSTUB_MAXARGS) return NULL;
  int idx = ffi_shape_index(ft, "ILDFR", rstub_class);
  char rc = rstub_class(ft->base, true);
  const char *rat = rc ? strchr("VILDFR", rc) : NULL;
  if (idx < 0 || !rat) return NULL;
  int shape = -1; /* every record of the signature has the same shape */
  for (size_t i = 0; i <= ft->n; i++) {
    const CType *t = i < ft->n ? ft->u.params[i] : ft->base;
    int sh = t->kind == CT_STRUCT ? record_shape(t) : shape;
    if (shape >= 0 && sh != shape) return NULL;
    shape = sh;
  }
  return shape >= 0 ? rstubs[shape][rat - "VILDFR"][idx] : NULL;
}

/* A variadic call whose extra arguments are all Lua numbers, strings, light
   userdata or nil: a compiler-made variadic call (varstubs), or -1. Up to
   VASTUB_MAXEXTRA extra arguments may mix int64 and double; up to
   VASTUB_MAXLONG when all are int64. */
static int call_vararg_fast(lua_State *L, CFunc *cf, int n) {
  int ne = n - (int)cf->nargs;
  if (cf->vfixed < 0 || ne > VASTUB_MAXLONG) return -1;
  static const int first[] = {0, 0, 2, 6}; /* mixed extra shapes of each count, in order */
  VArg x[VASTUB_MAXLONG];
  int e = 0;
  for (int k = 0, idx = (int)cf->nargs + 1; idx <= n; k++, idx++) {
    int d = 0;
    if (lua_isinteger(L, idx)) { /* the common case first: one test less */
      x[k].l = (int64_t)lua_tointeger(L, idx);
      e = e * 2;
      continue;
    }
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER: x[k].d = (double)lua_tonumber(L, idx), d = 1; break;
    case LUA_TSTRING: x[k].l = (int64_t)(intptr_t)lua_tostring(L, idx); break; /* stays on the stack */
    case LUA_TLIGHTUSERDATA: x[k].l = (int64_t)(intptr_t)lua_touserdata(L, idx); break;
    case LUA_TNIL: x[k].l = 0; break; /* NULL */
    default: return -1;
    }
    e = e * 2 + d;
  }
  if (ne <= VASTUB_MAXEXTRA) return varstubs[cf->vret][cf->vfixed][first[ne] + e](L, cf, x);
  if (e) return -1; /* a double among more than VASTUB_MAXEXTRA extras */
  return varstubs[cf->vret][cf->vfixed][VASTUB_MIXED + ne - VASTUB_MAXEXTRA - 1](L, cf, x);
}

static int ccall_argcount_or_vararg(lua_State *L, CFunc *cf, int n) {
  if ((cf->ft->flags & CTF_VARARG) && n > (int)cf->nargs) {
    int r = call_vararg_fast(L, cf, n);
    return r >= 0 ? r : call_vararg(L, cf, n);
  }
  ccall_argcount(L, cf, n);
  return 0;
}

static int cfunc_call(lua_State *L) {
  CFunc *cf = lua_touserdata(L, lua_upvalueindex(1));
  FFIState *S = cf->S;
  int n = lua_gettop(L);
  if (l_unlikely(n != (int)cf->nargs)) return ccall_argcount_or_vararg(L, cf, n);
  _Alignas(16) char stackbuf[ARG_STACK_BYTES];
  void *avstack[MAX_FAST_ARGS];
  char *buf = stackbuf;
  void **av = avstack;
  if (l_unlikely(cf->argbytes + cf->retbytes > ARG_STACK_BYTES || cf->nargs > MAX_FAST_ARGS)) {
    size_t need = cf->argbytes + cf->retbytes + cf->nargs * sizeof(void *) + 32;
    buf = (char *)align16((size_t)lua_newuserdatauv(L, need, 0)); /* rare: huge signatures */
    av = (void **)(buf + align16(cf->argbytes + cf->retbytes));
  }
  CType **params = cf->ft->u.params;
  for (unsigned i = 0; i < cf->nargs; i++) {
    void *slot = buf + cf->offs[i];
    av[i] = slot;
    CType *t = params[i];
    if (l_likely(t->kind == CT_INT && t->size == 4 && lua_isinteger(L, (int)i + 1))) {
      *(int32_t *)slot = (int32_t)lua_tointeger(L, (int)i + 1);
      continue;
    }
    ConvCtx ctx = {cf->name, (int)i + 1};
    conv_arg(L, S, t, slot, (int)i + 1, &ctx);
  }
  char *rv = buf + cf->argbytes;
  CallFrame fr = {S->frame, L, false, 0};
  S->frame = &fr;
  ffi_call(&cf->cif, FFI_FN(cf->fn), rv, av);
  S->saved_errno = errno;
  S->frame = fr.prev;
  if (l_unlikely(fr.failed)) return raise_callback_error(L);
  return push_result(L, S, cf->ft->base, rv);
}

void ccall_push(lua_State *L, FFIState *S, CType *ft, void *fn, const char *name, int owner_idx) {
  char b[128];
  if (owner_idx) owner_idx = lua_absindex(L, owner_idx);
  if (ft->n > MAX_ARGS) luaL_error(L, "'%s' has too many parameters", name);
  const char *err = NULL;
  ffi_type *rt = ccall_ffitype(ft->base, &err);
  if (!rt || (ft->base->flags & CTF_INCOMPLETE))
    luaL_error(L, "cannot return '%s' from '%s': %s", ctype_repr(ft->base, b, sizeof b), name,
               err ? err : "incomplete type");
  size_t namelen = strlen(name);
  size_t nv = (ft->flags & CTF_VARARG) ? ft->n + VCACHE_EXTRA : 0;
  size_t sz = sizeof(CFunc) + (ft->n + nv) * sizeof(ffi_type *) + ft->n * sizeof(uint16_t) + namelen + 1;
  CFunc *cf = lua_newuserdatauv(L, sz, 1);
  memset(cf, 0, sizeof *cf);
  cf->atypes = (ffi_type **)(cf + 1);
  cf->vtypes = nv ? cf->atypes + ft->n : NULL;
  cf->offs = (uint16_t *)(cf->atypes + ft->n + nv);
  char *nm = (char *)(cf->offs + ft->n);
  memcpy(nm, name, namelen + 1);
  cf->name = nm;
  cf->fn = fn;
  cf->ft = ft;
  cf->S = S;
  cf->nargs = (unsigned)ft->n;
  size_t off = 0;
  for (size_t i = 0; i < ft->n; i++) {
    CType *t = ft->u.params[i];
    err = NULL;
    cf->atypes[i] = ccall_ffitype(t, &err);
    if (!cf->atypes[i] || t->kind == CT_VOID)
      luaL_error(L, "cannot pass '%s' to '%s' (parameter %d): %s", ctype_repr(t, b, sizeof b), name,
                 (int)i + 1, err ? err : "void parameter");
    if (off > UINT16_MAX) luaL_error(L, "'%s' has too many parameters", name);
    cf->offs[i] = (uint16_t)off;
    off += align16(t->size > 8 ? t->size : 8);
  }
  cf->argbytes = off;
  cf->retbytes = align16(ft->base->size > sizeof(ffi_arg) ? ft->base->size : sizeof(ffi_arg));
  /* a variadic function called without extras is still called as variadic:
     on armhf (AAPCS-VFP) its floating-point arguments and result then go in
     core registers, not VFP ones */
  ffi_status st = (ft->flags & CTF_VARARG)
                      ? ffi_prep_cif_var(&cf->cif, FFI_DEFAULT_ABI, cf->nargs, cf->nargs, rt, cf->atypes)
                      : ffi_prep_cif(&cf->cif, FFI_DEFAULT_ABI, cf->nargs, rt, cf->atypes);
  if (st != FFI_OK) luaL_error(L, "cannot prepare a call to '%s'", name);
  cf->stub = find_stub(ft);
  if (!cf->stub) cf->stub = find_rstub(ft);
  cf->vret = cf->vfixed = -1;
  if ((ft->flags & CTF_VARARG) && ft->n >= 1 && ft->n <= VASTUB_MAXFIXED) {
    int fx = ffi_shape_index(ft, "ILD", stub_class) - 1; /* varstubs' fixed shapes: no empty list */
    char rc = stub_class(ft->base, true);
    int vr = rc == 'V' ? 0 : rc == 'I' && !(ft->base->flags & CTF_UNSIGNED) ? 1 : rc == 'L' ? 2 : -1;
    if (fx >= 0 && vr >= 0) cf->vret = (int8_t)vr, cf->vfixed = (int8_t)fx;
  }
  for (size_t i = 0; i < ft->n && i < 32; i++)
    if (ft->u.params[i]->kind == CT_PTR) cf->ptrmask |= 1u << i;
  if (owner_idx) {
    lua_pushvalue(L, owner_idx);
    lua_setiuservalue(L, -2, 1);
  }
  if (cf->stub) {
    lua_pushlightuserdata(L, cf);
    lua_insert(L, -2);
    lua_pushcclosure(L, cf->stub, 2);
  } else {
    lua_pushcclosure(L, cfunc_call, 1);
  }
}

/* The C function behind a wrapper made by ccall_push (and its type), or NULL
   for any other Lua value: what lets ffi.C.free stand for a function pointer. */
void *ccall_address(lua_State *L, int idx, CType **ft) {
  lua_CFunction f = lua_tocfunction(L, idx);
  CFunc *cf = NULL;
  if (!f) return NULL;
  if (f == cfunc_call) {
    if (lua_getupvalue(L, idx, 1)) {
      cf = lua_touserdata(L, -1);
      lua_pop(L, 1);
    }
  } else if (lua_getupvalue(L, idx, 1)) { /* stubs: (light cf, CFunc userdata) */
    void *light = lua_type(L, -1) == LUA_TLIGHTUSERDATA ? lua_touserdata(L, -1) : NULL;
    lua_pop(L, 1);
    if (light && lua_getupvalue(L, idx, 2)) {
      if (lua_type(L, -1) == LUA_TUSERDATA && lua_touserdata(L, -1) == light && ((CFunc *)light)->stub == f)
        cf = light;
      lua_pop(L, 1);
    }
  }
  if (!cf) return NULL;
  if (ft) *ft = cf->ft;
  return cf->fn;
}
