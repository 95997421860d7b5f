/*
** imp_fnmacro.c -- function-like macros translated to Lua functions.
**
** A macro's definition tokens (from clang_tokenize, or from the small lexer
** below) are parsed as a C expression into a tree whose nodes carry the C
** type where it is known (literals, constants, casts, declared functions'
** results; parameters are of unknown type). The tree is written as Lua with
** C's semantics: integer / and % truncate toward zero, >> on signed values is
** arithmetic, results of known integer types wrap to their width, casts
** truncate and convert, comparisons and logical operators give booleans.
** Anything outside that subset leaves the macro skipped, with the reason.
*/
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "imp.h"

/* -- Types of expressions -- */

enum { TY_UNKNOWN, TY_INT, TY_FLOAT, TY_BOOL, TY_STR, TY_PTR, TY_OBJ };

typedef struct Ty {
  unsigned char k;
  unsigned char bits; /* TY_INT, TY_FLOAT */
  bool uns;           /* TY_INT */
} Ty;

static const Ty ty_unknown = {TY_UNKNOWN, 0, false};
static const Ty ty_int = {TY_INT, 32, false};
static const Ty ty_size = {TY_INT, 64, true};

enum {
  N_PARAM,
  N_INT,
  N_FLOAT,
  N_STR,
  N_CONST,  /* M.NAME: a macro constant or a variable */
  N_CALL,   /* M.name(args) or a(args) */
  N_CAST,   /* (T)a */
  N_SIZEOF, /* ffi.sizeof("T"), or a known size */
  N_MEMBER, /* a.name (both . and ->) */
  N_INDEX,  /* a[b] */
  N_DEREF,  /* *a */
  N_UNARY,  /* - + ~ ! */
  N_BINARY, /* arithmetic, bitwise, comparisons, && || */
  N_COND    /* a ? b : c */
};

static const char *const node_names[] = {"param",  "int",    "float", "string", "constant", "call",   "cast",
                                         "sizeof", "member", "index", "deref",  "unary",    "binary", "cond"};

struct ImpFnNode {
  int op;
  const char *text; /* param/const/call name, operator, member, literal text, cast/sizeof C type */
  unsigned long long ival;
  double fval;
  size_t slen;
  ImpFnNode *a, *b, *c;
  ImpFnNode **args;
  size_t nargs;
  Ty ty;
  Ty to; /* N_CAST target */
};

/* -- Translation context -- */

typedef struct Tr {
  ImpModel *m;
  ImpMap typedefs, tags, enumerators;
  bool ready;
} Tr;

typedef struct Ps {
  Tr *tr;
  ImpDecl *d;
  ImpFnMacro *f;
  const char **t;
  size_t n, i;
  const char *err; /* the reason, once failed */
} Ps;

static ImpFnNode *node(Ps *p, int op, Ty ty) {
  ImpFnNode *n = imp_alloc(p->tr->m->arena, sizeof *n);
  n->op = op;
  n->ty = ty;
  return n;
}

static ImpFnNode *fail(Ps *p, const char *why) {
  if (!p->err) p->err = why;
  return NULL;
}

static const char *peek(Ps *p) { return p->i < p->n ? p->t[p->i] : ""; }
static bool is(Ps *p, const char *s) { return strcmp(peek(p), s) == 0; }
static bool accept(Ps *p, const char *s) {
  if (!is(p, s)) return false;
  p->i++;
  return true;
}
static bool ident_tok(const char *s) { return isalpha((unsigned char)*s) || *s == '_'; }
static bool quoted(const char *s) { return strchr(s, '"') || strchr(s, '\''); }

static void add_ref(Ps *p, ImpDecl *d) {
  ImpFnMacro *f = p->f;
  for (size_t i = 0; i < f->nrefs; i++)
    if (f->refs[i] == d) return;
  if (f->nrefs == f->caprefs) {
    f->caprefs = f->caprefs ? f->caprefs * 2 : 4;
    ImpDecl **r = imp_alloc(p->tr->m->arena, f->caprefs * sizeof *r);
    if (f->nrefs) memcpy(r, f->refs, f->nrefs * sizeof *r);
    f->refs = r;
  }
  f->refs[f->nrefs++] = d;
}

/* The usual arithmetic conversions where both types are known. */
static Ty promote(Ty t) {
  if (t.k == TY_BOOL) return ty_int;
  if (t.k == TY_INT && t.bits < 32) return ty_int;
  return t;
}

static Ty common(Ty a, Ty b) {
  a = promote(a), b = promote(b);
  if (a.k == TY_FLOAT && b.k == TY_UNKNOWN) return (Ty){TY_FLOAT, 64, false}; /* at least double */
  if (b.k == TY_FLOAT && a.k == TY_UNKNOWN) return (Ty){TY_FLOAT, 64, false};
  if (a.k == TY_FLOAT && (b.k == TY_FLOAT || b.k == TY_INT))
    return b.k == TY_FLOAT && b.bits > a.bits ? b : a;
  if (b.k == TY_FLOAT && a.k == TY_INT) return b;
  if (a.k != TY_INT || b.k != TY_INT) return ty_unknown;
  if (a.uns == b.uns) return a.bits >= b.bits ? a : b;
  Ty u = a.uns ? a : b, s = a.uns ? b : a;
  return u.bits >= s.bits ? u : s;
}

/* -- C types named in casts and sizeof -- */

static Ty ty_of_type(Tr *tr, const ImpType *t) {
  t = imp_type_resolve(t);
  if (!t) return ty_unknown;
  switch (t->kind) {
  case IT_BOOL: return (Ty){TY_BOOL, 8, true};
  case IT_INT: return (Ty){TY_INT, (unsigned char)(t->size > 0 ? t->size * 8 : 32), t->is_unsigned};
  case IT_FLOAT:
    if (t->size > 8) return (Ty){TY_OBJ, 0, false};
    return (Ty){TY_FLOAT, (unsigned char)(t->size > 0 ? t->size * 8 : 64), false};
  case IT_ENUM: return t->decl && t->decl->inttype ? ty_of_type(tr, t->decl->inttype) : ty_int;
  case IT_PTR:
  case IT_ARRAY: return (Ty){TY_PTR, 0, false};
  case IT_VOID: return (Ty){TY_OBJ, 0, false};
  default: return (Ty){TY_OBJ, 0, false};
  }
}

static bool plain_char_unsigned(Tr *tr) {
  const char *t = tr->m->triple ? tr->m->triple : "";
  return !strncmp(t, "aarch64", 7) || !strncmp(t, "arm", 3) || !strncmp(t, "powerpc", 7) ||
         !strncmp(t, "s390", 4);
}

static bool type_start(Ps *p) {
  static const char *const kw[] = {"void",  "char",     "short",  "int",      "long",
                                   "float", "double",   "signed", "unsigned", "_Bool",
                                   "const", "volatile", "struct", "union",    "enum"};
  const char *s = peek(p);
  for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
    if (!strcmp(s, kw[i])) return true;
  if (!ident_tok(s) || quoted(s)) return false;
  for (size_t i = 0; i < p->f->nparams; i++)
    if (!strcmp(p->f->params[i], s)) return false;
  return imp_map_get(&p->tr->typedefs, s) != NULL;
}

/* Parses a type name; sets *ty and the C spelling. Returns false (p->err set) if not usable. */
static bool type_name(Ps *p, Ty *ty, const char **spelling, bool *is_void) {
  /* the type specifier words, counted (long long: two) */
  enum { W_CHAR, W_SHORT, W_INT, W_LONG, W_FLOAT, W_DOUBLE, W_VOID, W_BOOL, W_UNSIGNED, W_SIGNED, W_N };
  static const char *const words[W_N] = {"char",   "short", "int",   "long",     "float",
                                         "double", "void",  "_Bool", "unsigned", "signed"};
  int nw[W_N] = {0}, nwords = 0;
  ImpBuf b = {0};
  bool named = false;
  Ty t = ty_unknown;
  while (p->i < p->n) {
    const char *s = peek(p);
    int w = 0;
    while (w < W_N && strcmp(s, words[w]) != 0) w++;
    if (w < W_N) {
      nw[w]++, nwords++;
    } else if (!strcmp(s, "const") || !strcmp(s, "volatile")) {
    } else if (!strcmp(s, "struct") || !strcmp(s, "union") || !strcmp(s, "enum")) {
      if (named || p->i + 1 >= p->n) break;
      char *key = imp_sprintf(p->tr->m->arena, "%s %s", s, p->t[p->i + 1]);
      ImpDecl *d = imp_map_get(&p->tr->tags, key);
      if (!d) {
        imp_buf_free(&b);
        return fail(p, "uses a type that is not declared"), false;
      }
      add_ref(p, d);
      t = !strcmp(s, "enum") ? (d->inttype ? ty_of_type(p->tr, d->inttype) : ty_int) : (Ty){TY_OBJ, 0, false};
      imp_buf_printf(&b, "%s%s", b.n ? " " : "", key);
      p->i += 2;
      named = true;
      continue;
    } else if (!named && !nwords && ident_tok(s) && !quoted(s) && imp_map_get(&p->tr->typedefs, s)) {
      ImpDecl *d = imp_map_get(&p->tr->typedefs, s);
      add_ref(p, d);
      t = d->skip ? (Ty){TY_OBJ, 0, false} : ty_of_type(p->tr, d->underlying);
      named = true;
    } else {
      break;
    }
    imp_buf_printf(&b, "%s%s", b.n ? " " : "", s);
    p->i++;
  }
  if (!b.n) return fail(p, "expected a type name"), false;
  if (!named) {
    bool uns = nw[W_UNSIGNED] > 0;
    if (nw[W_VOID])
      t = (Ty){TY_OBJ, 0, false};
    else if (nw[W_BOOL])
      t = (Ty){TY_BOOL, 8, true};
    else if (nw[W_FLOAT])
      t = (Ty){TY_FLOAT, 32, false};
    else if (nw[W_DOUBLE] && nw[W_LONG])
      t = (Ty){TY_OBJ, 0, false}; /* long double */
    else if (nw[W_DOUBLE])
      t = (Ty){TY_FLOAT, 64, false};
    else if (nw[W_CHAR])
      t = (Ty){TY_INT, 8, uns || (!nw[W_SIGNED] && plain_char_unsigned(p->tr))};
    else if (nw[W_SHORT])
      t = (Ty){TY_INT, 16, uns};
    else if (nw[W_LONG] >= 2)
      t = (Ty){TY_INT, 64, uns};
    else if (nw[W_LONG])
      t = (Ty){TY_INT, (unsigned char)(p->tr->m->ptr_size == 4 ? 32 : 64), uns};
    else
      t = (Ty){TY_INT, 32, uns};
  }
  *is_void = nw[W_VOID] && !named;
  int stars = 0;
  while (accept(p, "*")) {
    stars++;
    while (accept(p, "const") || accept(p, "volatile") || accept(p, "restrict")) {}
  }
  if (stars) {
    for (int i = 0; i < stars; i++) imp_buf_puts(&b, i ? "*" : " *");
    t = (Ty){TY_PTR, 0, false};
    *is_void = false;
  }
  *ty = t;
  *spelling = imp_strdup(p->tr->m->arena, b.s);
  imp_buf_free(&b);
  return true;
}

/* -- Literals -- */

static int unescape(const char **s, unsigned long long *out) {
  const char *c = *s;
  if (*c != '\\') {
    *out = (unsigned char)*c;
    *s = c + 1;
    return 1;
  }
  c++;
  switch (*c) {
  case 'n': *out = '\n'; break;
  case 't': *out = '\t'; break;
  case 'r': *out = '\r'; break;
  case 'a': *out = '\a'; break;
  case 'b': *out = '\b'; break;
  case 'f': *out = '\f'; break;
  case 'v': *out = '\v'; break;
  case 'e': *out = 27; break;
  case 'x': {
    char *end;
    *out = strtoull(c + 1, &end, 16) & 0xff;
    *s = end;
    return 1;
  }
  default:
    if (*c >= '0' && *c <= '7') {
      unsigned long long v = 0;
      for (int k = 0; k < 3 && *c >= '0' && *c <= '7'; k++, c++) v = v * 8 + (unsigned)(*c - '0');
      *out = v & 0xff;
      *s = c;
      return 1;
    }
    *out = (unsigned char)*c; /* \\ \' \" \? */
    break;
  }
  *s = c + 1;
  return 1;
}

static ImpFnNode *number(Ps *p, const char *s) {
  if (strchr(s, '.') || ((s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) && strpbrk(s, "eE")) ||
      ((s[1] == 'x' || s[1] == 'X') && strpbrk(s, "pP"))) {
    char *end;
    double v = strtod(s, &end);
    ImpFnNode *n = node(p, N_FLOAT, (Ty){TY_FLOAT, 64, false});
    if (*end == 'f' || *end == 'F') {
      v = (double)(float)v;
      n->ty.bits = 32;
    } else if (*end == 'l' || *end == 'L') {
      return fail(p, "long double literal");
    } else if (*end) {
      return fail(p, "unknown literal suffix");
    }
    n->fval = v;
    return n;
  }
  char *end;
  unsigned long long v = strtoull(s, &end, 0);
  bool u = false;
  int l = 0;
  for (; *end; end++) {
    if (*end == 'u' || *end == 'U')
      u = true;
    else if (*end == 'l' || *end == 'L')
      l++;
    else
      return fail(p, "unknown literal suffix");
  }
  bool dec = s[0] != '0' || s[1] == 0;
  ImpFnNode *n = node(p, N_INT, ty_int);
  n->ival = v;
  /* C11 6.4.4.1: the first type of the list that holds the value (LP64) */
  if (!l && !u && v <= INT_MAX)
    n->ty = ty_int;
  else if (!l && !dec && !u && v <= UINT_MAX)
    n->ty = (Ty){TY_INT, 32, true};
  else if (!l && u && v <= UINT_MAX)
    n->ty = (Ty){TY_INT, 32, true};
  else if (!u && v <= LLONG_MAX)
    n->ty = (Ty){TY_INT, 64, false};
  else
    n->ty = (Ty){TY_INT, 64, true};
  return n;
}

static ImpFnNode *string_lit(Ps *p) {
  ImpBuf b = {0};
  while (p->i < p->n && peek(p)[0] == '"') {
    const char *s = peek(p) + 1;
    size_t len = strlen(s);
    const char *end = s + (len ? len - 1 : 0);
    while (s < end) {
      unsigned long long c;
      unescape(&s, &c);
      imp_buf_putc(&b, (char)c);
    }
    p->i++;
  }
  ImpFnNode *n = node(p, N_STR, (Ty){TY_STR, 0, false});
  n->slen = b.n;
  n->text = imp_strndup(p->tr->m->arena, b.s ? b.s : "", b.n);
  imp_buf_free(&b);
  return n;
}

/* -- The parser (C's precedence climbing) -- */

static ImpFnNode *expr(Ps *p);
static ImpFnNode *cond_expr(Ps *p);
static ImpFnNode *unary(Ps *p);
static void translate(Tr *tr, ImpDecl *d);

static bool fn_result(Tr *tr, const ImpDecl *fd, Ty *ty) {
  const ImpType *t = fd->type;
  if (!t || t->kind != IT_FUNC) return false;
  *ty = ty_of_type(tr, t->base);
  return true;
}

static ImpFnNode *call_args(Ps *p, ImpFnNode *n) {
  ImpFnNode *buf[64];
  size_t k = 0;
  if (!accept(p, ")")) {
    do {
      if (k == 64) return fail(p, "too many arguments");
      buf[k] = cond_expr(p);
      if (!buf[k++]) return NULL;
    } while (accept(p, ","));
    if (!accept(p, ")")) return fail(p, "expected ')'");
  }
  n->nargs = k;
  n->args = imp_alloc(p->tr->m->arena, (k + 1) * sizeof *n->args);
  memcpy(n->args, buf, k * sizeof *buf);
  return n;
}

static ImpFnNode *identifier(Ps *p, const char *s) {
  Tr *tr = p->tr;
  p->i++;
  for (size_t k = 0; k < p->f->nparams; k++)
    if (!strcmp(p->f->params[k], s)) {
      ImpFnNode *n = node(p, N_PARAM, ty_unknown);
      n->text = p->f->params[k];
      return n;
    }
  if (!strncmp(s, "__builtin", 9) || !strcmp(s, "__extension__") || !strcmp(s, "_Generic") ||
      !strcmp(s, "__typeof__") || !strcmp(s, "typeof") || !strcmp(s, "__typeof") ||
      !strcmp(s, "_Static_assert") || !strcmp(s, "__attribute__") || !strcmp(s, "__asm__") ||
      !strcmp(s, "asm") || !strcmp(s, "_Alignof") || !strcmp(s, "__alignof__") || !strcmp(s, "__func__") ||
      !strcmp(s, "__FILE__") || !strcmp(s, "__LINE__"))
    return fail(p, "uses a compiler builtin");
  static const char *const stmt[] = {"do",     "while", "for",   "if",       "else",   "return",
                                     "switch", "goto",  "break", "continue", "static", "register"};
  for (size_t k = 0; k < sizeof stmt / sizeof stmt[0]; k++)
    if (!strcmp(s, stmt[k])) return fail(p, "statement body");
  ImpDecl *fd = imp_map_get(&tr->m->by_name, s);
  if (fd && !fd->skip && fd->kind == ID_FUNC && is(p, "(")) {
    p->i++;
    ImpFnNode *n = node(p, N_CALL, ty_unknown);
    n->text = fd->name;
    if (!fn_result(tr, fd, &n->ty)) n->ty = ty_unknown;
    add_ref(p, fd);
    return call_args(p, n);
  }
  if (fd && !fd->skip && fd->kind == ID_VAR) {
    ImpFnNode *n = node(p, N_CONST, ty_of_type(tr, fd->type));
    n->text = fd->name;
    add_ref(p, fd);
    return n;
  }
  ImpDecl *md = imp_map_get(&tr->m->by_macro, s);
  if (fd && !fd->skip && fd->kind == ID_FUNC) { /* the function itself, as a value */
    ImpFnNode *n = node(p, N_CONST, ty_unknown);
    n->text = fd->name;
    add_ref(p, fd);
    return n;
  }
  if (md && md->fnmacro) {
    translate(tr, md);
    if (md->fnmacro->state != 2)
      return fail(p, imp_sprintf(tr->m->arena, "uses macro '%s' (%s)", s, md->skip));
    if (!is(p, "(")) { /* passed on as a function: PNG_IMAGE_PIXEL_(PNG_IMAGE_SAMPLE_CHANNELS, fmt) */
      ImpFnNode *n = node(p, N_CONST, ty_unknown);
      n->text = md->name;
      add_ref(p, md);
      return n;
    }
    p->i++;
    ImpFnNode *n = node(p, N_CALL, md->fnmacro->expr->ty);
    n->text = md->name;
    add_ref(p, md);
    if (!call_args(p, n)) return NULL;
    if (n->nargs != md->fnmacro->nparams) return fail(p, "calls a macro with the wrong number of arguments");
    return n;
  }
  if (md && !md->skip) {
    Ty ty = ty_unknown;
    switch (md->macro_kind) {
    case IM_INT:
      if (md->is_unsigned)
        ty = (Ty){TY_INT, (unsigned char)(md->uval <= UINT_MAX ? 32 : 64), true};
      else
        ty = (Ty){TY_INT, (unsigned char)(md->ival >= INT_MIN && md->ival <= INT_MAX ? 32 : 64), false};
      break;
    case IM_FLOAT: ty = (Ty){TY_FLOAT, 64, false}; break;
    case IM_STRING: ty = (Ty){TY_STR, 0, false}; break;
    case IM_POINTER: ty = (Ty){TY_PTR, 0, false}; break;
    default: return fail(p, imp_sprintf(tr->m->arena, "uses '%s', which is not a constant", s));
    }
    ImpFnNode *n = node(p, N_CONST, ty);
    n->text = md->name;
    add_ref(p, md);
    return n;
  }
  ImpEnumConst *ec = imp_map_get(&tr->enumerators, s);
  if (ec) {
    ImpFnNode *n = node(p, N_INT, ec->is_unsigned ? (Ty){TY_INT, 64, true} : ty_int);
    n->ival = (unsigned long long)ec->value;
    if (!ec->is_unsigned && (ec->value < INT_MIN || ec->value > INT_MAX)) n->ty.bits = 64;
    return n;
  }
  if (md) return fail(p, imp_sprintf(tr->m->arena, "uses '%s', which is not translated", s));
  return fail(p, imp_sprintf(tr->m->arena, "uses '%s', which is not declared", s));
}

static ImpFnNode *primary(Ps *p) {
  const char *s = peek(p);
  if (p->i >= p->n) return fail(p, "incomplete expression");
  if (s[0] == '"') return string_lit(p);
  if (s[0] == '\'') {
    const char *c = s + 1;
    unsigned long long v;
    unescape(&c, &v);
    if (*c != '\'') return fail(p, "multi-character constant");
    p->i++;
    ImpFnNode *n = node(p, N_INT, ty_int);
    n->ival = (unsigned long long)(long long)(signed char)v; /* char is signed on this path's targets */
    if (plain_char_unsigned(p->tr)) n->ival = v;
    return n;
  }
  if (isdigit((unsigned char)s[0]) || (s[0] == '.' && isdigit((unsigned char)s[1]))) {
    p->i++;
    return number(p, s);
  }
  if (ident_tok(s)) {
    if (quoted(s)) return fail(p, "wide or unicode literal");
    return identifier(p, s);
  }
  if (accept(p, "(")) {
    if (is(p, "{")) return fail(p, "uses a GNU statement expression");
    ImpFnNode *n = expr(p);
    if (n && !accept(p, ")")) return fail(p, "expected ')'");
    return n;
  }
  if (!strcmp(s, "#") || !strcmp(s, "##")) return fail(p, "stringizes or pastes its parameters");
  if (!strcmp(s, "{") || !strcmp(s, ";")) return fail(p, "statement body");
  return fail(p, imp_sprintf(p->tr->m->arena, "unexpected '%s'", s));
}

static ImpFnNode *postfix(Ps *p) {
  ImpFnNode *a = primary(p);
  while (a) {
    if (accept(p, "(")) {
      ImpFnNode *n = node(p, N_CALL, ty_unknown);
      n->a = a;
      a = call_args(p, n);
    } else if (accept(p, "[")) {
      ImpFnNode *n = node(p, N_INDEX, ty_unknown);
      n->a = a;
      n->b = expr(p);
      if (!n->b) return NULL;
      if (!accept(p, "]")) return fail(p, "expected ']'");
      a = n;
    } else if (is(p, ".") || is(p, "->")) {
      p->i++;
      if (!ident_tok(peek(p))) return fail(p, "expected a member name");
      ImpFnNode *n = node(p, N_MEMBER, ty_unknown);
      n->a = a;
      n->text = peek(p);
      p->i++;
      a = n;
    } else if (is(p, "++") || is(p, "--")) {
      return fail(p, "assigns");
    } else {
      break;
    }
  }
  return a;
}

static ImpFnNode *unary(Ps *p) {
  const char *s = peek(p);
  if (!strcmp(s, "-") || !strcmp(s, "+") || !strcmp(s, "~") || !strcmp(s, "!")) {
    p->i++;
    ImpFnNode *a = unary(p);
    if (!a) return NULL;
    ImpFnNode *n = node(p, N_UNARY, s[0] == '!' ? (Ty){TY_BOOL, 8, true} : promote(a->ty));
    if (s[0] == '~' && n->ty.k == TY_FLOAT) return fail(p, "~ of a floating value");
    n->text = s;
    n->a = a;
    return n;
  }
  if (!strcmp(s, "*")) {
    p->i++;
    ImpFnNode *n = node(p, N_DEREF, ty_unknown);
    n->a = unary(p);
    return n->a ? n : NULL;
  }
  if (!strcmp(s, "&")) return fail(p, "takes an address");
  if (!strcmp(s, "++") || !strcmp(s, "--")) return fail(p, "assigns");
  if (!strcmp(s, "sizeof")) {
    p->i++;
    size_t save = p->i;
    if (accept(p, "(") && type_start(p)) {
      Ty ty;
      const char *sp;
      bool v;
      if (!type_name(p, &ty, &sp, &v)) return NULL;
      if (!accept(p, ")")) return fail(p, "expected ')'");
      if (v) return fail(p, "sizeof(void)");
      ImpFnNode *n = node(p, N_SIZEOF, ty_size);
      n->text = sp;
      return n;
    }
    p->i = save;
    ImpFnNode *a = unary(p);
    if (!a) return NULL;
    ImpFnNode *n = node(p, N_INT, ty_size);
    if (a->op == N_STR)
      n->ival = a->slen + 1;
    else if (a->ty.k == TY_INT || a->ty.k == TY_FLOAT)
      n->ival = a->ty.bits / 8;
    else
      return fail(p, "sizeof of an expression whose type is not known");
    return n;
  }
  if (!strcmp(s, "_Alignof") || !strcmp(s, "__alignof__")) return fail(p, "uses a compiler builtin");
  if (is(p, "(")) {
    size_t save = p->i;
    p->i++;
    if (type_start(p)) {
      Ty ty;
      const char *sp;
      bool v;
      if (!type_name(p, &ty, &sp, &v)) return NULL;
      if (!accept(p, ")")) return fail(p, "expected ')' after a type name");
      if (is(p, "{")) return fail(p, "compound literal");
      ImpFnNode *a = unary(p);
      if (!a) return NULL;
      if (v) return fail(p, "cast to void");
      if (ty.k == TY_OBJ || ty.k == TY_UNKNOWN) return fail(p, "cast to a type that is not scalar");
      ImpFnNode *n = node(p, N_CAST, ty.k == TY_BOOL ? ty_int : ty);
      n->to = ty;
      n->text = sp;
      n->a = a;
      return n;
    }
    p->i = save;
  }
  return postfix(p);
}

static int prec(const char *s) {
  static const struct {
    const char *op;
    int prec;
  } ops[] = {{"*", 13},  {"/", 13}, {"%", 13}, {"+", 12},  {"-", 12},  {"<<", 11},
             {">>", 11}, {"<", 10}, {">", 10}, {"<=", 10}, {">=", 10}, {"==", 9},
             {"!=", 9},  {"&", 8},  {"^", 7},  {"|", 6},   {"&&", 5},  {"||", 4}};
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (!strcmp(s, ops[i].op)) return ops[i].prec;
  return 0;
}

static bool is_cmp(const char *op) {
  return prec(op) == 10 || prec(op) == 9 || prec(op) == 5 || prec(op) == 4;
}

static ImpFnNode *binary(Ps *p, int min) {
  ImpFnNode *a = unary(p);
  while (a) {
    const char *op = peek(p);
    int pr = prec(op);
    if (!pr || pr < min) break;
    p->i++;
    ImpFnNode *b = binary(p, pr + 1);
    if (!b) return NULL;
    ImpFnNode *n = node(p, N_BINARY, ty_unknown);
    n->text = op;
    n->a = a;
    n->b = b;
    if (is_cmp(op))
      n->ty = (Ty){TY_BOOL, 8, true};
    else if (pr == 11)
      n->ty = promote(a->ty).k == TY_INT ? promote(a->ty) : ty_unknown;
    else
      n->ty = common(a->ty, b->ty);
    if ((pr == 11 || pr <= 8 || !strcmp(op, "%")) && !is_cmp(op) && (n->ty.k == TY_FLOAT))
      return fail(p, "integer operator on a floating value");
    a = n;
  }
  return a;
}

static ImpFnNode *cond_expr(Ps *p) {
  ImpFnNode *c = binary(p, 4);
  if (!c || !accept(p, "?")) return c;
  ImpFnNode *n = node(p, N_COND, ty_unknown);
  n->a = c;
  n->b = expr(p);
  if (!n->b) return NULL;
  if (!accept(p, ":")) return fail(p, "expected ':'");
  n->c = cond_expr(p);
  if (!n->c) return NULL;
  if (n->b->ty.k == TY_BOOL && n->c->ty.k == TY_BOOL)
    n->ty = n->b->ty;
  else if (n->b->ty.k == TY_STR && n->c->ty.k == TY_STR)
    n->ty = n->b->ty;
  else
    n->ty = common(n->b->ty, n->c->ty);
  return n;
}

static ImpFnNode *expr(Ps *p) {
  ImpFnNode *n = cond_expr(p);
  if (!n) return NULL;
  const char *s = peek(p);
  if (!strcmp(s, ",")) return fail(p, "uses the comma operator");
  if (strlen(s) >= 1 && s[strlen(s) - 1] == '=' && strcmp(s, "==") && strcmp(s, "!=") && strcmp(s, "<=") &&
      strcmp(s, ">="))
    return fail(p, "assigns");
  return n;
}

/* -- Tokens, parameters, the whole macro -- */

void imp_fnmacro_tokens(ImpModel *m, ImpDecl *d, const char *const *toks, size_t n) {
  ImpFnMacro *f = imp_alloc(m->arena, sizeof *f);
  f->toks = imp_alloc(m->arena, (n + 1) * sizeof *f->toks);
  for (size_t i = 0; i < n; i++) /* clang's tokens include the comments */
    if (strncmp(toks[i], "/*", 2) != 0 && strncmp(toks[i], "//", 2) != 0)
      f->toks[f->ntoks++] = imp_strdup(m->arena, toks[i]);
  d->fnmacro = f;
  d->skip = "function-like macro";
}

static const char *const puncts[] = {"...", "<<=", ">>=", "->", "++", "--", "<<", ">>",
                                     "<=",  ">=",  "==",  "!=", "&&", "||", "##", "+=",
                                     "-=",  "*=",  "/=",  "%=", "&=", "|=", "^="};

ImpDecl *imp_fnmacro_define(ImpModel *m, const char *text) {
  const char *toks[512];
  size_t n = 0;
  for (const char *s = text; *s && n < 512;) {
    const char *b = s;
    if (isspace((unsigned char)*s)) {
      s++;
      continue;
    }
    if (s[0] == '/' && (s[1] == '*' || s[1] == '/')) { /* a comment token, as clang gives them */
      const char *e = s[1] == '*' ? strstr(s + 2, "*/") : NULL;
      s = e ? e + 2 : s + strlen(s);
    } else if (isalpha((unsigned char)*s) || *s == '_') {
      while (isalnum((unsigned char)*s) || *s == '_') s++;
      if (*s == '"' || *s == '\'') goto quote; /* L"x", u8'c' */
    } else if (isdigit((unsigned char)*s) || (*s == '.' && isdigit((unsigned char)s[1]))) {
      while (isalnum((unsigned char)*s) || *s == '.' || *s == '_' ||
             ((*s == '+' || *s == '-') && strchr("eEpP", s[-1]) && !(s[-1] == 'e' && b[1] == 'x')))
        s++;
    } else if (*s == '"' || *s == '\'') {
    quote:;
      char q = *s++;
      while (*s && *s != q) s += (*s == '\\' && s[1]) ? 2 : 1;
      if (*s) s++;
    } else {
      size_t k = 0;
      for (; k < sizeof puncts / sizeof puncts[0]; k++)
        if (!strncmp(s, puncts[k], strlen(puncts[k]))) break;
      s += k < sizeof puncts / sizeof puncts[0] ? strlen(puncts[k]) : 1;
    }
    toks[n++] = imp_strndup(m->arena, b, (size_t)(s - b));
  }
  if (!n) return NULL;
  ImpDecl *d = imp_decl_new(m, ID_MACRO, toks[0]);
  imp_map_set(&m->by_macro, d->name, d);
  imp_fnmacro_tokens(m, d, toks, n);
  return d;
}

static void init_tr(Tr *tr, ImpModel *m) {
  memset(tr, 0, sizeof *tr);
  tr->m = m;
  for (size_t i = 0; i < m->ndecls; i++) {
    ImpDecl *d = m->decls[i];
    if (d->kind == ID_TYPEDEF && d->name) {
      imp_map_set(&tr->typedefs, d->name, d);
    } else if ((d->kind == ID_RECORD || d->kind == ID_ENUM) && d->name) {
      const char *key = imp_sprintf(m->arena, "%s %s",
                                    d->kind == ID_ENUM ? "enum"
                                    : d->is_union      ? "union"
                                                       : "struct",
                                    d->name);
      ImpDecl *old = imp_map_get(&tr->tags, key);
      if (!old || (!old->complete && d->complete)) imp_map_set(&tr->tags, key, d);
    }
    if (d->kind == ID_ENUM)
      for (size_t k = 0; k < d->nconsts; k++)
        if (!imp_map_get(&tr->enumerators, d->consts[k].name))
          imp_map_set(&tr->enumerators, d->consts[k].name, &d->consts[k]);
  }
}

static void free_tr(Tr *tr) {
  imp_map_free(&tr->typedefs);
  imp_map_free(&tr->tags);
  imp_map_free(&tr->enumerators);
}

static bool lua_keyword(const char *s) {
  static const char *const kw[] = {"and",   "break",    "do",     "else",   "elseif",  "end",   "false",
                                   "for",   "function", "goto",   "if",     "in",      "local", "nil",
                                   "not",   "or",       "repeat", "return", "then",    "true",  "until",
                                   "while", "M",        "ffi",    "lib",    "renamed", "_ENV"};
  for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
    if (!strcmp(s, kw[i])) return true;
  return !strncmp(s, "__c", 3);
}

static void translate(Tr *tr, ImpDecl *d) {
  ImpFnMacro *f = d->fnmacro;
  if (!f || f->state) return;
  f->state = 1;
  Ps p = {tr, d, f, f->toks, f->ntoks, 1, NULL};
  const char *params[64];
  size_t np = 0;
  ImpDecl *fd = imp_map_get(&tr->m->by_name, d->name);
  if (fd && fd->kind == ID_FUNC && !fd->skip) {
    p.err = "the library's function of the same name is used";
    goto done;
  }
  if (!accept(&p, "(")) {
    p.err = "malformed parameter list";
    goto done;
  }
  if (!accept(&p, ")")) {
    do {
      const char *s = peek(&p);
      if (!strcmp(s, "...")) {
        p.err = "variadic macro";
        goto done;
      }
      if (!ident_tok(s) || np == 64) {
        p.err = "malformed parameter list";
        goto done;
      }
      params[np++] = s;
      p.i++;
    } while (accept(&p, ","));
    if (!accept(&p, ")")) {
      p.err = "malformed parameter list";
      goto done;
    }
  }
  f->params = imp_alloc(tr->m->arena, (np + 1) * sizeof *f->params);
  memcpy(f->params, params, np * sizeof *params);
  f->nparams = np;
  if (p.i >= p.n) {
    p.err = "empty macro";
    goto done;
  }
  for (size_t i = p.i; i < p.n; i++) {
    const char *s = p.t[i];
    if (!strcmp(s, "#") || !strcmp(s, "##")) {
      p.err = "stringizes or pastes its parameters";
      goto done;
    }
    if (!strcmp(s, "{") && i > 0 && !strcmp(p.t[i - 1], "(")) {
      p.err = "uses a GNU statement expression";
      goto done;
    }
    if (!strcmp(s, "do") || !strcmp(s, ";") || !strcmp(s, "{")) {
      p.err = "statement body";
      goto done;
    }
    if (!strcmp(s, "__VA_ARGS__")) {
      p.err = "variadic macro";
      goto done;
    }
  }
  ImpFnNode *e = expr(&p);
  if (e && p.i < p.n && !p.err) p.err = imp_sprintf(tr->m->arena, "unexpected '%s'", peek(&p));
  if (e && !p.err) f->expr = e;
done:
  if (p.err || !f->expr) {
    f->state = 3;
    d->skip = p.err ? p.err : "function-like macro";
  } else {
    f->state = 2;
    d->skip = NULL;
  }
}

void imp_fnmacro_translate_all(ImpModel *m, bool (*wanted)(const ImpDecl *d, void *ud), void *ud) {
  Tr tr;
  init_tr(&tr, m);
  for (size_t i = 0; i < m->ndecls; i++) {
    ImpDecl *d = m->decls[i];
    if (d->kind == ID_MACRO && d->fnmacro && (!wanted || wanted(d, ud))) translate(&tr, d);
  }
  free_tr(&tr);
}

/* -- Lua -- */

const char imp_fnmacro_prelude[] =
    "-- C's semantics for the macros translated to functions\n"
    "local function __ctruth(v) -- C's truth: nonzero, non-NULL\n"
    "  if type(v) == \"number\" then return v ~= 0 end\n"
    "  if type(v) == \"boolean\" then return v end\n"
    "  return not ffi.isnull(v)\n"
    "end\n"
    "local function __cdiv(a, b) -- C's /: integers truncate toward zero\n"
    "  if math.type(a) == \"integer\" and math.type(b) == \"integer\" then\n"
    "    local q = a // b\n"
    "    if q < 0 and q * b ~= a then q = q + 1 end\n"
    "    return q\n"
    "  end\n"
    "  return a / b\n"
    "end\n"
    "local function __cint(v, bits, signed) -- conversion to a C integer type\n"
    "  if math.type(v) ~= \"integer\" then\n"
    "    if type(v) ~= \"number\" then v = tonumber(v) or error(\"not a number: \" .. tostring(v), 2) end\n"
    "    v = math.tointeger(v >= 0 and math.floor(v) or math.ceil(v)) or error(\"out of an integer type's "
    "range\", 2)\n"
    "  end\n"
    "  if bits < 64 then\n"
    "    v = v & ((1 << bits) - 1)\n"
    "    if signed and v >= 1 << (bits - 1) then v = v - (1 << bits) end\n"
    "  end\n"
    "  return v\n"
    "end\n"
    "local function __cflt(v) return (string.unpack(\"f\", string.pack(\"f\", v))) end\n"
    "local function __csar(a, n) return a // (1 << n) end -- >> of a signed value\n";

static void lua(ImpBuf *b, const ImpFnNode *n);

static void lua_num(ImpBuf *b, const ImpFnNode *n) { /* a boolean used as a number */
  if (n->ty.k == TY_BOOL) {
    imp_buf_puts(b, "(");
    lua(b, n);
    imp_buf_puts(b, " and 1 or 0)");
  } else {
    lua(b, n);
  }
}

/* pre, the number a, post; and pre, a, mid, c, post */
static void num_in(ImpBuf *b, const char *pre, const ImpFnNode *a, const char *post) {
  imp_buf_puts(b, pre);
  lua_num(b, a);
  imp_buf_puts(b, post);
}

static void num2_in(ImpBuf *b, const char *pre, const ImpFnNode *a, const char *mid, const ImpFnNode *c,
                    const char *post) {
  num_in(b, pre, a, mid);
  lua_num(b, c);
  imp_buf_puts(b, post);
}

static void lua_truth(ImpBuf *b, const ImpFnNode *n) {
  if (n->ty.k == TY_BOOL) {
    lua(b, n);
  } else if (n->ty.k == TY_INT || n->ty.k == TY_FLOAT) {
    imp_buf_puts(b, "(");
    lua(b, n);
    imp_buf_puts(b, " ~= 0)");
  } else {
    imp_buf_puts(b, "__ctruth(");
    lua(b, n);
    imp_buf_puts(b, ")");
  }
}

static void lua_key(ImpBuf *b, const char *name) {
  bool plain = !lua_keyword(name) || !strcmp(name, "M") || !strcmp(name, "ffi") || !strcmp(name, "lib") ||
               !strcmp(name, "renamed") || !strcmp(name, "_ENV") || !strncmp(name, "__c", 3);
  static const char *const kw[] = {"and",      "break",  "do",   "else", "elseif", "end",  "false", "for",
                                   "function", "goto",   "if",   "in",   "local",  "nil",  "not",   "or",
                                   "repeat",   "return", "then", "true", "until",  "while"};
  for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
    if (!strcmp(name, kw[i])) plain = false;
  if (plain) {
    imp_buf_printf(b, "M.%s", name);
  } else {
    imp_buf_puts(b, "M[");
    imp_lua_string(b, name, strlen(name));
    imp_buf_puts(b, "]");
  }
}

static void lua_param(ImpBuf *b, const char *name) {
  if (lua_keyword(name)) imp_buf_puts(b, "p_");
  imp_buf_puts(b, name);
}

static void lua_int(ImpBuf *b, unsigned long long v, Ty ty) {
  if (ty.uns || (long long)v >= 0) {
    if (v > (unsigned long long)LLONG_MAX)
      imp_buf_printf(b, "0x%llx", v);
    else
      imp_buf_printf(b, "%llu", v);
  } else if ((long long)v == LLONG_MIN) {
    imp_buf_puts(b, "math.mininteger");
  } else {
    imp_buf_printf(b, "(%lld)", (long long)v);
  }
}

/* Wraps an integer result to its type's width when the width is narrower than Lua's. */
static bool wrap_open(ImpBuf *b, Ty ty) {
  if (ty.k == TY_INT && ty.bits < 64) {
    imp_buf_puts(b, "__cint(");
    return true;
  }
  if (ty.k == TY_FLOAT && ty.bits == 32) {
    imp_buf_puts(b, "__cflt(");
    return true;
  }
  return false;
}

static void wrap_close(ImpBuf *b, Ty ty, bool open) {
  if (!open) return;
  if (ty.k == TY_INT)
    imp_buf_printf(b, ", %d, %s)", ty.bits, ty.uns ? "false" : "true");
  else
    imp_buf_puts(b, ")");
}

/* An operand converted to the common type of an operation (unsigned wraps). */
static void lua_operand(ImpBuf *b, const ImpFnNode *n, Ty to) {
  Ty from = promote(n->ty);
  if (to.k == TY_INT && from.k == TY_INT && to.uns && !from.uns && to.bits < 64) {
    bool o = wrap_open(b, to);
    lua_num(b, n);
    wrap_close(b, to, o);
    return;
  }
  lua_num(b, n);
}

static void lua_binary(ImpBuf *b, const ImpFnNode *n) {
  const char *op = n->text;
  Ty ct = common(n->a->ty, n->b->ty);
  if (!strcmp(op, "&&") || !strcmp(op, "||")) {
    imp_buf_puts(b, "(");
    lua_truth(b, n->a);
    imp_buf_puts(b, op[0] == '&' ? " and " : " or ");
    lua_truth(b, n->b);
    imp_buf_puts(b, ")");
    return;
  }
  if (n->ty.k == TY_BOOL) { /* comparisons */
    bool ult = ct.k == TY_INT && ct.uns && ct.bits == 64 && strcmp(op, "==") && strcmp(op, "!=");
    if (ult) {
      bool gt = op[0] == '>';
      bool eq = op[1] == '=';
      /* a < b: ult(a, b); a > b: ult(b, a); a <= b: not ult(b, a); a >= b: not ult(a, b) */
      const ImpFnNode *x = gt != eq ? n->b : n->a, *y = gt != eq ? n->a : n->b;
      imp_buf_puts(b, eq ? "(not math.ult(" : "(math.ult(");
      lua_operand(b, x, ct);
      imp_buf_puts(b, ", ");
      lua_operand(b, y, ct);
      imp_buf_puts(b, "))");
      return;
    }
    imp_buf_puts(b, "(");
    lua_operand(b, n->a, ct);
    imp_buf_printf(b, " %s ", !strcmp(op, "!=") ? "~=" : op);
    lua_operand(b, n->b, ct);
    imp_buf_puts(b, ")");
    return;
  }
  bool o;
  if (!strcmp(op, "/")) {
    o = wrap_open(b, n->ty);
    if (ct.k == TY_FLOAT) {
      imp_buf_puts(b, "(");
      lua_operand(b, n->a, ct);
      imp_buf_puts(b, " / ");
      lua_operand(b, n->b, ct);
      imp_buf_puts(b, ")");
    } else {
      imp_buf_puts(b, "__cdiv(");
      lua_operand(b, n->a, ct);
      imp_buf_puts(b, ", ");
      lua_operand(b, n->b, ct);
      imp_buf_puts(b, ")");
    }
    wrap_close(b, n->ty, o);
    return;
  }
  if (!strcmp(op, "%")) {
    imp_buf_puts(b, "math.fmod(");
    lua_operand(b, n->a, ct);
    imp_buf_puts(b, ", ");
    lua_operand(b, n->b, ct);
    imp_buf_puts(b, ")");
    return;
  }
  if (!strcmp(op, ">>")) {
    Ty lt = promote(n->a->ty);
    if (lt.k == TY_INT && lt.uns) {
      num2_in(b, "(", n->a, " >> ", n->b, ")");
    } else {
      num2_in(b, "__csar(", n->a, ", ", n->b, ")");
    }
    return;
  }
  const char *lop = !strcmp(op, "^") ? "~" : op;
  bool shift = !strcmp(op, "<<");
  o = wrap_open(b, n->ty);
  imp_buf_puts(b, "(");
  if (shift)
    lua_num(b, n->a);
  else
    lua_operand(b, n->a, ct);
  imp_buf_printf(b, " %s ", lop);
  if (shift)
    lua_num(b, n->b);
  else
    lua_operand(b, n->b, ct);
  imp_buf_puts(b, ")");
  wrap_close(b, n->ty, o);
}

static void lua(ImpBuf *b, const ImpFnNode *n) {
  switch (n->op) {
  case N_PARAM: lua_param(b, n->text); break;
  case N_INT: lua_int(b, n->ival, n->ty); break;
  case N_FLOAT: imp_lua_number(b, n->fval); break;
  case N_STR: imp_lua_string(b, n->text, n->slen); break;
  case N_CONST: lua_key(b, n->text); break;
  case N_CALL:
    if (n->a) {
      lua(b, n->a);
    } else {
      lua_key(b, n->text);
    }
    imp_buf_puts(b, "(");
    for (size_t i = 0; i < n->nargs; i++) {
      if (i) imp_buf_puts(b, ", ");
      lua_num(b, n->args[i]);
    }
    imp_buf_puts(b, ")");
    break;
  case N_CAST:
    if (n->to.k == TY_PTR) {
      imp_buf_puts(b, "ffi.cast(");
      imp_lua_string(b, n->text, strlen(n->text));
      num_in(b, ", ", n->a, ")");
    } else if (n->to.k == TY_BOOL) {
      imp_buf_puts(b, "(");
      lua_truth(b, n->a);
      imp_buf_puts(b, " and 1 or 0)");
    } else if (n->to.k == TY_FLOAT) {
      if (n->to.bits == 32) {
        num_in(b, "__cflt(", n->a, ")");
      } else {
        num_in(b, "(", n->a, " + 0.0)");
      }
    } else {
      imp_buf_puts(b, "__cint(");
      lua_num(b, n->a);
      imp_buf_printf(b, ", %d, %s)", n->to.bits, n->to.uns ? "false" : "true");
    }
    break;
  case N_SIZEOF:
    imp_buf_puts(b, "ffi.sizeof(");
    imp_lua_string(b, n->text, strlen(n->text));
    imp_buf_puts(b, ")");
    break;
  case N_MEMBER:
    lua(b, n->a);
    imp_buf_printf(b, ".%s", n->text);
    break;
  case N_INDEX:
    lua(b, n->a);
    num_in(b, "[", n->b, "]");
    break;
  case N_DEREF:
    lua(b, n->a);
    imp_buf_puts(b, "[0]");
    break;
  case N_UNARY:
    if (n->text[0] == '!') {
      imp_buf_puts(b, "(not ");
      lua_truth(b, n->a);
      imp_buf_puts(b, ")");
    } else if (n->text[0] == '+') {
      lua_num(b, n->a);
    } else {
      bool o = wrap_open(b, n->ty);
      imp_buf_printf(b, "(%s", n->text);
      lua_num(b, n->a);
      imp_buf_puts(b, ")");
      wrap_close(b, n->ty, o);
    }
    break;
  case N_BINARY: lua_binary(b, n); break;
  case N_COND: {
    /* (a and b or c) when b is a number or string (never false or nil),
       else through a function */
    bool simple = n->b->ty.k == TY_INT || n->b->ty.k == TY_FLOAT || n->b->ty.k == TY_STR;
    bool nums = n->ty.k != TY_BOOL;
    imp_buf_puts(b, simple ? "(" : "(function() if ");
    lua_truth(b, n->a);
    imp_buf_puts(b, simple ? " and " : " then return ");
    (simple || nums ? lua_num : lua)(b, n->b);
    imp_buf_puts(b, simple ? " or " : " end return ");
    (nums ? lua_num : lua)(b, n->c);
    imp_buf_puts(b, simple ? ")" : " end)()");
    break;
  }
  default: imp_buf_puts(b, "nil"); break;
  }
}

void imp_fnmacro_lua(ImpModel *m, const ImpDecl *d, ImpBuf *b) {
  (void)m;
  const ImpFnMacro *f = d->fnmacro;
  imp_buf_puts(b, "function(");
  for (size_t i = 0; i < f->nparams; i++) {
    if (i) imp_buf_puts(b, ", ");
    lua_param(b, f->params[i]);
  }
  imp_buf_puts(b, ") return ");
  lua(b, f->expr);
  imp_buf_puts(b, " end");
}

/* -- JSON -- */

static void json_ty(ImpBuf *b, Ty t) {
  static const char *const k[] = {"unknown", "int", "float", "bool", "string", "pointer", "object"};
  imp_buf_printf(b, "{\"kind\": \"%s\"", k[t.k]);
  if (t.k == TY_INT || t.k == TY_FLOAT) imp_buf_printf(b, ", \"bits\": %d", t.bits);
  if (t.k == TY_INT) imp_buf_printf(b, ", \"unsigned\": %s", t.uns ? "true" : "false");
  imp_buf_puts(b, "}");
}

static void json_node(ImpBuf *b, const ImpFnNode *n) {
  imp_buf_printf(b, "{\"op\": \"%s\"", node_names[n->op]);
  switch (n->op) {
  case N_INT:
    if (n->ty.uns)
      imp_buf_printf(b, ", \"value\": %llu", n->ival);
    else
      imp_buf_printf(b, ", \"value\": %lld", (long long)n->ival);
    break;
  case N_FLOAT: imp_buf_printf(b, ", \"value\": %.17g", n->fval); break;
  case N_STR:
    imp_buf_puts(b, ", \"value\": ");
    imp_json_string(b, n->text, n->slen);
    break;
  case N_CAST:
  case N_SIZEOF:
    imp_buf_puts(b, ", \"ctype\": ");
    imp_json_string(b, n->text, strlen(n->text));
    break;
  default:
    if (n->text) {
      imp_buf_printf(b, ", \"%s\": ", n->op == N_UNARY || n->op == N_BINARY ? "operator" : "name");
      imp_json_string(b, n->text, strlen(n->text));
    }
    break;
  }
  imp_buf_puts(b, ", \"type\": ");
  json_ty(b, n->ty);
  const ImpFnNode *kids[3] = {n->a, n->b, n->c};
  static const char *const names[3] = {"a", "b", "c"};
  for (int i = 0; i < 3; i++)
    if (kids[i]) {
      imp_buf_printf(b, ", \"%s\": ", names[i]);
      json_node(b, kids[i]);
    }
  if (n->op == N_CALL) {
    imp_buf_puts(b, ", \"args\": [");
    for (size_t i = 0; i < n->nargs; i++) {
      if (i) imp_buf_puts(b, ", ");
      json_node(b, n->args[i]);
    }
    imp_buf_puts(b, "]");
  }
  imp_buf_puts(b, "}");
}

void imp_fnmacro_json(const ImpDecl *d, ImpBuf *b) {
  const ImpFnMacro *f = d->fnmacro;
  imp_buf_puts(b, "\"params\": [");
  for (size_t i = 0; i < f->nparams; i++) {
    if (i) imp_buf_puts(b, ", ");
    imp_json_string(b, f->params[i], strlen(f->params[i]));
  }
  imp_buf_puts(b, "], \"expr\": ");
  json_node(b, f->expr);
}
