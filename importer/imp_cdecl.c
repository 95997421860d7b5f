/*
** imp_cdecl.c -- model types -> C declaration text the runtime parses.
**
** Declarators are built inside out (C's "spiral"): the name, then each
** pointer, array or function level wraps it, parenthesized where a pointer
** meets an array or function. Records and enums print by tag, by the typedef
** that names them, or inline when they have neither. A pointer to something
** the runtime cannot express becomes `void *`, counted in the caller's
** *degraded (when not NULL).
*/
#include <limits.h>
#include <string.h>

#include "imp.h"
#include "imp_emit.h"

static void indent_to(ImpBuf *b, int indent) {
  for (int i = 0; i < indent; i++) imp_buf_puts(b, "  ");
}

static void put_quals(ImpBuf *b, unsigned q, bool trailing_space) {
  static const struct {
    unsigned q;
    const char *s;
  } names[] = {{IMPQ_CONST, "const"}, {IMPQ_VOLATILE, "volatile"}, {IMPQ_RESTRICT, "restrict"}};
  for (size_t i = 0; i < 3; i++) {
    if (!(q & names[i].q)) continue;
    if (!trailing_space) imp_buf_putc(b, ' ');
    imp_buf_puts(b, names[i].s);
    if (trailing_space) imp_buf_putc(b, ' ');
  }
}

/* Does spelling t need something the runtime rejects (behind pointers too)? */
bool imp_type_contains_unsupported(const ImpType *t) {
  for (int depth = 0; t && depth < 64; depth++) {
    switch (t->kind) {
    case IT_UNSUPPORTED: return true;
    case IT_PTR:
    case IT_ARRAY: t = t->base; continue;
    case IT_FUNC:
      for (size_t i = 0; i < t->nparams; i++)
        if (imp_type_contains_unsupported(t->params[i])) return true;
      t = t->base;
      continue;
    case IT_TYPEDEF: return t->decl->skip != NULL;
    default: return false;
    }
  }
  return false;
}

static void cdecl_inner(ImpBuf *b, const ImpType *t, ImpBuf *inner, const ImpParam *names, int indent,
                        unsigned *degraded);

/* "long long x" or "int (*f)(int)": the whole declaration of name with type t. */
void imp_cdecl(ImpBuf *b, const ImpType *t, const char *name, int indent, unsigned *degraded) {
  ImpBuf inner = {0};
  if (name) imp_buf_puts(&inner, name);
  cdecl_inner(b, t, &inner, NULL, indent, degraded);
  imp_buf_free(&inner);
}

void imp_cdecl_named_params(ImpBuf *b, const ImpType *fn, const char *name, const ImpParam *params,
                            unsigned *degraded) {
  ImpBuf inner = {0};
  imp_buf_puts(&inner, name);
  cdecl_inner(b, fn, &inner, params, 0, degraded);
  imp_buf_free(&inner);
}

const char *imp_cdecl_str(ImpArena *a, const ImpType *t, const char *name) {
  ImpBuf b = {0};
  imp_cdecl(&b, t, name, 0, NULL);
  const char *s = imp_strdup(a, b.s ? b.s : "");
  imp_buf_free(&b);
  return s;
}

static void put_params(ImpBuf *b, const ImpType *t, const ImpParam *names, int indent, unsigned *degraded) {
  imp_buf_putc(b, '(');
  if (t->noproto) {
    imp_buf_putc(b, ')');
    return;
  }
  if (t->nparams == 0) imp_buf_puts(b, t->variadic ? "..." : "void");
  for (size_t i = 0; i < t->nparams; i++) {
    if (i) imp_buf_puts(b, ", ");
    const char *pn = names ? names[i].name : NULL;
    imp_cdecl(b, t->params[i], pn, indent, degraded);
  }
  if (t->nparams && t->variadic) imp_buf_puts(b, ", ...");
  imp_buf_putc(b, ')');
}

static void put_specifier(ImpBuf *b, const ImpType *t, int indent, unsigned *degraded);

static void cdecl_inner(ImpBuf *b, const ImpType *t, ImpBuf *inner, const ImpParam *names, int indent,
                        unsigned *degraded) {
  switch (t->kind) {
  case IT_PTR: {
    static const ImpType void_type = {.kind = IT_VOID, .spelling = "void"};
    const ImpType *base = t->base;
    if (imp_type_contains_unsupported(base)) {
      if (degraded) (*degraded)++;
      base = &void_type;
    }
    ImpBuf ni = {0};
    bool wrap = base->kind == IT_ARRAY || base->kind == IT_FUNC;
    if (wrap) imp_buf_putc(&ni, '(');
    imp_buf_putc(&ni, '*');
    if (t->quals) { /* "*const p": the qualifiers of the pointer itself */
      ImpBuf q = {0};
      put_quals(&q, t->quals, true);
      imp_buf_putn(&ni, q.s, inner->n ? q.n : q.n - 1);
      imp_buf_free(&q);
    }
    if (inner->n) imp_buf_putn(&ni, inner->s, inner->n);
    if (wrap) imp_buf_putc(&ni, ')');
    cdecl_inner(b, base, &ni, NULL, indent, degraded);
    imp_buf_free(&ni);
    return;
  }
  case IT_ARRAY:
    if (t->n >= 0)
      imp_buf_printf(inner, "[%lld]", t->n);
    else
      imp_buf_puts(inner, "[]");
    cdecl_inner(b, t->base, inner, NULL, indent, degraded);
    return;
  case IT_FUNC: {
    ImpBuf params = {0};
    put_params(&params, t, names, indent, degraded);
    imp_buf_putn(inner, params.s, params.n);
    imp_buf_free(&params);
    cdecl_inner(b, t->base, inner, NULL, indent, degraded);
    return;
  }
  default:
    put_specifier(b, t, indent, degraded);
    if (inner->n) {
      if (b->n && b->s[b->n - 1] != '*') imp_buf_putc(b, ' ');
      imp_buf_putn(b, inner->s, inner->n);
    }
    return;
  }
}

static void put_specifier(ImpBuf *b, const ImpType *t, int indent, unsigned *degraded) {
  put_quals(b, t->quals, true);
  switch (t->kind) {
  case IT_VOID: imp_buf_puts(b, "void"); break;
  case IT_BOOL: imp_buf_puts(b, "_Bool"); break;
  case IT_INT:
  case IT_FLOAT: imp_buf_puts(b, t->spelling); break;
  case IT_VALIST: imp_buf_puts(b, "__builtin_va_list"); break;
  case IT_TYPEDEF: imp_buf_puts(b, t->decl->name); break;
  case IT_RECORD: {
    const ImpDecl *d = t->decl;
    if (d->name)
      imp_buf_printf(b, "%s %s", d->is_union ? "union" : "struct", d->name);
    else if (d->naming_typedef)
      imp_buf_puts(b, d->naming_typedef->name);
    else
      imp_cdef_tagged(b, d, indent, degraded);
    break;
  }
  case IT_ENUM: {
    const ImpDecl *d = t->decl;
    if (d->enum_as_int)
      put_specifier(b, d->inttype, indent, degraded);
    else if (d->name)
      imp_buf_printf(b, "enum %s", d->name);
    else if (d->naming_typedef)
      imp_buf_puts(b, d->naming_typedef->name);
    else
      imp_cdef_tagged(b, d, indent, degraded);
    break;
  }
  case IT_UNSUPPORTED:
  default: imp_buf_printf(b, "/* %s */ void", t->reason ? t->reason : "unsupported"); break;
  }
}

/* -- Record and enum bodies -- */

static void put_enum_value(ImpBuf *b, const ImpEnumConst *k) {
  if (k->is_unsigned)
    imp_buf_printf(b, "0x%llx", (unsigned long long)k->value);
  else if (k->value == LLONG_MIN)
    imp_buf_puts(b, "(-9223372036854775807 - 1)");
  else
    imp_buf_printf(b, "%lld", k->value);
}

static long long field_cap(const ImpDecl *rec) {
  if (rec->packed) return 1;
  if (rec->pack) return rec->pack;
  return 0;
}

/* One member line (or block) inside a record body. */
static void put_field(ImpBuf *b, const ImpDecl *rec, const ImpField *f, int indent, unsigned *degraded) {
  const ImpType *ft = f->type;
  const ImpDecl *inl = NULL; /* a record defined inline here */
  if (ft->kind == IT_RECORD && !ft->decl->name && !ft->decl->naming_typedef) inl = ft->decl;
  indent_to(b, indent);
  const char *why = imp_type_unsupported(ft);
  if (why) { /* kept as bytes: the layout stays right, the value is raw */
    long long size = ft->size > 0 ? ft->size : 0, align = ft->align > 0 ? ft->align : 1;
    long long cap = field_cap(rec);
    if (cap && align > cap) align = cap;
    if (f->align_attr > align) align = f->align_attr;
    imp_buf_printf(b, "/* %s: %s, kept as bytes */ unsigned char %s", f->name ? f->name : "(anonymous)", why,
                   f->name ? f->name : "__ffi_import_unnamed");
    const ImpType *r = ft;
    while (r->kind == IT_TYPEDEF) r = r->decl->underlying;
    if (r->kind == IT_ARRAY && r->n < 0)
      imp_buf_puts(b, "[]");
    else
      imp_buf_printf(b, "[%lld]", size);
    if (align > 1) imp_buf_printf(b, " __attribute__((aligned(%lld)))", align);
    imp_buf_puts(b, ";\n");
    return;
  }
  if (inl && inl->pack) {
    imp_buf_printf(b, "#pragma pack(push, %d)\n", inl->pack);
    indent_to(b, indent);
  }
  imp_cdecl(b, ft, f->name, indent, degraded);
  if (f->bitwidth >= 0) imp_buf_printf(b, " : %d", f->bitwidth);
  if (f->packed_attr && !rec->packed) imp_buf_puts(b, " __attribute__((packed))");
  if (f->align_attr > 0) imp_buf_printf(b, " __attribute__((aligned(%lld)))", f->align_attr);
  imp_buf_puts(b, ";\n");
  if (inl && inl->pack) {
    indent_to(b, indent);
    imp_buf_puts(b, "#pragma pack(pop)\n");
  }
}

/* "struct tag { ... } __attribute__((...))" or "enum tag { ... }" (tag omitted when NULL). */
void imp_cdef_tagged(ImpBuf *b, const ImpDecl *d, int indent, unsigned *degraded) {
  if (d->kind == ID_ENUM) {
    imp_buf_puts(b, "enum");
    if (d->name && !d->enum_as_int) imp_buf_printf(b, " %s", d->name);
    imp_buf_puts(b, " {\n");
    for (size_t i = 0; i < d->nconsts; i++) {
      indent_to(b, indent + 1);
      imp_buf_printf(b, "%s = ", d->consts[i].name);
      put_enum_value(b, &d->consts[i]);
      imp_buf_puts(b, i + 1 < d->nconsts ? ",\n" : "\n");
    }
    indent_to(b, indent);
    imp_buf_putc(b, '}');
    return;
  }
  imp_buf_puts(b, d->is_union ? "union" : "struct");
  if (d->name) imp_buf_printf(b, " %s", d->name);
  imp_buf_puts(b, " {\n");
  for (size_t i = 0; i < d->nfields; i++) put_field(b, d, &d->fields[i], indent + 1, degraded);
  indent_to(b, indent);
  imp_buf_putc(b, '}');
  if (d->packed && d->align_attr)
    imp_buf_printf(b, " __attribute__((packed, aligned(%lld)))", d->align_attr);
  else if (d->packed)
    imp_buf_puts(b, " __attribute__((packed))");
  else if (d->align_attr)
    imp_buf_printf(b, " __attribute__((aligned(%lld)))", d->align_attr);
}
