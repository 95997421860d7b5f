/*
** imp_emit_json.c -- the declaration model as JSON (--json), for other tools.
**
** The same declarations, in the same order, as the Lua module: one object per
** declaration with its kind, name, location, clang's layout numbers and, when
** it is not emitted as code, the reason ("skipped"). Types are nested objects
** (c2ffi's shape): {"kind": "pointer", "to": {...}}.
*/
#include <limits.h>
#include <math.h>
#include <string.h>

#include "imp_emit.h"

static void jstr(ImpBuf *b, const char *s) {
  if (s)
    imp_json_string(b, s, strlen(s));
  else
    imp_buf_puts(b, "null");
}

static void jkey(ImpBuf *b, const char *k) {
  imp_buf_puts(b, ", ");
  jstr(b, k);
  imp_buf_puts(b, ": ");
}

static void jtype(ImpBuf *b, const ImpType *t);
static void jfields(ImpBuf *b, const ImpDecl *d);
static void jconsts(ImpBuf *b, const ImpDecl *d);

static void jquals(ImpBuf *b, const ImpType *t) {
  if (t->quals & IMPQ_CONST) imp_buf_puts(b, ", \"const\": true");
  if (t->quals & IMPQ_VOLATILE) imp_buf_puts(b, ", \"volatile\": true");
  if (t->quals & IMPQ_RESTRICT) imp_buf_puts(b, ", \"restrict\": true");
}

static void jtype(ImpBuf *b, const ImpType *t) {
  static const char *const kinds[] = {"void",     "bool",   "int",  "float",   "pointer", "array",
                                      "function", "record", "enum", "typedef", "va_list", "unsupported"};
  const char *kind = kinds[t->kind];
  if (t->kind == IT_RECORD) kind = t->decl->is_union ? "union" : "struct";
  imp_buf_puts(b, "{\"kind\": ");
  jstr(b, kind);
  switch (t->kind) {
  case IT_INT:
  case IT_FLOAT:
    jkey(b, "name");
    jstr(b, t->spelling);
    imp_buf_printf(b, ", \"size\": %lld", t->size);
    break;
  case IT_PTR:
    jkey(b, "to");
    jtype(b, t->base);
    break;
  case IT_ARRAY:
    jkey(b, "of");
    jtype(b, t->base);
    if (t->n >= 0)
      imp_buf_printf(b, ", \"length\": %lld", t->n);
    else
      imp_buf_puts(b, ", \"length\": null");
    break;
  case IT_FUNC:
    jkey(b, "return");
    jtype(b, t->base);
    imp_buf_puts(b, ", \"params\": [");
    for (size_t i = 0; i < t->nparams; i++) {
      if (i) imp_buf_puts(b, ", ");
      jtype(b, t->params[i]);
    }
    imp_buf_printf(b, "], \"variadic\": %s", t->variadic ? "true" : "false");
    if (t->noproto) imp_buf_puts(b, ", \"prototype\": false");
    break;
  case IT_RECORD:
  case IT_ENUM:
    jkey(b, "name");
    jstr(b, t->decl->name ? t->decl->name : t->decl->naming_typedef ? t->decl->naming_typedef->name : NULL);
    if (!t->decl->name && !t->decl->naming_typedef) { /* defined inline: the definition is here */
      if (t->kind == IT_RECORD) {
        imp_buf_printf(b, ", \"size\": %lld, \"align\": %lld", t->decl->size, t->decl->align);
        jfields(b, t->decl);
      } else {
        jconsts(b, t->decl);
      }
    }
    break;
  case IT_TYPEDEF:
    jkey(b, "name");
    jstr(b, t->decl->name);
    break;
  case IT_UNSUPPORTED:
    jkey(b, "spelling");
    jstr(b, t->spelling);
    jkey(b, "reason");
    jstr(b, t->reason);
    break;
  default: break;
  }
  jquals(b, t);
  imp_buf_putc(b, '}');
}

static void jfields(ImpBuf *b, const ImpDecl *d) {
  imp_buf_puts(b, ", \"fields\": [");
  for (size_t i = 0; i < d->nfields; i++) {
    const ImpField *f = &d->fields[i];
    imp_buf_puts(b, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
    jstr(b, f->name);
    imp_buf_printf(b, ", \"offset_bits\": %lld", f->offset_bits);
    if (f->bitwidth >= 0) imp_buf_printf(b, ", \"bitfield\": %d", f->bitwidth);
    if (f->align_attr > 0) imp_buf_printf(b, ", \"aligned\": %lld", f->align_attr);
    jkey(b, "type");
    jtype(b, f->type);
    imp_buf_putc(b, '}');
  }
  imp_buf_puts(b, "]");
}

static void jconsts(ImpBuf *b, const ImpDecl *d) {
  imp_buf_puts(b, ", \"constants\": [");
  for (size_t i = 0; i < d->nconsts; i++) {
    const ImpEnumConst *k = &d->consts[i];
    if (i) imp_buf_puts(b, ", ");
    imp_buf_puts(b, "{\"name\": ");
    jstr(b, k->name);
    if (k->is_unsigned)
      imp_buf_printf(b, ", \"value\": %llu}", (unsigned long long)k->value);
    else
      imp_buf_printf(b, ", \"value\": %lld}", k->value);
  }
  imp_buf_puts(b, "]");
}

static void jrecord_layout(ImpBuf *b, const ImpDecl *r) {
  imp_buf_printf(b, ", \"size\": %lld, \"align\": %lld", r->size, r->align);
  if (r->packed) imp_buf_puts(b, ", \"packed\": true");
  if (r->align_attr) imp_buf_printf(b, ", \"aligned\": %lld", r->align_attr);
  if (r->pack) imp_buf_printf(b, ", \"pragma_pack\": %d", r->pack);
}

static void jrecord(ImpBuf *b, const ImpDecl *d) {
  imp_buf_printf(b, ", \"complete\": %s", d->complete ? "true" : "false");
  if (d->need != IMP_NEED_FULL) imp_buf_puts(b, ", \"opaque\": true");
  if (!d->complete) return;
  jrecord_layout(b, d);
  if (d->need == IMP_NEED_FULL) jfields(b, d);
}

static void jtypedef(ImpModel *m, ImpBuf *b, const ImpDecl *d) {
  const ImpType *u = d->underlying;
  if (imp_predefined(m, d)) imp_buf_puts(b, ", \"predefined\": true");
  if (d->align_attr) imp_buf_printf(b, ", \"aligned\": %lld", d->align_attr);
  jkey(b, "type");
  jtype(b, u);
  if (u->kind == IT_RECORD && u->decl->naming_typedef == d) { /* typedef struct { ... } name; */
    jrecord_layout(b, u->decl);
    if (u->decl->complete) jfields(b, u->decl);
  } else if (u->kind == IT_ENUM && u->decl->naming_typedef == d) {
    jconsts(b, u->decl);
  }
}

static void jsymbol(ImpBuf *b, const ImpDecl *d) {
  if (!d->asm_label) return;
  jkey(b, "symbol");
  jstr(b, d->asm_label);
}

static void jfunction(ImpBuf *b, const ImpDecl *d, const char *shim) {
  jsymbol(b, d);
  if (d->is_inline) imp_buf_puts(b, ", \"inline\": true");
  if (d->is_static) imp_buf_puts(b, ", \"static\": true");
  if (d->shim) { /* through the shim library: the wrapper's symbol there */
    imp_buf_puts(b, ", \"shim\": {\"symbol\": \"" IMP_SHIM_PREFIX);
    imp_buf_puts(b, d->name);
    imp_buf_puts(b, "\", \"library\": ");
    jstr(b, shim);
    imp_buf_putc(b, '}');
  }
  if (d->type->kind != IT_FUNC) return;
  jkey(b, "return");
  jtype(b, d->type->base);
  imp_buf_puts(b, ", \"params\": [");
  for (size_t i = 0; i < d->type->nparams; i++) {
    imp_buf_puts(b, i ? ", {\"name\": " : "{\"name\": ");
    jstr(b, d->params ? d->params[i].name : NULL);
    jkey(b, "type");
    jtype(b, d->type->params[i]);
    imp_buf_putc(b, '}');
  }
  imp_buf_printf(b, "], \"variadic\": %s", d->type->variadic ? "true" : "false");
}

static void jmacro(ImpBuf *b, const ImpDecl *d) {
  switch (d->macro_kind) {
  case IM_INT:
    if (d->is_unsigned)
      imp_buf_printf(b, ", \"value_kind\": \"int\", \"value\": %llu", d->uval);
    else
      imp_buf_printf(b, ", \"value_kind\": \"int\", \"value\": %lld", d->ival);
    break;
  case IM_FLOAT:
    if (isfinite(d->fval))
      imp_buf_printf(b, ", \"value_kind\": \"float\", \"value\": %.17g", d->fval);
    else
      imp_buf_printf(b, ", \"value_kind\": \"float\", \"value\": null, \"value_text\": \"%s\"",
                     isnan(d->fval) ? "nan"
                     : d->fval > 0  ? "inf"
                                    : "-inf");
    break;
  case IM_STRING:
    imp_buf_puts(b, ", \"value_kind\": \"string\", \"value\": ");
    imp_json_string(b, d->sval, d->slen);
    break;
  case IM_ALIAS:
    imp_buf_puts(b, ", \"value_kind\": \"alias\", \"alias\": true, \"alias_of\": ");
    imp_json_string(b, d->alias_of->name, strlen(d->alias_of->name));
    break;
  case IM_POINTER:
    imp_buf_printf(b, ", \"value_kind\": \"pointer\", \"value\": %llu", d->uval);
    jkey(b, "type");
    jtype(b, d->ptr_type);
    break;
  default:
    if (d->fnmacro && d->fnmacro->expr && !d->skip) { /* a function-like macro translated to Lua */
      imp_buf_puts(b, ", \"value_kind\": \"function\", ");
      imp_fnmacro_json(d, b);
    }
    break;
  }
}

static void jdecl(ImpModel *m, ImpBuf *b, const ImpDecl *d, const char *shim) {
  static const char *const kinds[] = {"record", "enum", "typedef", "function", "variable", "macro"};
  const char *kind = d->kind == ID_RECORD ? (d->is_union ? "union" : "struct") : kinds[d->kind];
  imp_buf_puts(b, "  {\"kind\": ");
  jstr(b, kind);
  jkey(b, "name");
  jstr(b, d->name);
  jkey(b, "file");
  jstr(b, d->file);
  if (d->in_clang) /* clang's builtin headers: their lines vary by clang version */
    imp_buf_printf(b, ", \"line\": null, \"column\": null, \"own\": %s", d->own ? "true" : "false");
  else
    imp_buf_printf(b, ", \"line\": %u, \"column\": %u, \"own\": %s", d->line, d->col,
                   d->own ? "true" : "false");
  if (d->skip) {
    jkey(b, "skipped");
    jstr(b, d->skip);
  }
  switch (d->kind) {
  case ID_RECORD: jrecord(b, d); break;
  case ID_ENUM:
    imp_buf_printf(b, ", \"size\": %lld", d->size);
    jkey(b, "type");
    jtype(b, d->inttype);
    jconsts(b, d);
    break;
  case ID_TYPEDEF: jtypedef(m, b, d); break;
  case ID_FUNC: jfunction(b, d, shim); break;
  case ID_VAR:
    jsymbol(b, d);
    if (d->has_value) imp_buf_printf(b, ", \"value\": %lld", d->value);
    jkey(b, "type");
    jtype(b, d->type);
    break;
  case ID_MACRO: jmacro(b, d); break;
  default: break;
  }
  imp_buf_putc(b, '}');
}

void imp_emit_json(ImpModel *m, const ImpOptions *opt, ImpBuf *out) {
  imp_buf_puts(out, "{\"tool\": \"ffi-import\", \"version\": \"" IMP_VERSION "\"");
  jkey(out, "command");
  jstr(out, opt->command);
  jkey(out, "clang");
  jstr(out, m->clang_version);
  jkey(out, "target");
  jstr(out, m->triple);
  jkey(out, "library");
  jstr(out, opt->lib);
  if (opt->shim) { /* --shim: the library of the static inline functions' wrappers */
    jkey(out, "shim");
    jstr(out, opt->shim);
  }
  imp_buf_puts(out, ",\n \"declarations\": [\n");
  for (size_t i = 0; i < m->nout; i++) {
    jdecl(m, out, m->out[i], opt->shim);
    imp_buf_puts(out, i + 1 < m->nout ? ",\n" : "\n");
  }
  imp_buf_puts(out, "]}\n");
}
