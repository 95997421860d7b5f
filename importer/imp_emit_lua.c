/*
** imp_emit_lua.c -- the declaration model -> one Lua 5.4 module.
**
** Layout of the module:
**   header comment (tool, command, clang, target, counts)
**   local ffi = require "ffi"; a guard on ffi.arch / ffi.os
**   ffi.cdef [[ types ]]                      typedefs, records, enums, static consts
**   local lib = ffi.open(soname)
**   lib:cdef([[ functions, variables ]], { lazy = true })
**   local M = setmetatable({}, { __index = ... })   functions resolve on first use,
**                                             variables are read at each use
**   M.CONST = value ...                       enumerators and macros
**   M.types = { name = ffi.typeof("name") ... }
**   (--check-layout) sizeof/alignof/offsetof of every record against clang's
**   return M
** What cannot be expressed is a "-- skipped: <reason>" comment, never dropped.
*/
#include <limits.h>
#include <string.h>

#include "imp_emit.h"

typedef struct Emit {
  ImpModel *m;
  const ImpOptions *opt;
  ImpStats *st;
  ImpMap typenames; /* typedef names: parameters with these names lose them */
  ImpMap mkeys;     /* keys set on M */
  ImpBuf renames;   /* C name = declared name, for M */
  int level;        /* long-bracket level for the cdef texts */
  bool fn_prelude;  /* the helpers of translated function-like macros are written */
  ImpBuf shimmed;   /* declared names of the functions in the shim library */
} Emit;

static const char *where(Emit *e, const ImpDecl *d) {
  if (!d->file) return "builtin";
  if (d->in_clang) return d->file; /* clang's own header: no line */
  return imp_sprintf(e->m->arena, "%s:%u", d->file, d->line);
}

static const char *kind_word(const ImpDecl *d) {
  switch (d->kind) {
  case ID_RECORD: return d->is_union ? "union" : "struct";
  case ID_ENUM: return "enum";
  case ID_TYPEDEF: return "typedef";
  case ID_FUNC: return "function";
  case ID_VAR: return "variable";
  default: return "macro";
  }
}

static void skipped(Emit *e, ImpBuf *comments, const ImpDecl *d) {
  imp_buf_printf(comments, "-- skipped: %s %s: %s (%s)\n", kind_word(d), d->name ? d->name : "(anonymous)",
                 d->skip, where(e, d));
  imp_stats_skip(e->st, d->skip);
}

/* Can s follow "M." in Lua (an identifier that is not a keyword)? */
static bool lua_name(const char *s) {
  if (!*s || (*s >= '0' && *s <= '9')) return false;
  for (const char *c = s; *c; c++)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_'))
      return false;
  static const char *const kw[] = {"and",      "break",  "do",   "else", "elseif", "end",   "false", "for",
                                   "function", "goto",   "if",   "in",   "local",  "nil",   "not",   "or",
                                   "repeat",   "return", "then", "true", "until",  "while", NULL};
  for (int i = 0; kw[i]; i++)
    if (strcmp(s, kw[i]) == 0) return false;
  return true;
}

/* -- Section 1: types -- */

/* n pointers of the declaration what were spelled void *: counted, and said. */
static void note_degraded(Emit *e, ImpBuf *b, unsigned n, const char *what) {
  if (!n) return;
  e->st->degraded += n;
  imp_buf_printf(b, "/* %s: %u pointer%s to types the runtime cannot express spelled void * */\n", what, n,
                 n == 1 ? "" : "s");
}

static unsigned count_bytes_fields(const ImpDecl *d) {
  unsigned n = 0;
  for (size_t i = 0; i < d->nfields; i++) {
    const ImpType *t = d->fields[i].type;
    if (imp_type_unsupported(t))
      n++;
    else if (t->kind == IT_RECORD && !t->decl->name && !t->decl->naming_typedef)
      n += count_bytes_fields(t->decl);
  }
  return n;
}

static void emit_record(Emit *e, ImpBuf *b, ImpDecl *d) {
  const char *kw = d->is_union ? "union" : "struct";
  if (d->need != IMP_NEED_FULL || !d->complete) {
    imp_buf_printf(b, "%s %s;\n", kw, d->name);
    e->st->opaque++;
    return;
  }
  e->st->records++;
  if (d->is_union) e->st->unions++;
  e->st->degraded += count_bytes_fields(d);
  ImpBuf body = {0};
  unsigned degraded = 0;
  imp_cdef_tagged(&body, d, 0, &degraded);
  note_degraded(e, b, degraded, imp_sprintf(e->m->arena, "%s %s", kw, d->name));
  if (d->pack) imp_buf_printf(b, "#pragma pack(push, %d)\n", d->pack);
  imp_buf_putn(b, body.s, body.n);
  imp_buf_puts(b, ";\n");
  if (d->pack) imp_buf_puts(b, "#pragma pack(pop)\n");
  imp_buf_free(&body);
}

static void emit_enum(Emit *e, ImpBuf *b, ImpDecl *d) {
  e->st->enums++;
  if (d->enum_as_int) {
    char tmp[64];
    ImpBuf it = {0};
    imp_cdecl(&it, d->inttype, NULL, 0, NULL);
    snprintf(tmp, sizeof tmp, "%s", it.s ? it.s : "int");
    imp_buf_free(&it);
    if (d->name)
      imp_buf_printf(b, "/* enum %s is %lld byte%s in C (packed or fixed type): used as %s */\n", d->name,
                     d->size, d->size == 1 ? "" : "s", tmp);
    if (!d->complete) {
      imp_buf_printf(b, "/* enum %s is only declared */\n", d->name ? d->name : "");
      return;
    }
  }
  imp_cdef_tagged(b, d, 0, NULL); /* enumerators only: no pointers */
  imp_buf_puts(b, ";\n");
}

static void emit_typedef(Emit *e, ImpBuf *b, ImpDecl *d) {
  if (imp_predefined(e->m, d)) {
    imp_buf_printf(b, "/* typedef %s: predefined by the runtime */\n", d->name);
    return;
  }
  e->st->typedefs++;
  const ImpType *u = d->underlying;
  ImpBuf text = {0};
  unsigned degraded = 0;
  bool naming = (u->kind == IT_RECORD || u->kind == IT_ENUM) && u->decl->naming_typedef == d;
  int pack = 0;
  if (naming && u->kind == IT_RECORD) {
    ImpDecl *r = u->decl;
    pack = r->pack;
    if (r->complete) {
      e->st->records++;
      if (r->is_union) e->st->unions++;
      e->st->degraded += count_bytes_fields(r);
      imp_buf_puts(&text, "typedef ");
      imp_cdef_tagged(&text, r, 0, &degraded);
      imp_buf_printf(&text, " %s", d->name);
    } else { /* typedef struct { } never completed: an opaque name */
      imp_buf_printf(&text, "typedef struct %s %s", d->name, d->name);
    }
  } else if (naming && u->kind == IT_ENUM && !u->decl->enum_as_int) {
    e->st->enums++;
    imp_buf_puts(&text, "typedef ");
    imp_cdef_tagged(&text, u->decl, 0, &degraded);
    imp_buf_printf(&text, " %s", d->name);
  } else {
    imp_buf_puts(&text, "typedef ");
    imp_cdecl(&text, u, d->name, 0, &degraded);
  }
  if (d->align_attr) imp_buf_printf(&text, " __attribute__((aligned(%lld)))", d->align_attr);
  note_degraded(e, b, degraded, imp_sprintf(e->m->arena, "typedef %s", d->name));
  if (pack) imp_buf_printf(b, "#pragma pack(push, %d)\n", pack);
  imp_buf_putn(b, text.s, text.n);
  imp_buf_puts(b, ";\n");
  if (pack) imp_buf_puts(b, "#pragma pack(pop)\n");
  imp_buf_free(&text);
}

static void emit_static_const(Emit *e, ImpBuf *b, ImpDecl *d) {
  (void)e;
  imp_buf_puts(b, "static ");
  imp_cdecl(b, d->type, d->name, 0, NULL); /* an integer type */
  imp_buf_printf(b, " = %lld;\n", d->value);
}

/* -- Section 2: functions and variables -- */

/* The name a function or variable is declared under. A library table's
   methods (wrap, value, cdef) shadow declarations of those names: such a
   declaration gets another name, keeps its symbol through an asm label, and
   M maps the C name back. */
static const char *declared_name(Emit *e, ImpBuf *b, const ImpDecl *d) {
  if (strcmp(d->name, "wrap") != 0 && strcmp(d->name, "value") != 0 && strcmp(d->name, "cdef") != 0)
    return d->name;
  const char *alias = imp_sprintf(e->m->arena, "__ffi_import_%s", d->name);
  imp_buf_printf(b, "/* %s: declared as %s (a method of library tables has that name) */\n", d->name, alias);
  imp_buf_printf(&e->renames, "  %s = \"%s\",\n", d->name, alias);
  return alias;
}

static void put_symbol(Emit *e, ImpBuf *b, const ImpDecl *d, const char *declared) {
  if (d->shim)
    imp_buf_printf(b, " __asm__(\"%s\")", imp_shim_symbol(e->m, d));
  else if (d->asm_label)
    imp_buf_printf(b, " __asm__(\"%s\")", d->asm_label);
  else if (declared != d->name)
    imp_buf_printf(b, " __asm__(\"%s\")", d->name);
}

/* Writes the declaration text of d (then frees it) with its symbol name,
   after noting the pointers imp_cdecl spelled void * in it. */
static void put_declaration(Emit *e, ImpBuf *b, ImpDecl *d, const char *name, ImpBuf *text,
                            unsigned degraded) {
  note_degraded(e, b, degraded, d->name);
  imp_buf_putn(b, text->s, text->n);
  imp_buf_free(text);
  put_symbol(e, b, d, name);
  imp_buf_puts(b, ";\n");
}

static void emit_function(Emit *e, ImpBuf *b, ImpDecl *d) {
  const ImpType *ft = d->type;
  ImpParam *params = imp_alloc(e->m->arena, (ft->nparams + 1) * sizeof(ImpParam));
  for (size_t i = 0; i < ft->nparams; i++) {
    const char *n = d->params ? d->params[i].name : NULL;
    /* a parameter named like a type would confuse a declaration parser */
    params[i].name = n && !imp_map_get(&e->typenames, n) ? n : NULL;
  }
  const char *name = declared_name(e, b, d);
  ImpBuf text = {0};
  unsigned degraded = 0;
  imp_cdecl_named_params(&text, ft, name, params, &degraded);
  put_declaration(e, b, d, name, &text, degraded);
  e->st->functions++;
  if (d->shim) {
    e->st->shimmed++;
    imp_buf_printf(&e->shimmed, "  %s = true,\n", name);
  }
}

static void emit_variable(Emit *e, ImpBuf *b, ImpDecl *d) {
  const char *name = declared_name(e, b, d);
  ImpBuf text = {0};
  unsigned degraded = 0;
  imp_buf_puts(&text, "extern ");
  imp_cdecl(&text, d->type, name, 0, &degraded);
  put_declaration(e, b, d, name, &text, degraded);
  e->st->variables++;
}

/* -- Section 3: constants -- */

/* M.name = value, unless the name is taken: by the same value (a macro that
   repeats an enumerator, "#define FP_NAN FP_NAN") it is already there;
   by another value, a comment says so. */
static void constant(Emit *e, ImpBuf *b, const char *name, const char *value, const char *what) {
  const char *old = imp_map_get(&e->mkeys, name);
  if (old) {
    if (strcmp(old, value) == 0) return;
    imp_buf_printf(b, "-- skipped: %s %s = %s: the name is already taken\n", what, name, value);
    imp_stats_skip(e->st, "constant name already taken");
    return;
  }
  imp_map_set(&e->mkeys, name, (void *)imp_strdup(e->m->arena, value));
  if (lua_name(name))
    imp_buf_printf(b, "M.%s = %s\n", name, value);
  else
    imp_buf_printf(b, "M[\"%s\"] = %s\n", name, value);
  e->st->constants++;
}

static const char *int_text(Emit *e, long long v, bool is_unsigned) {
  if (is_unsigned && (unsigned long long)v > (unsigned long long)LLONG_MAX)
    return imp_sprintf(e->m->arena, "0x%llx", (unsigned long long)v);
  if (!is_unsigned && v == LLONG_MIN) return "math.mininteger";
  return imp_sprintf(e->m->arena, "%lld", v);
}

static void emit_enum_consts(Emit *e, ImpBuf *b, const ImpDecl *d) {
  for (size_t i = 0; i < d->nconsts; i++)
    constant(e, b, d->consts[i].name, int_text(e, d->consts[i].value, d->consts[i].is_unsigned),
             "enumerator");
}

/* A function-like macro translated to a Lua function (imp_fnmacro.c). */
static void emit_fnmacro(Emit *e, ImpBuf *b, ImpDecl *d) {
  if (imp_map_get(&e->mkeys, d->name)) {
    imp_buf_printf(b, "-- skipped: macro %s: the name is already taken (%s)\n", d->name, where(e, d));
    imp_stats_skip(e->st, "constant name already taken");
    return;
  }
  if (!e->fn_prelude) {
    imp_buf_puts(b, imp_fnmacro_prelude);
    e->fn_prelude = true;
  }
  imp_map_set(&e->mkeys, d->name, "function");
  if (lua_name(d->name))
    imp_buf_printf(b, "M.%s = ", d->name);
  else
    imp_buf_printf(b, "M[\"%s\"] = ", d->name);
  imp_fnmacro_lua(e->m, d, b);
  imp_buf_putc(b, '\n');
  e->st->fnmacros++;
}

static void emit_macro(Emit *e, ImpBuf *b, ImpDecl *d) {
  if (d->fnmacro) {
    emit_fnmacro(e, b, d);
    return;
  }
  ImpBuf v = {0};
  switch (d->macro_kind) {
  case IM_INT:
    imp_buf_puts(&v, d->is_unsigned ? int_text(e, (long long)d->uval, true) : int_text(e, d->ival, false));
    break;
  case IM_FLOAT: imp_lua_number(&v, d->fval); break;
  case IM_STRING: imp_lua_string(&v, d->sval, d->slen); break;
  case IM_POINTER:
    if (d->uval == 0) {
      imp_buf_puts(&v, "ffi.nullptr");
    } else {
      const char *t = imp_cdecl_str(e->m->arena, d->ptr_type, NULL);
      if (imp_type_contains_unsupported(d->ptr_type->base)) t = "void *";
      imp_buf_puts(&v, "ffi.cast(");
      imp_lua_string(&v, t, strlen(t));
      imp_buf_printf(&v, ", %s)", int_text(e, (long long)d->uval, true));
    }
    break;
  default: imp_buf_puts(&v, "nil"); break;
  }
  constant(e, b, d->name, v.s, "macro");
  imp_buf_free(&v);
}

/* A macro naming a function or variable: M.<macro> is that symbol (through renamed). */
static void emit_alias(Emit *e, ImpBuf *b, ImpDecl *d) {
  const ImpDecl *t = d->alias_of;
  if (t->skip) {
    d->skip = imp_sprintf(e->m->arena, "alias of %s, which is skipped", t->name);
    skipped(e, b, d);
    return;
  }
  const char *sym = t->name;
  if (!strcmp(sym, "wrap") || !strcmp(sym, "value") || !strcmp(sym, "cdef"))
    sym = imp_sprintf(e->m->arena, "__ffi_import_%s", sym);
  imp_buf_printf(b, "-- %s: an alias of %s %s (%s)\n", d->name, t->kind == ID_FUNC ? "function" : "variable",
                 t->name, where(e, d));
  imp_buf_printf(&e->renames, "  %s = \"%s\",\n", d->name, sym);
  e->st->aliases++;
}

/* Is an enum's constant list part of the emitted text? */
static bool enum_emitted(const ImpDecl *d) {
  if (d->kind != ID_ENUM || !d->complete) return false;
  if (d->name || d->enum_as_int || (!d->naming_typedef && !d->parent)) return d->need != 0;
  if (d->naming_typedef) return d->naming_typedef->need && !d->naming_typedef->skip;
  for (const ImpDecl *p = d->parent; p; p = p->parent) { /* inline in records */
    if (p->name) return p->need == IMP_NEED_FULL;
    if (p->naming_typedef) return p->naming_typedef->need && !p->naming_typedef->skip;
    if (!p->parent) return p->need == IMP_NEED_FULL;
  }
  return false;
}

/* -- Types table and layout checks -- */

static const char *type_key(Emit *e, const ImpDecl *d, const char **ctype) {
  if (d->kind == ID_TYPEDEF) {
    *ctype = d->name;
    return d->name;
  }
  const char *kw = d->kind == ID_ENUM ? "enum" : d->is_union ? "union" : "struct";
  *ctype = imp_sprintf(e->m->arena, "%s %s", kw, d->name);
  return imp_map_get(&e->typenames, d->name) ? *ctype : d->name;
}

static void flat_fields(Emit *e, ImpBuf *b, const ImpDecl *d, long long base, int *count) {
  for (size_t i = 0; i < d->nfields; i++) {
    const ImpField *f = &d->fields[i];
    if (!f->name) {
      if (f->type->kind == IT_RECORD) flat_fields(e, b, f->type->decl, base + f->offset_bits, count);
      continue;
    }
    const char *sep = (*count)++ % 4 == 0 ? "\n    " : " ";
    imp_buf_printf(b, "%s\"%s\", %lld, %d,", sep, f->name, base + f->offset_bits,
                   f->bitwidth >= 0 && !imp_type_unsupported(f->type) ? f->bitwidth : -1);
  }
}

/* size and align: the type's (a typedef may align its record further) */
static void emit_check(Emit *e, ImpBuf *b, const char *ctype, const ImpDecl *r, long long size,
                       long long align) {
  imp_buf_puts(b, "  check(");
  imp_lua_string(b, ctype, strlen(ctype));
  imp_buf_printf(b, ", %lld, %lld, {", size, align);
  int count = 0;
  flat_fields(e, b, r, 0, &count);
  imp_buf_puts(b, count ? "\n  })\n" : " })\n");
  e->st->checked++;
}

static const char check_prelude[] =
    "do -- --check-layout: the runtime's layout of every record against clang's\n"
    "  local function check(t, size, align, fields)\n"
    "    local function fail(what, got, want)\n"
    "      error((\"layout of '%s': %s is %s, clang says %s\"):format(t, what, tostring(got), "
    "tostring(want)), 3)\n"
    "    end\n"
    "    local s, a = ffi.sizeof(t), ffi.alignof(t)\n"
    "    if s ~= size then fail(\"sizeof\", s, size) end\n"
    "    if a ~= align then fail(\"alignof\", a, align) end\n"
    "    for i = 1, #fields, 3 do\n"
    "      local name, bits, width = fields[i], fields[i + 1], fields[i + 2]\n"
    "      local off, pos, sz = ffi.offsetof(t, name)\n"
    "      if off == nil then fail(\"field '\" .. name .. \"'\", \"missing\", \"present\") end\n"
    "      local got = off * 8 + (pos or 0)\n"
    "      if got ~= bits then fail(\"the bit offset of field '\" .. name .. \"'\", got, bits) end\n"
    "      if width >= 0 and sz ~= width then fail(\"the bit size of field '\" .. name .. \"'\", sz, width) "
    "end\n"
    "    end\n"
    "  end\n";

/* -- The module -- */

static void header(Emit *e, ImpBuf *b, const ImpStats *st) {
  imp_buf_puts(b, "-- Generated by ffi-import " IMP_VERSION " (pluto-ffi). Do not edit.\n");
  imp_buf_printf(b, "-- command: %s\n", e->opt->command ? e->opt->command : "ffi-import");
  imp_buf_printf(b, "-- clang: %s\n", e->m->clang_version);
  imp_buf_printf(b, "-- target: %s\n", e->m->triple);
  if (e->opt->lib_how) imp_buf_printf(b, "-- library: %s, found through %s\n", e->opt->lib, e->opt->lib_how);
  imp_buf_printf(
      b,
      "-- declarations: %u functions, %u variables, %u records (%u opaque), %u enums, %u typedefs, "
      "%u constants; %u skipped, %u degraded\n",
      st->functions, st->variables, st->records, st->opaque, st->enums, st->typedefs, st->constants,
      st->skipped, st->degraded);
  if (st->fnmacros)
    imp_buf_printf(b, "-- macro functions: %u (function-like macros translated to Lua)\n", st->fnmacros);
  if (e->opt->check_layout) imp_buf_printf(b, "-- layout checks: %u records\n", st->checked);
  if (st->aliases) imp_buf_printf(b, "-- aliases: %u macros name a function or variable\n", st->aliases);
  if (st->shimmed)
    imp_buf_printf(b, "-- shim: %u static inline functions through %s\n", st->shimmed,
                   e->opt->shim ? e->opt->shim : "");
}

static void open_cdef(ImpBuf *b, const char *prefix, int level) {
  imp_buf_printf(b, "%s[%.*s[\n", prefix, level, "==========");
}

static void close_cdef(ImpBuf *b, const char *suffix, int level) {
  imp_buf_printf(b, "]%.*s]%s\n", level, "==========", suffix);
}

/* The module's sections, filled before they are written out in order. */
typedef struct Parts {
  ImpBuf types, types_skipped; /* ffi.cdef text, and comments before it */
  ImpBuf fns, fns_skipped;     /* lib:cdef text, and comments before it */
  ImpBuf shim;                 /* shim:cdef text (static inline functions, --shim) */
  ImpBuf consts;               /* M.NAME = value lines */
  ImpBuf tmap;                 /* M.types entries */
  ImpBuf checks;               /* check(...) calls */
} Parts;

static void type_entry(ImpBuf *tmap, const char *key, const char *ctype) {
  imp_buf_puts(tmap, "  ");
  if (lua_name(key) && !strchr(key, ' ')) {
    imp_buf_puts(tmap, key);
  } else {
    imp_buf_putc(tmap, '[');
    imp_lua_string(tmap, key, strlen(key));
    imp_buf_putc(tmap, ']');
  }
  imp_buf_puts(tmap, " = ffi.typeof(");
  imp_lua_string(tmap, ctype, strlen(ctype));
  imp_buf_puts(tmap, "),\n");
}

/* Types, functions and variables, in the selection's order. */
static void collect_decls(Emit *e, Parts *p) {
  ImpModel *m = e->m;
  for (size_t i = 0; i < m->nout; i++) {
    ImpDecl *d = m->out[i];
    if (d->skip) {
      if (d->kind == ID_RECORD || d->kind == ID_ENUM || d->kind == ID_TYPEDEF)
        skipped(e, &p->types_skipped, d);
      else if (d->kind == ID_FUNC || d->kind == ID_VAR)
        skipped(e, &p->fns_skipped, d);
      continue;
    }
    const char *ctype = NULL, *key = NULL;
    switch (d->kind) {
    case ID_RECORD:
      emit_record(e, &p->types, d);
      key = type_key(e, d, &ctype);
      if (d->need == IMP_NEED_FULL && d->complete) emit_check(e, &p->checks, ctype, d, d->size, d->align);
      break;
    case ID_ENUM:
      emit_enum(e, &p->types, d);
      if (d->name && !d->enum_as_int) key = type_key(e, d, &ctype);
      break;
    case ID_TYPEDEF: {
      emit_typedef(e, &p->types, d);
      key = type_key(e, d, &ctype);
      const ImpType *u = d->underlying;
      if (!imp_predefined(m, d) && u->kind == IT_RECORD && u->decl->naming_typedef == d && u->decl->complete)
        emit_check(e, &p->checks, d->name, u->decl, d->size, d->align);
      break;
    }
    case ID_VAR:
      if (d->has_value)
        emit_static_const(e, &p->types, d);
      else
        emit_variable(e, &p->fns, d);
      break;
    case ID_FUNC: emit_function(e, d->shim ? &p->shim : &p->fns, d); break;
    default: break;
    }
    if (key) type_entry(&p->tmap, key, ctype);
  }
}

/* Constants in source order: enumerators, static consts and macros. */
static void collect_constants(Emit *e, Parts *p) {
  for (size_t i = 0; i < e->m->ndecls; i++) {
    ImpDecl *d = e->m->decls[i];
    if (d->kind == ID_ENUM && enum_emitted(d)) {
      emit_enum_consts(e, &p->consts, d);
    } else if (d->kind == ID_VAR && d->has_value && d->need && !d->skip) {
      constant(e, &p->consts, d->name, int_text(e, d->value, false), "static const");
    } else if (d->kind == ID_MACRO && d->need && !d->skip && d->macro_kind == IM_ALIAS) {
      emit_alias(e, &p->consts, d);
    } else if (d->kind == ID_MACRO && d->need) {
      if (d->skip)
        skipped(e, &p->consts, d);
      else
        emit_macro(e, &p->consts, d);
    }
  }
}

/* The shim library of the static inline functions (--shim): its path as
   given, a relative one relative to the module's file. */
static void write_shim(Emit *e, Parts *p, ImpBuf *out) {
  const char *path = e->opt->shim ? e->opt->shim : "";
  imp_buf_printf(out,
                 "\n-- static inline functions: exported wrappers in the shim library (ffi-import --shim)\n"
                 "local shim_path = ");
  imp_lua_string(out, path, strlen(path));
  imp_buf_puts(
      out,
      "\n"
      "if shim_path:sub(1, 1) ~= \"/\" then -- relative to this module's file\n"
      "  local src = debug.getinfo(1, \"S\").source\n"
      "  shim_path = (src:sub(1, 1) == \"@\" and src:match(\"^@(.*)/\") or \".\") .. \"/\" .. shim_path\n"
      "end\n"
      "local shim_ok, shim = pcall(ffi.open, shim_path)\n"
      "if not shim_ok then\n"
      "  error(\"cannot open the shim library of this module (made by ffi-import --shim): \" .. "
      "tostring(shim), 2)\n"
      "end\n");
  open_cdef(out, "shim:cdef(", e->level);
  imp_buf_putn(out, p->shim.s, p->shim.n);
  close_cdef(out, ", { lazy = true })", e->level);
  imp_buf_printf(out, "local shimmed = {\n%s}\n", e->shimmed.s);
}

/* The library, its lazy declarations and M's lookup. */
static void write_library(Emit *e, Parts *p, ImpBuf *out) {
  bool has_lib = p->fns.n || p->shim.n || e->opt->lib;
  if (has_lib) {
    const char *lib = e->opt->lib ? e->opt->lib : "libc.so.6";
    imp_buf_puts(out, "\nlocal lib = ffi.open(");
    imp_lua_string(out, lib, strlen(lib));
    imp_buf_puts(out, ")\n");
  }
  if (p->fns_skipped.n) imp_buf_printf(out, "%s%s", has_lib ? "" : "\n", p->fns_skipped.s);
  if (p->fns.n) {
    open_cdef(out, "lib:cdef(", e->level);
    imp_buf_putn(out, p->fns.s, p->fns.n);
    close_cdef(out, ", { lazy = true })", e->level);
  }
  if (p->shim.n) write_shim(e, p, out);
  if (e->renames.n) imp_buf_printf(out, "\nlocal renamed = {\n%s}\n", e->renames.s);
  if (!has_lib) {
    imp_buf_puts(out, "\nlocal M = {}\n");
    return;
  }
  imp_buf_printf(out,
                 "\n-- functions resolve on first use (an error names a missing symbol) and stay in M;\n"
                 "-- variables are read from the library at each use\n"
                 "local function find(k) %s end\n"
                 "local M = setmetatable({}, { __index = function(M, k)\n"
                 "  local ok, v = pcall(find, %s)\n"
                 "  if not ok then\n"
                 "    if type(v) == \"string\" and v:find(\"could not find\", 1, true) then\n"
                 "      v = v .. \" (this module was made by ffi-import: name the library with -l NAME)\"\n"
                 "    end\n"
                 "    error(v, 2)\n"
                 "  end\n"
                 "  if type(v) == \"function\" then rawset(M, k, v) end\n"
                 "  return v\n"
                 "end })\n",
                 p->shim.n ? "if shimmed[k] then return shim[k] end return lib[k]" : "return lib[k]",
                 e->renames.n ? "renamed[k] or k" : "k");
}

static void write_module(Emit *e, Parts *p, ImpBuf *out) {
  ImpModel *m = e->m;
  header(e, out, e->st);
  imp_buf_puts(out, "\nlocal ffi = require \"ffi\"\n\n");
  const char *arch = imp_triple_arch(m->triple), *os = imp_triple_os(m->triple);
  imp_buf_printf(
      out,
      "if ffi.arch ~= \"%s\" or ffi.os ~= \"%s\" then\n"
      "  error(\"this module was generated for %s/%s (%s), not \" .. tostring(ffi.arch) .. \"/\" .. "
      "tostring(ffi.os), 2)\nend\n",
      arch, os, arch, os, m->triple);
  if (p->types_skipped.n) imp_buf_printf(out, "\n%s", p->types_skipped.s);
  if (p->types.n) {
    imp_buf_putc(out, '\n');
    open_cdef(out, "ffi.cdef ", e->level);
    imp_buf_putn(out, p->types.s, p->types.n);
    close_cdef(out, "", e->level);
  }
  write_library(e, p, out);
  if (p->consts.n) imp_buf_printf(out, "\n%s", p->consts.s);
  imp_buf_puts(out, "\nM.types = {\n");
  if (p->tmap.n) imp_buf_putn(out, p->tmap.s, p->tmap.n);
  imp_buf_puts(out, "}\n");
  if (e->opt->check_layout && p->checks.n) {
    imp_buf_printf(out, "\n%s", check_prelude);
    imp_buf_putn(out, p->checks.s, p->checks.n);
    imp_buf_puts(out, "end\n");
  }
  imp_buf_puts(out, "\nreturn M\n");
}

void imp_emit_lua(ImpModel *m, const ImpOptions *opt, ImpBuf *out, ImpStats *st) {
  Emit e = {m, opt, st, {0}, {0}, {0}, 2, false, {0}};
  Parts p = {0};
  memset(st, 0, sizeof *st);
  imp_map_set(&e.mkeys, "types", "types");
  for (size_t i = 0; i < m->ndecls; i++)
    if (m->decls[i]->kind == ID_TYPEDEF) imp_map_set(&e.typenames, m->decls[i]->name, m->decls[i]);
  collect_decls(&e, &p);
  collect_constants(&e, &p);
  /* the long-bracket level: one that occurs in neither cdef text */
  ImpBuf all = {0};
  imp_buf_puts(&all, p.types.s ? p.types.s : "");
  imp_buf_puts(&all, p.fns.s ? p.fns.s : "");
  imp_buf_puts(&all, p.shim.s ? p.shim.s : "");
  e.level = imp_lua_level(all.s ? all.s : "");
  if (e.level < 2) e.level = 2;
  imp_buf_free(&all);
  write_module(&e, &p, out);
  ImpBuf *bufs[] = {&p.types, &p.types_skipped, &p.fns,     &p.fns_skipped, &p.consts,
                    &p.tmap,  &p.checks,        &e.renames, &p.shim,        &e.shimmed};
  for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++) imp_buf_free(bufs[i]);
  imp_map_free(&e.typenames);
  imp_map_free(&e.mkeys);
}
