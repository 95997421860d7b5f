/*
** imp_select.c -- which declarations go out, and in what order.
**
** Roots are the named headers' own declarations (or --match, or --all).
** From them, every type a declaration needs is pulled in from wherever it is
** declared: by value -> the definition; behind a pointer -> the definition
** when the tag is public (struct tm), a name when it is reserved to the
** implementation (struct _IO_FILE behind FILE stays opaque). Output order: types in source order, each after
*the
** types its definition depends on (a depth-first walk), then functions and
** variables, then constants. The same input always gives the same order.
*/
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "ffi_ctype.h"
#include "imp_emit.h"
#include "imp_int.h"

/* -- Roots -- */

bool imp_wanted(const ImpOptions *opt, const regex_t *match, const ImpDecl *d) {
  if (!d->file) return false; /* implicit: __builtin_va_list, __int128_t, ... */
  if (opt->all) return true;
  if (match)
    return (d->name && regexec(match, d->name, 0, NULL, 0) == 0) ||
           (d->path && regexec(match, d->path, 0, NULL, 0) == 0);
  return d->own;
}

/* -- Names the runtime defines itself -- */

/* The runtime's predefined typedefs and the seed's short names (runtime/ffi_vocab.h),
   as what a header's typedef of the same name must resolve to. */
typedef struct Predef {
  const char *name;
  int type; /* CTB_* or CTA_* */
} Predef;

static const Predef predefs[] = {
#define TD_ROW(name, type) {name, type},
    FFI_TYPEDEFS(TD_ROW)
#undef TD_ROW
#define SEED_ROW(id, kind, size, flags, base, name, seed) {kind == CT_VOID ? NULL : seed, CTB_##id},
        FFI_BUILTIN_TYPES(SEED_ROW) /* void is a keyword: no header names a typedef so */
#undef SEED_ROW
};

static const Predef *predef_of(const char *name) {
  if (!name) return NULL;
  for (size_t i = 0; i < sizeof predefs / sizeof predefs[0]; i++)
    if (predefs[i].name && strcmp(predefs[i].name, name) == 0) return &predefs[i];
  return NULL;
}

/* What a predefined type is on the model's target: i (signed integer), u
   (unsigned), f (float), b (bool), p (pointer), and its size in bytes. */
static char predef_class(const ImpModel *m, int type, long long *size) {
  static const struct {
    int kind, size;
    unsigned flags;
  } bt[] = {
#define BT_ROW(id, kind, size, flags, base, name, seed) {kind, size, flags},
      FFI_BUILTIN_TYPES(BT_ROW)
#undef BT_ROW
  };
  *size = m->ptr_size;
  if (type == CTA_SIZE) return 'u';
  if (type == CTA_SSIZE) return 'i';
  if (type == CTA_WCHAR) {
    *size = m->wchar_size;
    return m->wchar_signed ? 'i' : 'u';
  }
  if (bt[type].size == FFI_SZ_LONG)
    *size = m->long_size;
  else if (bt[type].size > 0)
    *size = bt[type].size;
  switch (bt[type].kind) {
  case CT_INT: return (bt[type].flags & CTF_UNSIGNED) ? 'u' : 'i';
  case CT_FLOAT: return 'f';
  case CT_BOOL: return 'b';
  case CT_PTR: return 'p';
  default: return 0;
  }
}

/* Does the header's typedef mean what the runtime's predefined name means? */
static bool predef_matches(const ImpModel *m, const Predef *p, const ImpType *t) {
  const ImpType *r = imp_type_resolve(t);
  if (!r) return false;
  long long size;
  char cls = predef_class(m, p->type, &size);
  switch (cls) {
  case 'i':
  case 'u':
    if (r->kind == IT_ENUM) r = r->decl->inttype;
    return r->kind == IT_INT && r->size == size && r->is_unsigned == (cls == 'u');
  case 'f': return r->kind == IT_FLOAT && r->size == size;
  case 'b': return r->kind == IT_BOOL;
  case 'p': return r->kind == IT_PTR;
  default: return false;
  }
}

bool imp_predefined(const ImpModel *m, const ImpDecl *d) {
  (void)m;
  return d->kind == ID_TYPEDEF && predef_of(d->name) && !d->skip;
}

static void check_predefined(ImpModel *m, ImpDecl *d) {
  const Predef *p = predef_of(d->name);
  if (!p || d->skip) return;
  if (!predef_matches(m, p, d->underlying))
    d->skip = imp_sprintf(m->arena, "conflicts with the runtime's predefined type '%s'", d->name);
}

/* -- Standalone items -- */

bool imp_standalone(const ImpDecl *d) {
  switch (d->kind) {
  case ID_RECORD: return d->name != NULL;
  case ID_ENUM: return d->name || d->enum_as_int || (!d->naming_typedef && !d->parent);
  default: return true;
  }
}

/* -- Needs -- */

enum { CTX_NAME, CTX_VALUE };

static void need(ImpModel *m, ImpDecl *d, int level);

/* The one walk over the edges of a type, for needs and for order: through a
   pointer by name (a pointer to something unsupported is spelled void * and
   needs nothing), through an array by value (even behind a pointer, its
   elements must be complete), through a function type by name (parameters
   and result). leaf gets each record, enum or typedef reached with its
   context and returns the type to go on with (by value, a typedef's
   underlying type), or NULL. */
typedef const ImpType *(*TypeLeaf)(void *ud, const ImpType *t, int ctx);

static void walk_type(const ImpType *t, int ctx, TypeLeaf leaf, void *ud) {
  for (int depth = 0; t && depth < 64; depth++) {
    switch (t->kind) {
    case IT_PTR:
      if (imp_type_contains_unsupported(t->base)) return;
      t = t->base;
      ctx = CTX_NAME;
      continue;
    case IT_ARRAY:
      t = t->base;
      ctx = CTX_VALUE;
      continue;
    case IT_FUNC:
      for (size_t i = 0; i < t->nparams; i++) walk_type(t->params[i], CTX_NAME, leaf, ud);
      t = t->base;
      ctx = CTX_NAME;
      continue;
    case IT_RECORD:
    case IT_ENUM:
    case IT_TYPEDEF: t = leaf(ud, t, ctx); continue;
    default: return;
    }
  }
}

static const ImpType *need_leaf(void *ud, const ImpType *t, int ctx) {
  ImpModel *m = ud;
  if (t->kind != IT_ENUM)
    need(m, t->decl, ctx == CTX_VALUE ? IMP_NEED_FULL : IMP_NEED_NAME);
  else if (!t->decl->enum_as_int)
    need(m, t->decl, IMP_NEED_FULL);
  return NULL;
}

static void need_type(ImpModel *m, const ImpType *t, int ctx) { walk_type(t, ctx, need_leaf, m); }

static void need_fields(ImpModel *m, ImpDecl *d) {
  for (size_t i = 0; i < d->nfields; i++)
    if (!imp_type_unsupported(d->fields[i].type)) need_type(m, d->fields[i].type, CTX_VALUE);
}

static void need(ImpModel *m, ImpDecl *d, int level) {
  switch (d->kind) {
  case ID_RECORD:
    if (!d->name && d->naming_typedef) {
      need(m, d->naming_typedef, level);
      return;
    }
    /* behind a pointer, a public record comes complete (struct tm); a tag
       reserved to the implementation (struct _IO_FILE behind FILE) stays opaque */
    if (level == IMP_NEED_NAME && d->complete && d->name && d->name[0] != '_') level = IMP_NEED_FULL;
    if (!d->complete) level = IMP_NEED_NAME;
    if (!d->name) level = IMP_NEED_FULL; /* inline wherever it is used */
    if (d->need >= level) return;
    d->need = (uint8_t)level;
    if (level == IMP_NEED_FULL) need_fields(m, d);
    return;
  case ID_ENUM:
    if (!d->name && d->naming_typedef && !d->enum_as_int) {
      need(m, d->naming_typedef, level);
      return;
    }
    if (d->need) return;
    d->need = IMP_NEED_FULL;
    return;
  case ID_TYPEDEF: {
    if (d->need >= level) return;
    d->need = (uint8_t)level;
    check_predefined(m, d);
    if (d->skip || imp_predefined(m, d)) return;
    const ImpType *u = d->underlying;
    if ((u->kind == IT_RECORD || u->kind == IT_ENUM) && u->decl->naming_typedef == d) {
      if (u->kind == IT_RECORD && u->decl->complete) {
        u->decl->need = IMP_NEED_FULL;
        need_fields(m, u->decl);
      } else if (u->kind == IT_ENUM && u->decl->enum_as_int) {
        need(m, u->decl, IMP_NEED_FULL);
      }
      return;
    }
    if (imp_type_unsupported(u)) {
      d->skip = imp_type_unsupported(u);
      return;
    }
    need_type(m, u, level == IMP_NEED_FULL ? CTX_VALUE : CTX_NAME);
    return;
  }
  case ID_FUNC:
  case ID_VAR:
  case ID_MACRO:
    if (d->need) return;
    d->need = IMP_NEED_FULL;
    if (d->skip) return;
    if (d->kind == ID_MACRO) {
      if (d->macro_kind == IM_POINTER) need_type(m, d->ptr_type, CTX_NAME);
      if (d->macro_kind == IM_ALIAS) need(m, d->alias_of, IMP_NEED_FULL);
      if (d->fnmacro) /* a translated function-like macro: what it uses */
        for (size_t i = 0; i < d->fnmacro->nrefs; i++) need(m, d->fnmacro->refs[i], IMP_NEED_FULL);
      return;
    }
    if (d->kind == ID_VAR) {
      need_type(m, d->type, CTX_VALUE);
      return;
    }
    if (d->type->kind != IT_FUNC) return;
    need_type(m, d->type->base, CTX_VALUE);
    for (size_t i = 0; i < d->type->nparams; i++) need_type(m, d->type->params[i], CTX_VALUE);
    return;
  default: return;
  }
}

/* Why a function or variable cannot be declared, or NULL. */
static const char *decl_problem(ImpModel *m, const ImpOptions *opt, ImpDecl *d) {
  if (d->kind == ID_FUNC) {
    bool shim = false;
    if (d->is_static && d->is_inline) { /* --shim: an exported wrapper (imp_shim.c) */
      if (!opt->shim) return "static inline (use --shim)";
      if (d->type->kind == IT_FUNC && d->type->variadic)
        return "static inline variadic function (a shim cannot forward its arguments)";
      if (!d->ctypes) return "static inline function with a type C cannot spell (an anonymous record)";
      shim = true;
    } else if (d->is_static) {
      return "static function (the library exports no symbol for it)";
    }
    if (d->is_inline && !shim) return "inline function (the library may export no symbol for it)";
    if (d->type->kind == IT_UNSUPPORTED) return d->type->reason;
    if (d->type->kind != IT_FUNC) return "not a function type";
    const char *why = imp_type_unsupported(d->type->base);
    if (why) return imp_sprintf(m->arena, "returns %s", why);
    for (size_t i = 0; i < d->type->nparams; i++)
      if ((why = imp_type_unsupported(d->type->params[i])) != NULL)
        return imp_sprintf(m->arena, "parameter %zu is %s", i + 1, why);
    d->shim = shim;
    return NULL;
  }
  if (d->kind == ID_VAR) {
    const char *why = imp_type_unsupported(d->type);
    if (why) return imp_sprintf(m->arena, "type is %s", why);
    const ImpType *r = imp_type_resolve(d->type);
    if (r && r->kind == IT_FUNC) return "declared with a function typedef";
  }
  return NULL;
}

/* -- Order -- */

enum { MARK_NONE, MARK_ACTIVE, MARK_DONE };

typedef struct Order {
  ImpModel *m;
  ImpDecl **out;
  size_t n;
} Order;

static void visit(Order *o, ImpDecl *d);

static void order_type(Order *o, const ImpType *t, int ctx);

static const ImpType *order_leaf(void *ud, const ImpType *t, int ctx) {
  Order *o = ud;
  ImpDecl *d = t->decl;
  switch (t->kind) {
  case IT_RECORD:
    if (d->name) {
      if (ctx == CTX_VALUE) visit(o, d);
    } else if (d->naming_typedef) {
      visit(o, d->naming_typedef);
    } else {
      for (size_t i = 0; i < d->nfields; i++) order_type(o, d->fields[i].type, CTX_VALUE);
    }
    return NULL;
  case IT_ENUM:
    if (d->enum_as_int) return NULL;
    if (d->name)
      visit(o, d);
    else if (d->naming_typedef)
      visit(o, d->naming_typedef);
    return NULL;
  default: /* IT_TYPEDEF */
    visit(o, d);
    if (ctx != CTX_VALUE || d->skip || imp_predefined(o->m, d)) return NULL;
    return d->underlying; /* by value through a typedef: the definition first */
  }
}

static void order_type(Order *o, const ImpType *t, int ctx) { walk_type(t, ctx, order_leaf, o); }

static void visit(Order *o, ImpDecl *d) {
  if (d->mark != MARK_NONE || !d->need) return;
  d->mark = MARK_ACTIVE;
  if (!d->skip) {
    if (d->kind == ID_RECORD && d->need == IMP_NEED_FULL) {
      for (size_t i = 0; i < d->nfields; i++) order_type(o, d->fields[i].type, CTX_VALUE);
    } else if (d->kind == ID_TYPEDEF && !imp_predefined(o->m, d)) {
      const ImpType *u = d->underlying;
      if ((u->kind == IT_RECORD || u->kind == IT_ENUM) && u->decl->naming_typedef == d) {
        if (u->kind == IT_RECORD)
          for (size_t i = 0; i < u->decl->nfields; i++) order_type(o, u->decl->fields[i].type, CTX_VALUE);
      } else if (u->kind == IT_RECORD && u->decl->name) {
        /* typedef struct tag name; needs no definition first */
      } else {
        order_type(o, u, CTX_VALUE);
      }
    } else if (d->kind == ID_VAR && d->has_value) {
      order_type(o, d->type, CTX_VALUE);
    }
  }
  d->mark = MARK_DONE;
  d->order = (unsigned)o->n;
  o->out[o->n++] = d;
}

static int type_section(const ImpDecl *d) {
  return d->kind == ID_RECORD || d->kind == ID_ENUM || d->kind == ID_TYPEDEF ||
         (d->kind == ID_VAR && d->has_value && !d->skip);
}

void imp_select(ImpModel *m, const ImpOptions *opt) {
  regex_t re, *match = NULL;
  if (opt->match && regcomp(&re, opt->match, REG_EXTENDED | REG_NOSUB) == 0) match = &re;
  for (size_t i = 0; i < m->ndecls; i++) {
    ImpDecl *d = m->decls[i];
    if ((d->kind == ID_FUNC || d->kind == ID_VAR) && !d->skip) d->skip = decl_problem(m, opt, d);
  }
  for (size_t i = 0; i < m->ndecls; i++) {
    ImpDecl *d = m->decls[i];
    if (!imp_standalone(d) || !imp_wanted(opt, match, d)) continue;
    if (d->kind == ID_RECORD && d->parent) continue; /* nested: comes with its parent */
    need(m, d, IMP_NEED_FULL);
  }
  if (match) regfree(match);

  Order o = {m, calloc(m->ndecls + 1, sizeof(ImpDecl *)), 0};
  if (!o.out) abort();
  for (size_t i = 0; i < m->ndecls; i++) /* types, each after what it needs */
    if (type_section(m->decls[i]) && imp_standalone(m->decls[i])) visit(&o, m->decls[i]);
  for (size_t i = 0; i < m->ndecls; i++) { /* functions and variables, then macros */
    ImpDecl *d = m->decls[i];
    if ((d->kind == ID_FUNC || d->kind == ID_VAR) && !type_section(d)) visit(&o, d);
  }
  for (size_t i = 0; i < m->ndecls; i++)
    if (m->decls[i]->kind == ID_MACRO) visit(&o, m->decls[i]);
  free(m->out);
  m->out = o.out;
  m->nout = o.n;
}
