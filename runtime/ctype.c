/*
** ctype.c -- C type model: registry, transactions, derived types, layout.
*/
#include "ffi_ctype.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>

/* -- State -- */

typedef struct CTUndo {
  CType *t;
  CType saved;
} CTUndo;

struct CTState {
  void **allocs; /* every allocation, in order (rollback frees the tail) */
  size_t nallocs, callocs;
  CType **types; /* id -> type */
  size_t ntypes, ctypes;
  CTName **names; /* in definition order (immutable entries) */
  size_t nnames, cnames;
  uint32_t *hash; /* open addressing: index+1 into names, 0 = empty */
  size_t hsize;   /* power of two */
  CTUndo *undo;
  size_t nundo, cundo;
  CType *builtin[CTB__MAX];
  uint32_t *fhash; /* interned function types (ctype_func): id + 1, 0 = empty */
  size_t fhsize, nfunc;
};

static bool grow(void **vec, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return true;
  size_t ncap = *cap ? *cap * 2 : 16;
  while (ncap < need) ncap *= 2;
  void *p = realloc(*vec, ncap * elem);
  if (!p) return false;
  *vec = p;
  *cap = ncap;
  return true;
}

void *ctype_alloc(CTState *cts, size_t size) {
  if (!grow((void **)&cts->allocs, &cts->callocs, cts->nallocs + 1, sizeof(void *))) return NULL;
  void *p = calloc(1, size ? size : 1);
  if (p) cts->allocs[cts->nallocs++] = p;
  return p;
}

char *ctype_strdup(CTState *cts, const char *s, size_t len) {
  char *p = ctype_alloc(cts, len + 1);
  if (p) memcpy(p, s, len);
  return p;
}

CType *ctype_new(CTState *cts, CTKind kind) {
  if (!grow((void **)&cts->types, &cts->ctypes, cts->ntypes + 1, sizeof(CType *))) return NULL;
  CType *t = ctype_alloc(cts, sizeof(CType));
  if (!t) return NULL;
  t->kind = (uint8_t)kind;
  t->align = 1;
  t->id = (uint32_t)cts->ntypes;
  cts->types[cts->ntypes++] = t;
  return t;
}

void ctype_copy_to(CType *dst, const CType *src) {
  *dst = *src;
  dst->ffi = NULL; /* owned by src: freed with it, and describes src's layout */
  dst->ptr_id = 0; /* 'pointer to src' is not a pointer to the copy */
}

CType *ctype_copy(CTState *cts, const CType *src) {
  CType *t = ctype_new(cts, (CTKind)src->kind);
  if (!t) return NULL;
  uint32_t id = t->id;
  ctype_copy_to(t, src);
  t->id = id;
  return t;
}

CType *ctype_byid(CTState *cts, uint32_t id) { return id < cts->ntypes ? cts->types[id] : NULL; }

bool ctype_save(CTState *cts, CType *t) {
  if (!grow((void **)&cts->undo, &cts->cundo, cts->nundo + 1, sizeof(CTUndo))) return false;
  cts->undo[cts->nundo].t = t;
  cts->undo[cts->nundo].saved = *t;
  cts->nundo++;
  return true;
}

/* -- Names -- */

static uint32_t name_hash(CTNamespace ns, const char *s, size_t len) {
  uint32_t h = 2166136261u ^ (uint32_t)ns;
  for (size_t i = 0; i < len; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
  return h;
}

static bool hash_insert(CTState *cts, size_t idx) {
  CTName *n = cts->names[idx];
  size_t mask = cts->hsize - 1;
  size_t i = name_hash(n->ns, n->name, strlen(n->name)) & mask;
  while (cts->hash[i]) i = (i + 1) & mask;
  cts->hash[i] = (uint32_t)idx + 1;
  return true;
}

static bool hash_rebuild(CTState *cts, size_t hsize) {
  uint32_t *h = calloc(hsize, sizeof(uint32_t));
  if (!h) return false;
  free(cts->hash);
  cts->hash = h;
  cts->hsize = hsize;
  for (size_t i = 0; i < cts->nnames; i++) hash_insert(cts, i);
  return true;
}

CTName *ctype_lookup(CTState *cts, CTNamespace ns, const char *name, size_t len) {
  size_t mask = cts->hsize - 1;
  size_t i = name_hash(ns, name, len) & mask;
  for (uint32_t e; (e = cts->hash[i]) != 0; i = (i + 1) & mask) {
    CTName *n = cts->names[e - 1];
    if (n->ns == ns && strncmp(n->name, name, len) == 0 && n->name[len] == '\0') return n;
  }
  return NULL;
}

CTName *ctype_define(CTState *cts, CTNamespace ns, const char *name, size_t len) {
  CTName *n = ctype_lookup(cts, ns, name, len);
  if (n) return n;
  if ((cts->nnames + 1) * 2 > cts->hsize && !hash_rebuild(cts, cts->hsize * 2)) return NULL;
  if (!grow((void **)&cts->names, &cts->cnames, cts->nnames + 1, sizeof(CTName *))) return NULL;
  n = ctype_alloc(cts, sizeof(CTName));
  if (!n) return NULL;
  n->name = ctype_strdup(cts, name, len);
  if (!n->name) return NULL;
  n->ns = (uint8_t)ns;
  cts->names[cts->nnames] = n;
  hash_insert(cts, cts->nnames++);
  return n;
}

size_t ctype_next_name(CTState *cts, size_t i, CTName **out) {
  if (i >= cts->nnames) return 0;
  *out = cts->names[i];
  return i + 1;
}

/* -- Transactions -- */

CTMark ctype_begin(CTState *cts) {
  CTMark m = {cts->nallocs, cts->nundo, cts->ntypes, cts->nnames};
  return m;
}

void ctype_rollback(CTState *cts, CTMark m) {
  while (cts->nundo > m.undo) {
    CTUndo *u = &cts->undo[--cts->nundo];
    *u->t = u->saved;
  }
  while (cts->ntypes > m.types) {
    CType *t = cts->types[--cts->ntypes];
    free(t->ffi); /* libffi types are malloc'd outside the allocation list */
    t->ffi = NULL;
  }
  if (cts->nnames != m.names) { /* rehash in place: a rollback after "not enough memory" must not allocate */
    cts->nnames = m.names;
    memset(cts->hash, 0, cts->hsize * sizeof(uint32_t));
    for (size_t i = 0; i < cts->nnames; i++) hash_insert(cts, i);
  }
  while (cts->nallocs > m.allocs) free(cts->allocs[--cts->nallocs]);
}

/* -- Builtins -- */

static CType *mk_scalar(CTState *cts, CTKind kind, size_t size, uint16_t flags, const char *name) {
  CType *t = ctype_new(cts, kind);
  if (!t) return NULL;
  t->size = size;
  t->align = size ? size : 1;
  if (size == 8 && kind != CT_PTR) t->align = ctarget.int64_align;
  t->flags = flags;
  t->name = name;
  return t;
}

static bool typedef_builtin(CTState *cts, const char *name, CType *t) {
  CTName *n = ctype_define(cts, NS_ORD, name, strlen(name));
  if (!n) return false;
  n->kind = CN_TYPE;
  n->type = t;
  return true;
}

/* __builtin_va_list from the target table: a record (or a one-element array of
   one), laid out like any record; a plain pointer where the ABI says char *. */
static CType *mk_va_list(CTState *cts, CType **b) {
  const CTVaList *v = &ctarget.va_list;
  if (!v->nfields) return b[CTB_PTR];
  CType *r = ctype_new(cts, CT_STRUCT);
  CField *f = r ? ctype_alloc(cts, v->nfields * sizeof(CField)) : NULL;
  if (!f || !b[CTB_I32] || !b[CTB_U32] || !b[CTB_LONG] || !b[CTB_PTR]) return NULL;
  const CTBuiltin kinds[] = {
      [VA_INT] = CTB_I32, [VA_UINT] = CTB_U32, [VA_LONG] = CTB_LONG, [VA_PTR] = CTB_PTR};
  for (size_t i = 0; i < v->nfields; i++) {
    f[i].name = v->fields[i].name;
    f[i].type = b[kinds[v->fields[i].kind]];
  }
  r->name = v->tag;
  r->n = v->nfields;
  r->u.fields = f;
  if (ctype_layout(r, 0, 0, false, NULL)) return NULL;
  return v->array ? ctype_array(cts, r, 1, false) : r;
}

CTState *ctstate_new(void) {
  CTState *cts = calloc(1, sizeof(CTState));
  if (!cts) return NULL;
  cts->hsize = 64;
  cts->hash = calloc(cts->hsize, sizeof(uint32_t));
  if (!cts->hash) {
    free(cts);
    return NULL;
  }
  CType **b = cts->builtin;
  static const struct {
    uint8_t kind;
    int8_t size; /* or FFI_SZ_* */
    int8_t base; /* CTB_* or -1 */
    uint32_t flags;
    const char *name;
  } bt[] = {
#define BT_ROW(id, kind, size, flags, base, name, seed) {kind, size, base, flags, name},
      FFI_BUILTIN_TYPES(BT_ROW)
#undef BT_ROW
  };
  for (int i = 0; i < CTB_VA_LIST; i++) { /* VA_LIST, last, is built from the others */
    int size = bt[i].size == FFI_SZ_LONG  ? ctarget.long_size
               : bt[i].size == FFI_SZ_PTR ? ctarget.ptr_size
                                          : bt[i].size;
    uint16_t flags = (uint16_t)(bt[i].flags & ~(uint32_t)FFI_TF_CHAR);
    if (bt[i].flags & FFI_TF_CHAR) flags |= ctarget.char_signed ? CTF_CHAR : (CTF_CHAR | CTF_UNSIGNED);
    FFI_ASSERT(bt[i].kind <= CT_PTR && bt[i].base < i); /* scalars, pointing back */
    b[i] = mk_scalar(cts, (CTKind)bt[i].kind, (size_t)size, flags, bt[i].name);
  }
  b[CTB_VA_LIST] = mk_va_list(cts, b);
  for (int i = 0; i < CTB__MAX; i++) {
    if (!b[i]) goto fail;
    if (bt[i].base >= 0) b[i]->base = b[bt[i].base];
  }
  {
    static const struct {
      const char *name;
      int type; /* CTB_* or CTA_* */
    } td[] = {
#define TD_ROW(name, type) {name, type},
        FFI_TYPEDEFS(TD_ROW)
#undef TD_ROW
    };
    bool big = ctarget.ptr_size == 8;
    CType *sz = big ? b[CTB_U64] : b[CTB_U32], *ssz = big ? b[CTB_I64] : b[CTB_I32];
    CType *wc = ctarget.wchar_size == 4 ? (ctarget.wchar_signed ? b[CTB_I32] : b[CTB_U32])
                                        : (ctarget.wchar_signed ? b[CTB_I16] : b[CTB_U16]);
    for (size_t i = 0; i < sizeof td / sizeof td[0]; i++) {
      CType *t = td[i].type == CTA_SIZE    ? sz
                 : td[i].type == CTA_SSIZE ? ssz
                 : td[i].type == CTA_WCHAR ? wc
                                           : b[td[i].type];
      if (!typedef_builtin(cts, td[i].name, t)) goto fail;
    }
  }
  return cts;
fail:
  ctstate_free(cts);
  return NULL;
}

void ctstate_free(CTState *cts) {
  if (!cts) return;
  for (size_t i = 0; i < cts->ntypes; i++) free(cts->types[i]->ffi);
  while (cts->nallocs) free(cts->allocs[--cts->nallocs]);
  free(cts->allocs);
  free(cts->types);
  free(cts->names);
  free(cts->hash);
  free(cts->undo);
  free(cts->fhash);
  free(cts);
}

CType *ctype_builtin(CTState *cts, CTBuiltin b) {
  FFI_ASSERT((unsigned)b < CTB__MAX); /* a CTA_* is resolved by ctstate_new, never looked up */
  return cts->builtin[b];
}

/* -- Derived types -- */

CType *ctype_ptr(CTState *cts, CType *pointee, bool to_const) {
  CType *t = ctype_new(cts, CT_PTR);
  if (!t) return NULL;
  t->size = t->align = ctarget.ptr_size;
  t->base = pointee;
  if (to_const) t->flags |= CTF_CONST;
  if (pointee->kind == CT_VOID)
    t->flags |= CTF_VOIDP;
  else if (to_const && pointee->kind == CT_INT && (pointee->flags & CTF_CHAR) &&
           pointee == cts->builtin[CTB_CHAR])
    t->flags |= CTF_STR;
  return t;
}

CType *ctype_ptr_to(CTState *cts, CType *t) {
  /* the cache holds an id, checked before use: a rollback may have freed the node */
  if (t->ptr_id && t->ptr_id - 1 < cts->ntypes) {
    CType *p = cts->types[t->ptr_id - 1];
    if (p->kind == CT_PTR && p->base == t && !(p->flags & CTF_CONST)) return p;
  }
  CType *p = ctype_ptr(cts, t, false);
  if (p) t->ptr_id = p->id + 1;
  return p;
}

/* Function types made at run time (lib:wrap, ffi.callback) are interned, as
   LuaJIT's lj_ctype_intern does, so a program that wraps or makes callbacks
   as it goes does not add a node each time. The table holds ids, checked
   against the node on every lookup: a rollback may have dropped the node
   or given its id to another. */
static uint32_t func_hash(const CType *ret, CType *const *params, size_t n, uint16_t flags) {
  uint64_t h = 1469598103934665603u ^ ((uint64_t)n << 16 | flags);
  h = (h ^ (uint64_t)(uintptr_t)ret) * 1099511628211u;
  for (size_t i = 0; i < n; i++) h = (h ^ (uint64_t)(uintptr_t)params[i]) * 1099511628211u;
  return (uint32_t)(h ^ (h >> 32));
}

static bool func_matches(const CType *t, const CType *ret, CType *const *params, size_t n, uint16_t flags) {
  if (t->kind != CT_FUNC || t->base != ret || t->n != n || t->flags != flags || t->name) return false;
  for (size_t i = 0; i < n; i++)
    if (t->u.params[i] != params[i]) return false;
  return true;
}

static CType *func_live(CTState *cts, uint32_t e) {
  return e && e - 1 < cts->ntypes ? cts->types[e - 1] : NULL;
}

static bool func_rehash(CTState *cts, size_t size) {
  uint32_t *h = calloc(size, sizeof(uint32_t));
  if (!h) return false;
  size_t live = 0;
  for (size_t i = 0; i < cts->fhsize; i++) {
    CType *t = func_live(cts, cts->fhash[i]);
    if (!t || t->kind != CT_FUNC || t->name || t->id + 1 != cts->fhash[i]) continue; /* stale */
    size_t j = func_hash(t->base, t->u.params, t->n, t->flags) & (size - 1);
    while (h[j]) j = (j + 1) & (size - 1);
    h[j] = t->id + 1;
    live++;
  }
  free(cts->fhash);
  cts->fhash = h;
  cts->fhsize = size;
  cts->nfunc = live;
  return true;
}

CType *ctype_func(CTState *cts, CType *ret, CType *const *params, size_t n, uint16_t flags) {
  uint32_t hv = func_hash(ret, params, n, flags);
  if (cts->fhsize) {
    size_t mask = cts->fhsize - 1;
    for (size_t i = hv & mask; cts->fhash[i]; i = (i + 1) & mask) {
      CType *t = func_live(cts, cts->fhash[i]);
      if (t && func_matches(t, ret, params, n, flags)) return t;
    }
  }
  if ((cts->nfunc + 1) * 2 > cts->fhsize && !func_rehash(cts, cts->fhsize ? cts->fhsize * 2 : 64))
    return NULL;
  CType **pv = ctype_alloc(cts, (n ? n : 1) * sizeof(CType *));
  CType *t = pv ? ctype_new(cts, CT_FUNC) : NULL;
  if (!t) return NULL;
  if (n) memcpy(pv, params, n * sizeof(CType *));
  t->base = ret;
  t->u.params = pv;
  t->n = n;
  t->flags = flags;
  size_t mask = cts->fhsize - 1, i = hv & mask;
  while (cts->fhash[i]) i = (i + 1) & mask;
  cts->fhash[i] = t->id + 1;
  cts->nfunc++;
  return t;
}

CType *ctype_array(CTState *cts, CType *elem, size_t n, bool vla) {
  CType *t = ctype_new(cts, CT_ARRAY);
  if (!t) return NULL;
  t->base = elem;
  t->n = vla ? 0 : n;
  t->size = vla ? 0 : n * elem->size;
  t->align = elem->align;
  if (vla) t->flags |= CTF_VLA;
  return t;
}

/* -- Layout -- */

/* Layout arithmetic is in bits, 64-bit even on 32-bit targets (2^31 bytes are 2^34 bits). */
static uint64_t align_up(uint64_t x, uint64_t a) { return (x + a - 1) / a * a; }

/* Where a non-zero-width bit-field of w bits starts, at bit position bits (gcc's and
   clang's rule; clang's LayoutBitField reads most plainly). falign: its alignment,
   aligned(req) and #pragma pack(pack) applied. A bit-field that would straddle a unit
   of falign starts the next one, except when packed (attribute) or under any pragma
   pack value ("pack suppresses the insertion of padding"); aligned(req) then starts
   it at a multiple of req (under pack: of min(req, pack), gcc; clang ignores req > pack). */
static uint64_t bitfield_start(uint64_t bits, size_t w, size_t unit, size_t falign, size_t req, size_t pack,
                               bool packed) {
  if (pack) return req ? align_up(bits, (req < pack ? req : pack) * 8) : bits;
  uint64_t fa = (packed && !req) ? 1 : falign * 8; /* in bits */
  if ((bits % fa) + w > unit) return align_up(bits, fa);
  return req ? align_up(bits, req * 8) : bits;
}

const char *ctype_layout(CType *t, size_t pack, size_t min_align, bool packed, const size_t *field_align) {
  uint64_t bits = 0, size = 0;
  size_t align = 1;
  bool is_union = t->kind == CT_UNION;
  for (size_t i = 0; i < t->n; i++) {
    CField *f = &t->u.fields[i];
    CType *ft = f->type;
    size_t natural = ft->align, req = field_align ? field_align[i] : 0;
    size_t falign = (packed || (req & CTYPE_FIELD_PACKED)) ? 1 : natural;
    req &= ~CTYPE_FIELD_PACKED;
    if (req > falign) falign = req;
    if (pack && falign > pack) falign = pack; /* #pragma pack caps aligned(N) too */
    if (ft->kind == CT_ARRAY && (ft->flags & CTF_VLA)) {
      if (i + 1 != t->n || is_union) return "flexible array member not at end of struct";
      t->flags |= CTF_FLEX;
    }
    if (f->is_bitfield) {
      size_t unit = ft->size * 8, w = f->bit_size;
      t->flags |= CTF_BITFIELDS;
      if (is_union) bits = 0;
      if (w == 0) { /* zero width: next field starts at the next unit of this type */
        bits = align_up(bits, natural * 8);
        if (ctarget.unnamed_bitfields_align && natural > align) align = natural; /* even packed */
        f->offset = (size_t)(bits / 8);
        f->bit_pos = 0;
        continue;
      }
      bits = bitfield_start(bits, w, unit, falign, req, pack,
                            packed || (field_align && (field_align[i] & CTYPE_FIELD_PACKED)));
      f->offset = (size_t)(bits / 8);
      f->bit_pos = (uint8_t)(bits % 8);
      bits += w;
      /* unnamed bit-fields align the record only where the ABI says so (AAPCS); under
         #pragma pack(N) a bit-field's type aligns the record up to N even when packed */
      size_t balign = pack && natural > falign ? (natural < pack ? natural : pack) : falign;
      if ((f->name || req || ctarget.unnamed_bitfields_align) && balign > align) align = balign;
      if (is_union) {
        if (bits > size * 8) size = (bits + 7) / 8;
        bits = 0;
      }
      continue;
    }
    if (is_union) {
      f->offset = 0;
      if (ft->size > size) size = ft->size;
    } else {
      bits = align_up(bits, falign * 8);
      f->offset = (size_t)(bits / 8);
      bits += (uint64_t)ft->size * 8;
      if (bits > (uint64_t)CT_MAX_SIZE * 8) return CT_TOO_LARGE;
    }
    if (falign > align) align = falign;
    if (f->offset % natural) t->flags |= CTF_PACKED;
  }
  if (!is_union) size = (bits + 7) / 8;
  if (min_align > align) align = min_align;
  size = align_up(size, align);
  if (size > CT_MAX_SIZE) return CT_TOO_LARGE;
  FFI_ASSERT(align && (align & (align - 1)) == 0 && size % align == 0);
  t->align = align;
  t->size = (size_t)size;
  t->flags &= (uint16_t)~CTF_INCOMPLETE;
  return NULL;
}

/* -- Queries -- */

const CField *ctype_field(const CType *t, const char *name, size_t *offset_out) {
  for (size_t i = 0; i < t->n; i++) {
    const CField *f = &t->u.fields[i];
    if (f->name) {
      if (strcmp(f->name, name) == 0) {
        if (offset_out) *offset_out = f->offset;
        return f;
      }
    } else if (ctype_isrecord(f->type)) { /* anonymous member: its fields are ours */
      size_t sub;
      const CField *g = ctype_field(f->type, name, &sub);
      if (g) {
        if (offset_out) *offset_out = f->offset + sub;
        return g;
      }
    }
  }
  return NULL;
}

bool ctype_equal(const CType *a, const CType *b) {
  if (a == b) return true;
  if (a->kind != b->kind || a->size != b->size || a->align != b->align || a->n != b->n) return false;
  /* int8_t is signed char: the char flag only steers string conversions */
  uint16_t ignore = CTF_INCOMPLETE | CTF_CHAR;
  if ((a->flags & ~ignore) != (b->flags & ~ignore)) return false;
  if (ctype_isrecord(a) || a->kind == CT_ENUM) { /* distinct tags are distinct types */
    if ((a->name == NULL) != (b->name == NULL)) return false;
    if (a->name && strcmp(a->name, b->name) != 0) return false;
  }
  switch (a->kind) {
  case CT_PTR:
    /* Pointers to records compare by tag: avoids recursing through self references. */
    if (ctype_isrecord(a->base) && ctype_isrecord(b->base))
      return a->base->kind == b->base->kind && a->base->name && b->base->name &&
             strcmp(a->base->name, b->base->name) == 0;
    return ctype_equal(a->base, b->base);
  case CT_ENUM:
    for (size_t i = 0; i < a->n; i++)
      if (a->u.consts[i].value != b->u.consts[i].value ||
          strcmp(a->u.consts[i].name, b->u.consts[i].name) != 0)
        return false;
    return ctype_equal(a->base, b->base);
  case CT_ARRAY: return ctype_equal(a->base, b->base);
  case CT_FUNC:
    if (!ctype_equal(a->base, b->base)) return false;
    for (size_t i = 0; i < a->n; i++)
      if (!ctype_equal(a->u.params[i], b->u.params[i])) return false;
    return true;
  case CT_STRUCT:
  case CT_UNION:
    for (size_t i = 0; i < a->n; i++) {
      const CField *f = &a->u.fields[i], *g = &b->u.fields[i];
      if ((f->name == NULL) != (g->name == NULL)) return false;
      if (f->name && strcmp(f->name, g->name) != 0) return false;
      if (f->offset != g->offset || f->bit_size != g->bit_size || f->bit_pos != g->bit_pos) return false;
      if (!ctype_equal(f->type, g->type)) return false;
    }
    return true;
  default: return true;
  }
}

static size_t repr_base(const CType *t, char *buf, size_t len) {
  const char *kw = ctype_iscomplex(t)     ? ""
                   : t->kind == CT_STRUCT ? "struct "
                   : t->kind == CT_UNION  ? "union "
                   : t->kind == CT_ENUM   ? "enum "
                                          : "";
  if (t->kind == CT_INT && !t->name) return (size_t)snprintf(buf, len, "int%zu_t", t->size * 8);
  return (size_t)snprintf(buf, len, "%s%s", kw, t->name ? t->name : "<anonymous>");
}

static void repr_at(const CType *t, char *buf, size_t len, int depth);

/* Appends to buf (bounded). */
static void repr_append(char *buf, size_t len, const char *s) {
  size_t k = strlen(buf);
  if (k < len) snprintf(buf + k, len - k, "%s", s);
}

static void repr_at(const CType *t, char *buf, size_t len, int depth) {
  if (depth > 16) { /* int ************ ... */
    repr_append(buf, len, "...");
    return;
  }
  if (t->kind == CT_PTR && (t->flags & (CTF_STR | CTF_VOIDP)) && t->name) {
    repr_append(buf, len, t->name);
    return;
  }
  char tmp[48];
  switch (t->kind) {
  case CT_PTR:
    if (t->flags & CTF_CONST) repr_append(buf, len, "const ");
    repr_at(t->base, buf, len, depth + 1);
    repr_append(buf, len, " *");
    break;
  case CT_ARRAY: { /* int[2][3]: the element type, then dimensions outermost first */
    const CType *e = t;
    while (e->kind == CT_ARRAY) e = e->base;
    repr_at(e, buf, len, depth + 1);
    for (e = t; e->kind == CT_ARRAY; e = e->base) {
      if (e->flags & CTF_VLA)
        snprintf(tmp, sizeof tmp, "[?]");
      else
        snprintf(tmp, sizeof tmp, "[%zu]", e->n);
      repr_append(buf, len, tmp);
    }
    break;
  }
  case CT_FUNC:
    repr_at(t->base, buf, len, depth + 1);
    repr_append(buf, len, "(");
    for (size_t i = 0; i < t->n; i++) {
      if (i) repr_append(buf, len, ", ");
      repr_at(t->u.params[i], buf, len, depth + 1);
    }
    repr_append(buf, len, (t->flags & CTF_VARARG) ? ", ...)" : ")");
    break;
  default: {
    size_t k = strlen(buf);
    if (k < len) repr_base(t, buf + k, len - k);
  }
  }
}

const char *ctype_repr(const CType *t, char *buf, size_t len) {
  if (len == 0) return buf;
  buf[0] = '\0';
  repr_at(t, buf, len, 0);
  return buf;
}
