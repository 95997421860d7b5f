/*
** cparse.c -- recursive-descent parser for C declarations (the lexer is clex.c).
**
** Errors longjmp to the entry point with a "chunk:line:col: msg near 'tok'"
** message; every allocation goes through the CTState, so the caller's
** rollback undoes a failed parse completely.
*/
#include "cparse_int.h"

#include <ctype.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* -- Names -- */

static CTName *find_name(CParser *P, CTNamespace ns, const char *name, size_t len) {
  for (int i = P->nscoped - 1; i >= 0; i--) /* ffi.struct: local tags first */
    if (P->scoped[i].ns == ns && strncmp(P->scoped[i].name, name, len) == 0 && P->scoped[i].name[len] == 0) {
      CTName *tmp = &P->scoped_name; /* per parser: no shared state between Lua states */
      memset(tmp, 0, sizeof *tmp);
      tmp->kind = CN_TYPE;
      tmp->type = P->scoped[i].type;
      tmp->ns = (uint8_t)ns; /* NS_ORD or NS_TAG */
      tmp->name = P->scoped[i].name;
      return tmp;
    }
  return ctype_lookup(P->cts, ns, name, len);
}

static void add_decl(CParser *P, CDeclKind kind, const char *name, CType *type, int line, int col) {
  if (P->ndecls == P->cdecls) {
    size_t nc = P->cdecls ? P->cdecls * 2 : 16;
    CDecl *d = realloc(P->decls, nc * sizeof(CDecl));
    if (!d) cp_oom(P);
    P->decls = d;
    P->cdecls = nc;
  }
  CDecl *d = &P->decls[P->ndecls++];
  memset(d, 0, sizeof *d);
  d->kind = (uint8_t)kind;
  d->name = name;
  d->sym = name;
  d->type = type;
  d->line = line;
  d->col = col;
}

/* Defines a typedef name or a tag; an identical redefinition is accepted. */
static void define_type_name(CParser *P, CTNamespace ns, const char *name, CType *t) {
  if (P->opts & CP_SCOPED) {
    if (P->nscoped >= MAX_SCOPED) cp_error(P, "too many types in one struct text");
    P->scoped[P->nscoped].name = name;
    P->scoped[P->nscoped].type = t;
    P->scoped[P->nscoped].ns = (uint8_t)ns;
    P->nscoped++;
    return;
  }
  CTName *n = ctype_lookup(P->cts, ns, name, strlen(name));
  if (n) {
    if (n->kind == CN_TYPE && (n->type == t || ctype_equal(n->type, t))) return;
    char b1[128], b2[128];
    cp_error(P, "conflicting redeclaration of '%s' as '%s' (previously '%s')", name,
             ctype_repr(t, b1, sizeof b1), n->type ? ctype_repr(n->type, b2, sizeof b2) : "a constant");
  }
  n = ctype_define(P->cts, ns, name, strlen(name));
  if (!n) cp_oom(P);
  n->kind = CN_TYPE;
  n->type = t;
}

/* -- Constant expressions -- */

static CType *parse_typename(CParser *P);
static bool starts_type(CParser *P);

static int64_t expr(CParser *P);

/* v converted to integer type t as C converts (truncated to its width, then sign-
   or zero-extended; _Bool: v != 0). Other types: v unchanged. */
static int64_t int_convert(const CType *t, int64_t v) {
  if (t->kind == CT_BOOL) return v != 0;
  if ((t->kind != CT_INT && t->kind != CT_ENUM) || t->size == 0 || t->size >= 8) return v;
  int sh = (int)(64 - t->size * 8);
  return (t->flags & CTF_UNSIGNED) ? (int64_t)(((uint64_t)v << sh) >> sh)
                                   : (int64_t)((uint64_t)v << sh) >> sh;
}

static int64_t primary(CParser *P) {
  if (is(P, TK_NUMBER)) {
    int64_t v = P->ls.num;
    if (v == INT64_MIN) cp_error(P, "integer constant expected");
    cp_next(P);
    return v;
  }
  if (accept(P, '(')) {
    if (starts_type(P)) { /* cast: (type)expr */
      CType *t = parse_typename(P);
      cp_expect(P, ')');
      return int_convert(t, primary(P));
    }
    int64_t v = expr(P);
    cp_expect(P, ')');
    return v;
  }
  if (is_kw(P, KW_SIZEOF) || is_kw(P, KW_ALIGNOF)) {
    bool sz = is_kw(P, KW_SIZEOF);
    cp_next(P);
    cp_expect(P, '(');
    CType *t = parse_typename(P);
    cp_expect(P, ')');
    if (t->flags & (CTF_INCOMPLETE | CTF_VLA))
      cp_error(P, "invalid application of %s to an incomplete type", sz ? "sizeof" : "_Alignof");
    if (t->kind == CT_VOID || t->kind == CT_FUNC)
      cp_error(P, "invalid application of %s to a %s type", sz ? "sizeof" : "_Alignof",
               t->kind == CT_VOID ? "void" : "function");
    return (int64_t)(sz ? t->size : t->align);
  }
  if (is(P, TK_IDENT)) {
    CTName *n = find_name(P, NS_ORD, P->src + P->ls.tstart, P->ls.tlen);
    if (!n || n->kind != CN_CONST) cp_error(P, "constant expression expected");
    cp_next(P);
    return n->value;
  }
  cp_error(P, "constant expression expected");
  return 0;
}

static void depth_enter(CParser *P) {
  if (++P->nesting > 200) cp_error(P, "expression or declaration nested too deeply");
}

static int64_t unary(CParser *P) {
  depth_enter(P);
  int64_t v;
  if (accept(P, '-')) {
    v = unary(P);
    if (v == INT64_MIN) cp_error(P, "integer overflow in constant expression");
    v = -v;
  } else if (accept(P, '+')) {
    v = unary(P);
  } else if (accept(P, '~')) {
    v = ~unary(P);
  } else if (accept(P, '!')) {
    v = !unary(P);
  } else {
    v = primary(P);
  }
  P->nesting--;
  return v;
}

static int prec(int tok) {
  switch (tok) {
  case '*':
  case '/':
  case '%': return 10;
  case '+':
  case '-': return 9;
  case TK_SHL:
  case TK_SHR: return 8;
  case '<':
  case '>':
  case TK_LE:
  case TK_GE: return 7;
  case TK_EQ:
  case TK_NE: return 6;
  case '&': return 5;
  case '^': return 4;
  case '|': return 3;
  case TK_AND: return 2;
  case TK_OR: return 1;
  default: return 0;
  }
}

static int64_t binary(CParser *P, int minprec) {
  int64_t a = unary(P);
  for (int p; (p = prec(P->ls.tok)) > minprec;) {
    int op = P->ls.tok;
    cp_next(P);
    int64_t b = binary(P, p);
    uint64_t ua = (uint64_t)a;
    switch (op) {
    case '*':
      if (__builtin_mul_overflow(a, b, &a)) cp_error(P, "integer overflow in constant expression");
      break;
    case '/':
    case '%':
      if (b == 0) cp_error(P, "division by zero in constant expression");
      if (a == INT64_MIN && b == -1) cp_error(P, "integer overflow in constant expression");
      a = op == '/' ? a / b : a % b;
      break;
    case '+':
      if (__builtin_add_overflow(a, b, &a)) cp_error(P, "integer overflow in constant expression");
      break;
    case '-':
      if (__builtin_sub_overflow(a, b, &a)) cp_error(P, "integer overflow in constant expression");
      break;
    case TK_SHL:
    case TK_SHR:
      if (b < 0 || b > 63) cp_error(P, "shift count %lld out of range", (long long)b);
      if (op == TK_SHL) {
        if (a < 0 || (b && (ua >> (63 - b)) != 0)) cp_error(P, "integer overflow in constant expression");
        a = (int64_t)(ua << b);
      } else {
        a >>= b;
      }
      break;
    case '<': a = a < b; break;
    case '>': a = a > b; break;
    case TK_LE: a = a <= b; break;
    case TK_GE: a = a >= b; break;
    case TK_EQ: a = a == b; break;
    case TK_NE: a = a != b; break;
    case '&': a = a & b; break;
    case '^': a = a ^ b; break;
    case '|': a = a | b; break;
    case TK_AND: a = a && b; break;
    case TK_OR: a = a || b; break;
    }
  }
  return a;
}

static int64_t expr(CParser *P) {
  int64_t c = binary(P, 0);
  if (accept(P, '?')) {
    depth_enter(P); /* nested conditionals recurse here, not through unary() */
    int64_t a = expr(P);
    cp_expect(P, ':');
    int64_t b = expr(P);
    P->nesting--;
    return c ? a : b;
  }
  return c;
}

/* -- Attributes -- */

typedef struct Attrs {
  size_t aligned; /* aligned(N) / _Alignas */
  bool packed;
  const char *asm_name;
  uint8_t mode; /* __attribute__((mode(QI/HI/SI/DI/word))): integer size in bytes */
} Attrs;

/* Skips from an opening '(' or '{' to its partner: a parenthesized group
   (an attribute's arguments: it may not run into a ';' or a brace) or a
   function body. */
static void skip_group(CParser *P, int open, int close) {
  int depth = 0;
  do {
    if (is(P, TK_EOF) || (open == '(' && (is(P, ';') || is(P, '{') || is(P, '}'))))
      cp_error(P, close == ')' ? "expected ')'" : "expected '}'");
    if (is(P, open))
      depth++;
    else if (is(P, close))
      depth--;
    cp_next(P);
  } while (depth > 0);
}

static void skip_balanced(CParser *P) { skip_group(P, '(', ')'); }

static bool attr_word(CParser *P, const char *w) {
  char buf[64];
  snprintf(buf, sizeof buf, "__%s__", w);
  return is_word(P, w) || is_word(P, buf);
}

static void parse_attribute_list(CParser *P, Attrs *a) {
  cp_expect(P, '(');
  cp_expect(P, '(');
  while (!is(P, ')')) {
    if (attr_word(P, "packed")) {
      a->packed = true;
      cp_next(P);
    } else if (attr_word(P, "aligned")) {
      cp_next(P);
      size_t al = ctarget.max_align;
      if (accept(P, '(')) {
        int64_t v = expr(P);
        if (v <= 0 || (v & (v - 1))) cp_error(P, "requested alignment is not a positive power of 2");
        if (v > ((int64_t)1 << 28)) cp_error(P, "requested alignment is too large");
        al = (size_t)v;
        cp_expect(P, ')');
      }
      if (al > a->aligned) a->aligned = al;
    } else if (attr_word(P, "mode")) {
      cp_next(P);
      cp_expect(P, '(');
      static const struct {
        const char *m;
        uint8_t size;
      } modes[] = {{"QI", 1}, {"HI", 2}, {"SI", 4}, {"DI", 8}, {"byte", 1}, {"word", 0}, {"pointer", 0}};
      bool found = false;
      for (size_t i = 0; i < sizeof modes / sizeof modes[0] && !found; i++)
        if (attr_word(P, modes[i].m)) {
          a->mode = modes[i].size ? modes[i].size : ctarget.ptr_size;
          found = true;
        }
      if (!found) cp_error(P, "unsupported mode attribute");
      cp_next(P);
      cp_expect(P, ')');
    } else if (attr_word(P, "vector_size") || attr_word(P, "ext_vector_type")) {
      cp_error(P, "vector types are not supported");
    } else if (is(P, TK_IDENT)) {
      cp_next(P); /* unknown attribute: skipped with its arguments */
      if (is(P, '(')) skip_balanced(P);
    } else if (!accept(P, ',')) {
      cp_error(P, "malformed attribute");
    }
  }
  cp_expect(P, ')');
  cp_expect(P, ')');
}

/* Calling conventions: meaningful only on 32-bit Windows (LuaJIT accepts them
   everywhere), so they are read and ignored. */
static bool is_callconv(CParser *P) { return is_kw(P, KW_CALLCONV); }

/* Attributes, asm labels and qualifiers that may appear between declaration parts. */
static bool parse_extras(CParser *P, Attrs *a) {
  if (is_callconv(P)) {
    cp_next(P);
    return true;
  }
  if (is_kw(P, KW_ATTRIBUTE)) {
    cp_next(P);
    parse_attribute_list(P, a);
    return true;
  }
  if (is_kw(P, KW_ASM)) {
    cp_next(P);
    cp_expect(P, '(');
    if (!is(P, TK_STRING)) cp_error(P, "expected string");
    size_t len = 0;
    char buf[256];
    while (is(P, TK_STRING)) { /* adjacent strings concatenate */
      size_t n = P->ls.tlen - 2;
      if (len + n >= sizeof buf) cp_error(P, "asm label too long");
      memcpy(buf + len, P->src + P->ls.tstart + 1, n);
      len += n;
      cp_next(P);
    }
    cp_expect(P, ')');
    a->asm_name = ctype_strdup(P->cts, buf, len);
    if (!a->asm_name) cp_oom(P);
    return true;
  }
  if (is_kw(P, KW_DECLSPEC)) {
    cp_next(P);
    skip_balanced(P);
    return true;
  }
  return false;
}

/* An integer type resized by a mode attribute (sys/types.h's register_t). */
static CType *apply_mode(CParser *P, CType *t, uint8_t mode) {
  if (!mode) return t;
  if (t->kind != CT_INT) cp_error(P, "mode attribute on a non-integer type");
  bool u = t->flags & CTF_UNSIGNED;
  switch (mode) {
  case 1: return ctype_builtin(P->cts, u ? CTB_U8 : CTB_I8);
  case 2: return ctype_builtin(P->cts, u ? CTB_U16 : CTB_I16);
  case 4: return ctype_builtin(P->cts, u ? CTB_U32 : CTB_I32);
  default: FFI_ASSERT(mode == 8); return ctype_builtin(P->cts, u ? CTB_U64 : CTB_I64);
  }
}

/* -- Declaration specifiers -- */

enum { SC_NONE, SC_TYPEDEF, SC_EXTERN, SC_STATIC };

typedef struct DeclSpec {
  CType *type;
  bool is_const;
  int storage;
  Attrs attrs;
  bool is_record_def; /* the specifier defined a struct/union/enum body */
  bool is_inline;
  bool anonymous_record;
  int line, col;
} DeclSpec;

static CType *parse_record(CParser *P, bool is_union, DeclSpec *ds);
static CType *parse_enum(CParser *P, DeclSpec *ds);

/* Qualifiers that do not change the type, const among them (KWC_QUAL). */
static bool is_qualifier(CParser *P) { return P->ls.tok == TK_IDENT && (P->ls.kwc & KWC_QUAL); }

/* The type an identifier names: a typedef, or else (pluto's convenience) a
   struct/union/enum tag used without its keyword. Functions and variables may
   share a tag's name (struct stat / stat()), as in C. */
static CType *type_name(CParser *P) {
  const char *s = P->src + P->ls.tstart;
  CTName *n = find_name(P, NS_ORD, s, P->ls.tlen);
  if (n && n->kind == CN_TYPE) return n->type;
  if (n && n->kind == CN_CONST) return NULL;
  n = find_name(P, NS_TAG, s, P->ls.tlen);
  return n ? n->type : NULL;
}

static bool starts_type(CParser *P) {
  if (P->ls.tok != TK_IDENT) return false;
  if (P->ls.kwc & (KWC_TYPE | KWC_QUAL)) return true;
  return type_name(P) != NULL;
}

/* The builtin-type words of a specifier list, counted as they come. */
enum { B_NONE, B_VOID, B_CHAR, B_INT, B_FLOAT, B_DOUBLE, B_BOOL, B_OTHER };
typedef struct SpecWords {
  int base, nlong, nshort;
  bool sign, unsign, cplx;
} SpecWords;

static void spec_base(CParser *P, SpecWords *w, int base) {
  if (w->base != B_NONE) cp_error(P, "two or more data types in declaration specifiers");
  w->base = base;
}

/* Consumes a builtin-type word (int, unsigned, long, ...); false if it is none. */
static bool spec_builtin_word(CParser *P, SpecWords *w) {
  if (P->ls.tok != TK_IDENT) return false;
  switch (P->ls.kw) {
  case KW_VOID: spec_base(P, w, B_VOID); break;
  case KW_CHAR: spec_base(P, w, B_CHAR); break;
  case KW_INT: spec_base(P, w, B_INT); break;
  case KW_FLOAT:
  case KW_FLOAT32: spec_base(P, w, B_FLOAT); break; /* TS 18661-3: _Float32 is binary32 */
  case KW_DOUBLE:
  case KW_FLOAT64:
  case KW_FLOAT32X: spec_base(P, w, B_DOUBLE); break; /* binary64 (gcc on every target) */
  case KW_BOOL: spec_base(P, w, B_BOOL); break;
  case KW_SHORT: w->nshort++; break;
  case KW_LONG: w->nlong++; break;
  case KW_SIGNED: w->sign = true; break;
  case KW_UNSIGNED: w->unsign = true; break;
  case KW_COMPLEX: w->cplx = true; break;
  case KW_INT128: cp_error(P, "128-bit integers are not supported");
  case KW_FLOAT128: cp_error(P, "128-bit floating types are not supported");
  case KW_FLOAT64X: cp_error(P, "_Float64x (long double) is not supported");
  default: return false;
  }
  return true;
}

/* double _Complex / float _Complex: a struct { re; im; } made once per state. */
static CType *complex_type(CParser *P, bool is_float) {
  const char *key = is_float ? "float _Complex" : "double _Complex";
  CTName *n = ctype_lookup(P->cts, NS_TAG, key, strlen(key));
  if (n) return n->type;
  CType *t = ctype_new(P->cts, CT_STRUCT);
  CField *fs = cp_alloc(P, 2 * sizeof(CField));
  if (!t) cp_oom(P);
  CType *e = ctype_builtin(P->cts, is_float ? CTB_F32 : CTB_F64);
  fs[0].name = "re";
  fs[1].name = "im";
  fs[0].type = fs[1].type = e;
  t->name = key;
  t->n = 2;
  t->u.fields = fs;
  const char *err = ctype_layout(t, 0, 0, false, NULL);
  if (err) cp_error(P, "%s", err);
  define_type_name(P, NS_TAG, key, t);
  return t;
}

/* The builtin type the counted words name. */
static CType *spec_builtin_type(CParser *P, const SpecWords *w) {
  CTState *cts = P->cts;
  bool mods = w->nlong || w->nshort || w->sign || w->unsign;
  if (w->sign && w->unsign) cp_error(P, "both signed and unsigned");
  if (w->cplx) { /* complex, double complex, float complex, _Complex double */
    if (w->nlong) cp_error(P, "long double complex is not supported");
    if (mods || (w->base != B_NONE && w->base != B_DOUBLE && w->base != B_FLOAT))
      cp_error(P, "complex integer types are not supported");
    return complex_type(P, w->base == B_FLOAT);
  }
  switch (w->base) {
  case B_VOID:
  case B_BOOL:
  case B_FLOAT:
    if (mods) cp_error(P, "invalid type specifier combination");
    return ctype_builtin(cts, w->base == B_VOID ? CTB_VOID : w->base == B_BOOL ? CTB_BOOL : CTB_F32);
  case B_DOUBLE:
    if (w->nlong) cp_error(P, "long double is not supported");
    if (mods) cp_error(P, "invalid type specifier combination");
    return ctype_builtin(cts, CTB_F64);
  case B_CHAR:
    if (w->nlong || w->nshort) cp_error(P, "invalid type specifier combination");
    return ctype_builtin(cts, w->sign ? CTB_SCHAR : w->unsign ? CTB_UCHAR : CTB_CHAR);
  default: /* int, or only modifiers */
    FFI_ASSERT(w->base == B_INT || w->base == B_NONE);
    if (w->nshort && w->nlong) cp_error(P, "both long and short");
    if (w->nlong > 2) cp_error(P, "too long for a type");
    if (w->nshort) return ctype_builtin(cts, w->unsign ? CTB_U16 : CTB_I16);
    if (w->nlong == 2) return ctype_builtin(cts, w->unsign ? CTB_U64 : CTB_I64);
    if (w->nlong == 1) return ctype_builtin(cts, w->unsign ? CTB_ULONG : CTB_LONG);
    return ctype_builtin(cts, w->unsign ? CTB_U32 : CTB_I32);
  }
}

static void spec_alignas(CParser *P, DeclSpec *ds) {
  cp_next(P);
  cp_expect(P, '(');
  int64_t al = starts_type(P) ? (int64_t)parse_typename(P)->align : expr(P);
  if (al < 0 || (al & (al - 1))) cp_error(P, "requested alignment is not a power of 2");
  if (al > ((int64_t)1 << 28)) cp_error(P, "requested alignment is too large");
  cp_expect(P, ')');
  if ((size_t)al > ds->attrs.aligned) ds->attrs.aligned = (size_t)al;
}

/* Storage classes, qualifiers and function specifiers; false if the word is none. */
static bool spec_nontype_word(CParser *P, DeclSpec *ds, bool allow_storage) {
  if (is_kw(P, KW_CONST)) {
    ds->is_const = true;
  } else if (is_kw(P, KW_INLINE)) {
    ds->is_inline = true;
  } else if (is_qualifier(P) || is_kw(P, KW_NORETURN) || is_kw(P, KW_REGISTER) || is_kw(P, KW_AUTO)) {
    /* qualifiers and function specifiers that do not change the type */
  } else if (is_kw(P, KW_TYPEDEF) || is_kw(P, KW_EXTERN) || is_kw(P, KW_STATIC)) {
    if (!allow_storage) cp_error(P, "storage class not allowed here");
    if (ds->storage != SC_NONE) cp_error(P, "multiple storage classes in declaration specifiers");
    ds->storage = is_kw(P, KW_TYPEDEF) ? SC_TYPEDEF : is_kw(P, KW_EXTERN) ? SC_EXTERN : SC_STATIC;
  } else if (is_kw(P, KW_THREAD)) {
    cp_error(P, "thread-local variables are not supported");
  } else {
    return false;
  }
  return true;
}

static void parse_specifiers(CParser *P, DeclSpec *ds, bool allow_storage) {
  SpecWords w = {B_NONE, 0, 0, false, false, false};
  bool typed = false;
  memset(ds, 0, sizeof *ds);
  ds->line = P->ls.line;
  ds->col = P->ls.col;
  while (P->ls.tok == TK_IDENT) {
    if (spec_nontype_word(P, ds, allow_storage) || spec_builtin_word(P, &w)) {
      /* consumed below */
    } else if (is_kw(P, KW_ALIGNAS)) {
      spec_alignas(P, ds);
      continue;
    } else if (parse_extras(P, &ds->attrs)) {
      continue;
    } else if (is_kw(P, KW_STRUCT) || is_kw(P, KW_UNION) || is_kw(P, KW_ENUM)) {
      if (typed) cp_error(P, "two or more data types in declaration specifiers");
      ds->type = is_kw(P, KW_ENUM) ? parse_enum(P, ds) : parse_record(P, is_kw(P, KW_UNION), ds);
      w.base = B_OTHER;
      typed = true;
      continue;
    } else if (is_kw(P, KW_VA_LIST)) {
      if (typed) break;
      ds->type = ctype_builtin(P->cts, CTB_VA_LIST); /* a parameter becomes a handle: parse_params */
      w.base = B_OTHER;
    } else {
      if (typed || w.nlong || w.nshort || w.sign || w.unsign || w.cplx) break; /* the declarator's name */
      CType *nt = type_name(P);
      if (!nt || w.base != B_NONE) break;
      ds->type = nt;
      w.base = B_OTHER;
    }
    if (w.base != B_NONE || w.nlong || w.nshort || w.sign || w.unsign || w.cplx) typed = true;
    cp_next(P);
  }
  if (!typed) cp_error(P, "type expected");
  if (w.base == B_OTHER) {
    if (w.nlong || w.nshort || w.sign || w.unsign || w.cplx)
      cp_error(P, "invalid type specifier combination");
    return;
  }
  ds->type = spec_builtin_type(P, &w);
}

/* -- Declarators -- */

typedef struct Declarator {
  const char *name;
  int line, col;
  CType *type;
  bool is_const; /* the declared object itself is const (for static const) */
  Attrs attrs;
} Declarator;

#define MAX_SUFFIX 16

static void parse_declarator(CParser *P, CType *base, bool base_const, Declarator *d, bool abstract);

static void ptr_qualifiers(CParser *P, bool *is_const, Attrs *a) {
  for (;;) {
    if (is_kw(P, KW_CONST)) {
      *is_const = true;
      cp_next(P);
    } else if (is_qualifier(P)) {
      cp_next(P);
    } else if (!parse_extras(P, a)) {
      return;
    }
  }
}

/* Parameter list after '(' up to and including ')'. Returns a FUNC type. */
static CType *parse_params(CParser *P, CType *ret) {
  size_t start = P->nparams;
  bool vararg = false;
  const char *names[64];
  int nnames = 0;
  if (ret->kind == CT_ARRAY) cp_error(P, "function cannot return an array");
  if (ret->kind == CT_FUNC) cp_error(P, "function cannot return a function");
  if (is_kw(P, KW_VOID)) { /* (void) */
    LexState save = P->ls;
    cp_next(P);
    if (accept(P, ')')) goto done;
    P->ls = save;
  }
  if (!accept(P, ')')) {
    for (;;) {
      if (accept(P, TK_ELLIPSIS)) {
        vararg = true;
        cp_expect(P, ')');
        break;
      }
      DeclSpec ds;
      Declarator d;
      parse_specifiers(P, &ds, false);
      P->in_params++;
      parse_declarator(P, ds.type, ds.is_const, &d, true);
      P->in_params--;
      CType *t = d.type;
      if (t->kind == CT_VOID) cp_error(P, "'void' must be the only parameter");
      if (d.name) {
        for (int k = 0; k < nnames; k++)
          if (strcmp(names[k], d.name) == 0) cp_error(P, "redefinition of parameter '%s'", d.name);
        if (nnames < (int)(sizeof names / sizeof names[0])) names[nnames++] = d.name;
      }
      if (t == ctype_builtin(P->cts, CTB_VA_LIST))
        t = ctype_builtin(P->cts, CTB_PTR); /* va_list: an opaque pointer-sized handle, as C passes it */
      else if (t->kind == CT_ARRAY)
        t = ctype_ptr(P->cts, t->base, ds.is_const); /* decay */
      else if (t->kind == CT_FUNC)
        t = ctype_ptr(P->cts, t, false);
      if (!t) cp_oom(P);
      if (P->nparams == P->cparams) {
        size_t nc = P->cparams ? P->cparams * 2 : 16;
        CType **np = realloc(P->params, nc * sizeof(CType *));
        if (!np) cp_oom(P);
        P->params = np;
        P->cparams = nc;
      }
      P->params[P->nparams++] = t;
      if (accept(P, ')')) break;
      cp_expect(P, ',');
    }
  }
done:;
  CType *f = ctype_new(P->cts, CT_FUNC);
  if (!f) cp_oom(P);
  f->base = ret;
  f->n = P->nparams - start;
  f->u.params = cp_alloc(P, (f->n ? f->n : 1) * sizeof(CType *));
  if (f->n) memcpy(f->u.params, P->params + start, f->n * sizeof(CType *));
  if (vararg) f->flags |= CTF_VARARG;
  P->nparams = start;
  return f;
}

static bool nested_declarator_follows(CParser *P) {
  /* after '(' : a nested declarator starts with '*', '(', '[' or a non-type name */
  LexState save = P->ls;
  cp_next(P);
  bool r = is(P, '*') || is(P, '(') || is(P, '^') ||
           (is(P, TK_IDENT) && !starts_type(P) && !is_kw(P, KW_ATTRIBUTE));
  if (is_kw(P, KW_ATTRIBUTE) || is_callconv(P)) r = true;
  P->ls = save;
  return r;
}

/* In a parameter's brackets: a size known only at run time (a[n] with n another
   parameter, a[*]), skipped up to the ']'. False, and nothing consumed, for a
   constant expression. */
static bool runtime_size(CParser *P) {
  LexState save = P->ls;
  bool runtime = false;
  for (int depth = 0; !is(P, TK_EOF) && !(depth == 0 && is(P, ']')); cp_next(P)) {
    if (is(P, '[') || is(P, '('))
      depth++;
    else if (is(P, ']') || is(P, ')'))
      depth--;
    else if (is(P, '*') && depth == 0 && save.tstart == P->ls.tstart)
      runtime = true; /* [*] */
    else if (is(P, TK_IDENT) && !starts_type(P) && !is_kw(P, KW_SIZEOF) && !is_kw(P, KW_ALIGNOF)) {
      CTName *n = find_name(P, NS_ORD, P->src + P->ls.tstart, P->ls.tlen);
      if (!n || n->kind != CN_CONST) runtime = true;
    }
  }
  if (!runtime) P->ls = save;
  return runtime;
}

/* Array and function suffixes: they bind tighter than the pointer prefix and
   apply right to left (int a[2][3] is two arrays of three). */
static CType *parse_suffixes(CParser *P, CType *base) {
  struct {
    bool func;
    size_t n;
    bool vla;
    LexState at;
  } suf[MAX_SUFFIX];
  int ns = 0;
  for (;;) {
    if (is(P, '[')) {
      if (ns == MAX_SUFFIX) cp_error(P, "too many array dimensions");
      cp_next(P);
      suf[ns].func = false;
      suf[ns].vla = false;
      suf[ns].n = 0;
      while (is_kw(P, KW_STATIC) || is_qualifier(P)) cp_next(P);
      if (accept(P, '?') || is(P, ']') || (P->in_params && runtime_size(P))) {
        suf[ns].vla = true; /* a parameter's a[n], a[*]: decays to a pointer (below: parse_params) */
      } else {
        int64_t v = expr(P);
        if (v < 0) cp_error(P, "size of array is negative");
        if ((uint64_t)v > CT_MAX_SIZE) cp_error(P, "size of array is too large (over 2147483647 bytes)");
        suf[ns].n = (size_t)v;
      }
      cp_expect(P, ']');
      ns++;
    } else if (is(P, '(')) {
      if (ns == MAX_SUFFIX) cp_error(P, "declarator too complex");
      suf[ns].func = true;
      suf[ns].at = P->ls;
      skip_balanced(P);
      ns++;
    } else {
      break;
    }
  }
  LexState after = P->ls;
  for (int i = ns - 1; i >= 0; i--) {
    if (suf[i].func) {
      P->ls = suf[i].at;
      cp_next(P); /* '(' */
      base = parse_params(P, base);
    } else {
      if (base->kind == CT_VOID) cp_error(P, "declaration of array of voids");
      if (base->kind == CT_FUNC) cp_error(P, "declaration of array of functions");
      if (base->flags & CTF_VLA) cp_error(P, "array has incomplete element type");
      if ((base->flags & CTF_INCOMPLETE) && ctype_isrecord(base))
        cp_error(P, "array has incomplete element type");
      if (base->size && suf[i].n > CT_MAX_SIZE / base->size)
        cp_error(P, "array is too large (over 2147483647 bytes)");
      base = ctype_array(P->cts, base, suf[i].n, suf[i].vla);
      if (!base) cp_oom(P);
    }
  }
  if (ns) P->ls = after;
  return base;
}

static void parse_declarator(CParser *P, CType *base, bool base_const, Declarator *d, bool abstract) {
  if (++P->depth > 64) cp_error(P, "declaration nested too deeply");
  memset(d, 0, sizeof *d);
  d->line = P->ls.line;
  d->col = P->ls.col;
  bool cur_const = base_const;
  while (is_callconv(P)) cp_next(P); /* int (__stdcall *f)(int) */
  while (accept(P, '*') || accept(P, '^')) {
    base = ctype_ptr(P->cts, base, cur_const);
    if (!base) cp_oom(P);
    cur_const = false;
    ptr_qualifiers(P, &cur_const, &d->attrs);
  }
  while (parse_extras(P, &d->attrs)) {}
  LexState inner;
  bool has_inner = false;
  if (is(P, '(') && nested_declarator_follows(P)) {
    cp_next(P);
    inner = P->ls;
    has_inner = true;
    int depth = 1; /* skip to the matching ')' */
    while (depth > 0) {
      if (is(P, TK_EOF) || is(P, ';') || is(P, '{') || is(P, '}')) cp_error(P, "expected ')'");
      if (is(P, '(')) depth++;
      if (is(P, ')')) depth--;
      if (depth > 0) cp_next(P);
    }
    cp_next(P);
  } else if (is(P, TK_IDENT) && !is_qualifier(P) && !(abstract && cp_is_keyword(P))) {
    d->line = P->ls.line;
    d->col = P->ls.col;
    d->name = cp_name_token(P);
  } else if (!abstract) {
    cp_error(P, "expected identifier");
  }
  base = parse_suffixes(P, base);
  LexState after = P->ls;
  while (parse_extras(P, &d->attrs)) {}
  if (has_inner) {
    P->ls = inner;
    Attrs keep = d->attrs;
    parse_declarator(P, base, cur_const, d, abstract);
    if (keep.asm_name && !d->attrs.asm_name) d->attrs.asm_name = keep.asm_name;
    if (keep.aligned > d->attrs.aligned) d->attrs.aligned = keep.aligned;
    d->attrs.packed |= keep.packed;
    cp_expect(P, ')');
    P->ls = after;
    while (parse_extras(P, &d->attrs)) {}
  } else {
    d->type = base;
    d->is_const = cur_const;
  }
  P->depth--;
}

static CType *parse_typename(CParser *P) {
  DeclSpec ds;
  Declarator d;
  parse_specifiers(P, &ds, false);
  parse_declarator(P, ds.type, ds.is_const, &d, true);
  if (d.name) cp_error(P, "unexpected identifier in type name");
  /* attributes count as in a typedef: "int __attribute__((mode(DI)))" is 8 bytes,
     "char __attribute__((aligned(8)))" aligned to 8 (an aligned copy) */
  CType *t = apply_mode(P, d.type, d.attrs.mode ? d.attrs.mode : ds.attrs.mode);
  size_t al = d.attrs.aligned > ds.attrs.aligned ? d.attrs.aligned : ds.attrs.aligned;
  if (al && al != t->align) {
    CType *c = ctype_copy(P->cts, t);
    if (!c) cp_oom(P);
    c->align = al;
    t = c;
  }
  return t;
}

/* -- Records -- */

static void check_duplicate(CParser *P, CType *rec, size_t start, const char *name, int line, int col) {
  for (size_t i = start; i < P->nfields; i++) {
    CField *f = &P->fields[i];
    if ((f->name && strcmp(f->name, name) == 0) ||
        (!f->name && ctype_isrecord(f->type) && ctype_field(f->type, name, NULL))) {
      P->ls.line = line;
      P->ls.col = col;
      cp_error(P, "duplicate member name '%s'", name);
    }
  }
  (void)rec;
}

/* Every name an anonymous member brings into the record, at any depth. */
static void check_anonymous(CParser *P, CType *rec, size_t start, const CType *anon, int line, int col) {
  for (size_t i = 0; i < anon->n; i++) {
    const CField *g = &anon->u.fields[i];
    if (g->name)
      check_duplicate(P, rec, start, g->name, line, col);
    else if (ctype_isrecord(g->type))
      check_anonymous(P, rec, start, g->type, line, col);
  }
}

static void push_field(CParser *P, CField f, size_t align) {
  if (P->nfields == P->cfields) {
    size_t nc = P->cfields ? P->cfields * 2 : 32;
    CField *nf = realloc(P->fields, nc * sizeof(CField));
    size_t *na = realloc(P->falign, nc * sizeof(size_t));
    if (nf) P->fields = nf;
    if (na) P->falign = na;
    if (!nf || !na) cp_oom(P);
    P->cfields = nc;
  }
  P->falign[P->nfields] = align;
  P->fields[P->nfields++] = f;
}

/* LuaJIT's extension: 'static const int N = 5;' inside a struct is a constant
   scoped to the type (T.N, obj.N), registered as "<type id>:<name>" so it
   never collides with an ordinary name. Integer constants only, as in LuaJIT. */
static void parse_static_member(CParser *P, CType *rec) {
  DeclSpec ds;
  parse_specifiers(P, &ds, false);
  if (!ds.is_const) cp_error(P, "a static member must be 'static const'");
  for (;;) {
    Declarator d;
    parse_declarator(P, ds.type, ds.is_const, &d, false);
    if (!ctype_isint(d.type) && d.type->kind != CT_ENUM && d.type->kind != CT_BOOL)
      cp_error(P, "static const member '%s' must have an integer type", d.name);
    cp_expect(P, '=');
    int64_t v = expr(P);
    char key[300];
    int n = snprintf(key, sizeof key, "%u:%s", (unsigned)rec->id, d.name);
    if (n < 0 || (size_t)n >= sizeof key) cp_error(P, "name too long");
    CTName *cn = ctype_define(P->cts, NS_ORD, key, (size_t)n);
    if (!cn) cp_oom(P);
    if (cn->kind == CN_CONST && cn->value != v) cp_error(P, "redefinition of static member '%s'", d.name);
    cn->kind = CN_CONST;
    cn->value = v;
    cn->type = d.type;
    if (accept(P, ';')) return;
    cp_expect(P, ',');
  }
}

static void parse_fields(CParser *P, CType *rec) {
  size_t start = P->nfields;
  while (!accept(P, '}')) {
    if (accept(P, ';')) continue;
    if (is(P, TK_EOF)) cp_error(P, "expected '}'");
    if (is_kw(P, KW_STATIC)) {
      cp_next(P);
      parse_static_member(P, rec);
      continue;
    }
    DeclSpec ds;
    parse_specifiers(P, &ds, false);
    if (is(P, ';')) { /* no declarator: anonymous member, or a nested tag declaration */
      if (ctype_isrecord(ds.type) && ds.anonymous_record) {
        check_anonymous(P, rec, start, ds.type, ds.line, ds.col);
        CField f = {0};
        f.type = ds.type;
        push_field(P, f, ds.attrs.aligned);
      } else if (!ds.is_record_def) {
        cp_error(P, "declaration does not declare anything");
      }
      cp_next(P);
      continue;
    }
    for (;;) {
      Declarator d;
      CField f = {0};
      if (is(P, ':')) { /* unnamed bitfield */
        d.type = ds.type;
        d.name = NULL;
        d.line = P->ls.line;
        d.col = P->ls.col;
        memset(&d.attrs, 0, sizeof d.attrs);
      } else {
        parse_declarator(P, ds.type, ds.is_const, &d, false);
      }
      CType *t = d.type;
      if (t->kind == CT_FUNC) cp_error(P, "field '%s' declared as a function", d.name);
      if (t->kind == CT_VOID) cp_error(P, "field '%s' has type void", d.name ? d.name : "");
      if ((t->flags & CTF_INCOMPLETE) && t->kind != CT_PTR)
        cp_error(P, "field '%s' has incomplete type", d.name ? d.name : "");
      if (d.name) check_duplicate(P, rec, start, d.name, d.line, d.col);
      f.name = d.name;
      f.type = t;
      if (accept(P, ':')) {
        int64_t w = expr(P);
        if (!ctype_isint(t)) cp_error(P, "bit-field has invalid type");
        if (w < 0 || (uint64_t)w > (t->kind == CT_BOOL ? 1 : t->size * 8))
          cp_error(P, "width of bit-field is invalid (%lld bits)", (long long)w);
        if (w == 0 && d.name) cp_error(P, "named bit-field has zero width");
        f.is_bitfield = true;
        f.bit_size = (uint8_t)w;
      } else if (!d.name) {
        cp_error(P, "expected identifier");
      }
      while (parse_extras(P, &d.attrs)) {}
      uint8_t mode = d.attrs.mode ? d.attrs.mode : ds.attrs.mode;
      if (mode) f.type = apply_mode(P, f.type, mode);
      size_t al = d.attrs.aligned > ds.attrs.aligned ? d.attrs.aligned : ds.attrs.aligned;
      if (d.attrs.packed || ds.attrs.packed) al |= CTYPE_FIELD_PACKED;
      push_field(P, f, al);
      if (accept(P, ';')) break;
      if (!accept(P, ',')) cp_expect(P, ';');
    }
  }
  /* a flexible array member must be last (alone is fine: a GNU C and LuaJIT extension) */
  for (size_t i = start; i < P->nfields; i++) {
    CType *ft = P->fields[i].type;
    if (ft->kind != CT_ARRAY || !(ft->flags & CTF_VLA)) continue;
    if (i + 1 < P->nfields) cp_error(P, "flexible array member '%s' not at end of struct", P->fields[i].name);
    if (rec->kind == CT_UNION) cp_error(P, "flexible array member '%s' in a union", P->fields[i].name);
  }
  rec->n = P->nfields - start;
  rec->u.fields = cp_alloc(P, (rec->n ? rec->n : 1) * sizeof(CField));
  if (rec->n) memcpy(rec->u.fields, P->fields + start, rec->n * sizeof(CField));
}

/* A new struct/union/enum node, incomplete until its body is parsed. */
static CType *new_tag_type(CParser *P, CTKind kind, const char *tag) {
  CType *t = ctype_new(P->cts, kind);
  if (!t) cp_oom(P);
  t->name = tag;
  t->flags |= CTF_INCOMPLETE;
  return t;
}

/* After struct/union/enum: attributes, the optional tag, and the tag's earlier
   declaration (which must be of the same kind). */
static const char *parse_tag_head(CParser *P, CTKind kind, Attrs *attrs, CTName **prev) {
  cp_next(P);
  while (parse_extras(P, attrs)) {}
  const char *tag = NULL;
  P->tag_line = P->ls.line;
  P->tag_col = P->ls.col;
  if (is(P, TK_IDENT)) tag = cp_name_token(P);
  while (parse_extras(P, attrs)) {}
  *prev = tag ? find_name(P, NS_TAG, tag, strlen(tag)) : NULL;
  if (*prev && (*prev)->type->kind != kind) cp_error(P, "'%s' defined as the wrong kind of tag", tag);
  return tag;
}

static CType *parse_record(CParser *P, bool is_union, DeclSpec *ds) {
  int line = P->ls.line, col = P->ls.col;
  Attrs attrs = {0};
  CTName *prev;
  CTKind kind = is_union ? CT_UNION : CT_STRUCT;
  const char *tag = parse_tag_head(P, kind, &attrs, &prev);
  if (!is(P, '{')) {
    if (!tag) cp_error(P, "expected '{'");
    /* attributes on a reference (typedef struct T __attribute__((aligned(16))) T16) */
    if (attrs.aligned > ds->attrs.aligned) ds->attrs.aligned = attrs.aligned;
    if (prev) return prev->type;
    CType *t = new_tag_type(P, kind, tag); /* forward declaration: opaque until defined */
    define_type_name(P, NS_TAG, tag, t);
    return t;
  }
  for (const CPDefining *d = P->defining; prev && d; d = d->up)
    if (d->type == prev->type) { /* struct T { struct T { ... } in; }: C refuses it */
      P->ls.line = P->tag_line;
      P->ls.col = P->tag_col;
      cp_error(P, "nested redefinition of '%s %s'", is_union ? "union" : "struct", tag);
    }
  cp_next(P);
  CType *t = new_tag_type(P, kind, tag);
  bool fresh = !prev;
  if (fresh && tag) define_type_name(P, NS_TAG, tag, t); /* self references resolve */
  if (prev && (prev->type->flags & CTF_INCOMPLETE)) {    /* completing a forward declaration */
    if (!ctype_save(P->cts, prev->type)) cp_oom(P);
    t = prev->type;
    fresh = true;
  }
  size_t fstart = P->nfields;
  CPDefining def = {t, P->defining};
  depth_enter(P);
  P->defining = &def;
  parse_fields(P, t);
  P->defining = def.up;
  P->nesting--;
  size_t *fal = NULL;
  if (t->n) {
    fal = cp_alloc(P, t->n * sizeof(size_t));
    memcpy(fal, P->falign + fstart, t->n * sizeof(size_t));
  }
  P->nfields = fstart;
  while (parse_extras(P, &attrs)) {}
  const char *e = ctype_layout(t, P->pack[P->npack], attrs.aligned, attrs.packed, fal);
  if (e) cp_error(P, "%s", e);
  if (!fresh) { /* a second definition: accepted only when identical */
    t->name = tag;
    if (!ctype_equal(t, prev->type)) {
      P->ls.line = line;
      P->ls.col = col;
      cp_error(P, "conflicting redefinition of '%s %s'", is_union ? "union" : "struct", tag);
    }
    t = prev->type;
  }
  ds->is_record_def = true;
  ds->anonymous_record = tag == NULL;
  P->last_record = t;
  if (tag) add_decl(P, CDK_RECORD, tag, t, line, col);
  return t;
}

/* The enumerators of a body, after '{' up to and including '}': registered as
   constants as they come (later ones may use earlier ones). */
static void enum_constants(CParser *P, CType *t, Attrs *attrs, int64_t *lo_out, int64_t *hi_out) {
  size_t cap = 8, n = 0;
  CEnumConst *consts = cp_alloc(P, cap * sizeof(CEnumConst));
  int64_t v = 0, lo = 0, hi = 0;
  bool more = true;
  if (is(P, '}')) cp_error(P, "empty enum");
  while (!accept(P, '}')) {
    int cl = P->ls.line, cc = P->ls.col;
    const char *name = cp_name_token(P);
    while (parse_extras(P, attrs)) {}
    if (accept(P, '='))
      v = expr(P);
    else if (!more)
      cp_error(P, "enumerator value overflows");
    if (n == cap) {
      CEnumConst *nc = cp_alloc(P, cap * 2 * sizeof(CEnumConst));
      memcpy(nc, consts, n * sizeof(CEnumConst));
      consts = nc;
      cap *= 2;
    }
    consts[n].name = name;
    consts[n].value = v;
    if (n == 0 || v < lo) lo = v;
    if (n == 0 || v > hi) hi = v;
    n++;
    CTName *cn = find_name(P, NS_ORD, name, strlen(name));
    if (cn && !(cn->kind == CN_CONST && cn->value == v)) {
      P->ls.line = cl;
      P->ls.col = cc;
      cp_error(P, "redeclaration of enumerator '%s'", name);
    }
    if (!cn) {
      cn = ctype_define(P->cts, NS_ORD, name, strlen(name));
      if (!cn) cp_oom(P);
      cn->kind = CN_CONST;
      cn->value = v;
      add_decl(P, CDK_CONST, name, t, cl, cc);
      P->decls[P->ndecls - 1].value = v;
    }
    more = v != INT64_MAX;
    if (more) v++;
    if (!accept(P, ',')) {
      cp_expect(P, '}');
      break;
    }
  }
  while (parse_extras(P, attrs)) { /* enum E {...} __attribute__((packed)) */
  }
  t->n = n;
  t->u.consts = consts;
  *lo_out = lo;
  *hi_out = hi;
}

/* The enum's integer type: GCC's rule, ctype_enum_int (ffi_ctype.h). */
static void enum_layout(CParser *P, CType *t, int64_t lo, int64_t hi, bool packed) {
  t->base = ctype_builtin(P->cts, ctype_enum_int(lo, hi, packed));
  t->size = t->base->size;
  t->align = t->base->align;
  if (t->base->flags & CTF_UNSIGNED) t->flags |= CTF_UNSIGNED;
}

static CType *parse_enum(CParser *P, DeclSpec *ds) {
  int line = P->ls.line, col = P->ls.col;
  Attrs attrs = {0};
  CTName *prev;
  const char *tag = parse_tag_head(P, CT_ENUM, &attrs, &prev);
  if (!is(P, '{')) {
    if (!tag) cp_error(P, "expected '{'");
    if (prev) return prev->type;
    CType *t = new_tag_type(P, CT_ENUM, tag); /* forward enum: int-sized (GNU) */
    t->base = ctype_builtin(P->cts, CTB_U32);
    t->size = t->align = 4;
    define_type_name(P, NS_TAG, tag, t);
    return t;
  }
  cp_next(P);
  CType *t = ctype_new(P->cts, CT_ENUM);
  if (!t) cp_oom(P);
  t->name = tag;
  int64_t lo, hi;
  enum_constants(P, t, &attrs, &lo, &hi);
  enum_layout(P, t, lo, hi, attrs.packed);
  if (prev) {
    if ((prev->type->flags & CTF_INCOMPLETE) && !(P->opts & CP_SCOPED)) {
      if (!ctype_save(P->cts, prev->type)) cp_oom(P);
      uint32_t id = prev->type->id;
      ctype_copy_to(prev->type, t);
      prev->type->id = id;
      t = prev->type;
    } else if (!ctype_equal(t, prev->type)) {
      P->ls.line = line;
      P->ls.col = col;
      cp_error(P, "conflicting redefinition of 'enum %s'", tag);
    } else {
      t = prev->type;
    }
  } else if (tag) {
    define_type_name(P, NS_TAG, tag, t);
  }
  ds->is_record_def = true;
  if (tag) add_decl(P, CDK_RECORD, tag, t, line, col);
  return t;
}

/* -- Declarations -- */

static void declare(CParser *P, DeclSpec *ds, Declarator *d) {
  CTState *cts = P->cts;
  CType *t = d->type;
  if (ds->storage == SC_TYPEDEF) {
    define_type_name(P, NS_ORD, d->name, t);
    add_decl(P, CDK_TYPEDEF, d->name, t, d->line, d->col);
    return;
  }
  if (P->opts & CP_SCOPED) cp_error(P, "only type declarations are allowed here");
  if (accept(P, '=')) { /* static const int X = 5; */
    if (!ctype_isint(t) || !(d->is_const || ds->is_const))
      cp_error(P, "only integer constants may have an initializer");
    int64_t v = int_convert(t, expr(P)); /* static const char K = 298: 42, as C stores it */
    CTName *n = ctype_lookup(cts, NS_ORD, d->name, strlen(d->name));
    if (n && !(n->kind == CN_CONST && n->value == v))
      cp_error(P, "conflicting redeclaration of '%s' (previously %s)", d->name,
               n->kind == CN_CONST  ? "a constant of another value"
               : n->kind == CN_TYPE ? "a typedef"
                                    : "declared");
    if (!n) {
      n = ctype_define(cts, NS_ORD, d->name, strlen(d->name));
      if (!n) cp_oom(P);
      n->kind = CN_CONST;
      n->value = v;
      n->type = t;
    }
    add_decl(P, CDK_CONST, d->name, t, d->line, d->col);
    P->decls[P->ndecls - 1].value = v;
    return;
  }
  bool func = t->kind == CT_FUNC;
  if (!func && t->kind == CT_VOID) cp_error(P, "variable '%s' declared void", d->name);
  if (func && ds->storage == SC_STATIC) {
    /* static functions have no symbol: declaring them is harmless, binding them is not */
  }
  const char *sym = d->attrs.asm_name ? d->attrs.asm_name : d->name;
  CTName *n = ctype_lookup(cts, NS_ORD, d->name, strlen(d->name));
  CTNameKind kind = func ? CN_FUNC : CN_VAR;
  if (n) {
    if (n->kind != kind || !ctype_equal(n->type, t)) {
      char b1[128], b2[128];
      static const char *const what[] = {"a typedef", "an enumerator or constant", "a function",
                                         "a variable"};
      cp_error(P, "conflicting declaration of '%s' as '%s' (previously %s%s%s%s)", d->name,
               ctype_repr(t, b1, sizeof b1), what[n->kind], n->type ? " '" : "",
               n->type ? ctype_repr(n->type, b2, sizeof b2) : "", n->type ? "'" : "");
    }
  } else {
    n = ctype_define(cts, NS_ORD, d->name, strlen(d->name));
    if (!n) cp_oom(P);
    n->kind = (uint8_t)kind; /* CN_FUNC or CN_VAR */
    n->type = t;
    n->sym = sym;
  }
  add_decl(P, func ? CDK_FUNC : CDK_VAR, d->name, t, d->line, d->col);
  P->decls[P->ndecls - 1].sym = sym;
}

static void parse_declaration(CParser *P) {
  while (accept(P, ';')) {}
  if (is(P, TK_EOF)) return;
  if (is_kw(P, KW_EXTENSION)) cp_next(P);
  if (is_kw(P, KW_STATIC_ASSERT)) {
    cp_next(P);
    cp_expect(P, '(');
    int64_t v = expr(P);
    if (accept(P, ',')) {
      if (!is(P, TK_STRING)) cp_error(P, "expected string");
      cp_next(P);
    }
    cp_expect(P, ')');
    if (!v) cp_error(P, "static assertion failed");
    cp_expect(P, ';');
    return;
  }
  DeclSpec ds;
  parse_specifiers(P, &ds, true);
  if (is(P, ';')) {
    bool tagged = (ctype_isrecord(ds.type) || ds.type->kind == CT_ENUM) && !ds.anonymous_record;
    if (!tagged && !(ds.type->kind == CT_ENUM && ds.is_record_def)) /* enum { A, B }; declares A, B */
      cp_error(P, "declaration does not declare anything");
    cp_next(P);
    return;
  }
  if (ds.is_record_def && !is(P, '*') && !is(P, TK_IDENT) && !is(P, '(')) cp_expect(P, ';');
  for (;;) {
    Declarator d;
    parse_declarator(P, ds.type, ds.is_const, &d, false);
    if (d.attrs.aligned || ds.attrs.aligned) { /* aligned typedef: a distinct aligned copy */
      size_t al = d.attrs.aligned > ds.attrs.aligned ? d.attrs.aligned : ds.attrs.aligned;
      if (ds.storage == SC_TYPEDEF && al != d.type->align) {
        CType *c = ctype_copy(P->cts, d.type);
        if (!c) cp_oom(P);
        c->align = al; /* GCC: the size stays; only the alignment changes */
        d.type = c;
      }
    }
    uint8_t mode = d.attrs.mode ? d.attrs.mode : ds.attrs.mode;
    if (mode) d.type = apply_mode(P, d.type, mode);
    if (d.type->kind == CT_FUNC && is(P, '{')) {
      /* static/inline definitions have no symbol: their bodies are skipped */
      if (ds.storage != SC_STATIC && !ds.is_inline) cp_error(P, "function definitions are not supported");
      skip_group(P, '{', '}');
      return;
    }
    declare(P, &ds, &d);
    if (accept(P, ';')) break;
    if (!accept(P, ',')) cp_expect(P, ';');
  }
}

static void cp_init(CParser *P, CTState *cts, const char *src, size_t len, const char *chunk, unsigned opts,
                    char *err, size_t errlen) {
  memset(P, 0, sizeof *P);
  P->cts = cts;
  P->src = src;
  P->len = len;
  P->chunk = chunk;
  P->opts = opts;
  P->err = err;
  P->errlen = errlen;
  P->ls.nline = 1;
}

static void cp_free(CParser *P) {
  free(P->fields);
  free(P->falign);
  free(P->params);
}

bool cparse_decls(CTState *cts, const char *src, size_t len, const char *chunk, unsigned opts,
                  CParseResult *out, char *err, size_t errlen) {
  CParser *P = malloc(sizeof(CParser));
  if (!P) {
    snprintf(err, errlen, "not enough memory");
    return false;
  }
  cp_init(P, cts, src, len, chunk, opts, err, errlen);
  volatile bool ok = false; /* set after setjmp: must survive a longjmp */
  if (setjmp(P->jb) == 0) {
    cp_next(P);
    while (!is(P, TK_EOF)) parse_declaration(P);
    out->n = P->ndecls;
    out->decls = cp_alloc(P, (P->ndecls ? P->ndecls : 1) * sizeof(CDecl));
    if (P->ndecls) memcpy(out->decls, P->decls, P->ndecls * sizeof(CDecl));
    out->last_record = P->last_record;
    ok = true;
  }
  free(P->decls);
  cp_free(P);
  free(P);
  return ok;
}

bool cparse_type(CTState *cts, const char *src, size_t len, CType **out, char *err, size_t errlen) {
  CParser *P = malloc(sizeof(CParser));
  if (!P) {
    snprintf(err, errlen, "not enough memory");
    return false;
  }
  cp_init(P, cts, src, len, "type", 0, err, errlen);
  volatile bool ok = false; /* set after setjmp: must survive a longjmp */
  if (setjmp(P->jb) == 0) {
    cp_next(P);
    *out = parse_typename(P);
    if (!is(P, TK_EOF)) cp_error(P, "unexpected text after type");
    ok = true;
  }
  free(P->decls);
  cp_free(P);
  free(P);
  return ok;
}
