/*
** cparse.c -- lexer and recursive-descent parser for C declarations.
**
** Errors longjmp to the entry point with a "chunk:line:col: msg near 'tok'"
** message; every allocation goes through the CTState, so the caller's
** rollback undoes a failed parse completely.
*/
#include "ffi_cparse.h"

#include <ctype.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* -- Lexer -- */

enum {
  TK_EOF = 256, TK_IDENT, TK_NUMBER, TK_STRING, TK_CHAR,
  TK_ELLIPSIS, TK_SHL, TK_SHR, TK_LE, TK_GE, TK_EQ, TK_NE, TK_AND, TK_OR, TK_ARROW
};

typedef struct LexState {
  size_t pos;       /* position after the current token */
  int line, col;    /* of the current token */
  int tok;
  size_t tstart, tlen; /* current token text */
  int64_t num;
  int nline;        /* line at pos */
  size_t nlinestart;
} LexState;

#define MAX_SCOPED 64

typedef struct CParser {
  CTState *cts;
  const char *src;
  size_t len;
  const char *chunk;
  unsigned opts;
  LexState ls;
  jmp_buf jb;
  char *err;
  size_t errlen;
  /* scratch stacks (malloc'd, freed at exit) */
  CField *fields;
  size_t nfields, cfields;
  size_t *falign;
  CType **params;
  size_t nparams, cparams;
  CDecl *decls;
  size_t ndecls, cdecls;
  size_t pack[16];
  int npack;
  struct { const char *name; CType *type; uint8_t ns; } scoped[MAX_SCOPED];
  int nscoped;
  CType *last_record;
  int depth;   /* declarators */
  int nesting; /* expressions and nested records */
} CParser;

static void cp_error(CParser *P, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  LexState *ls = &P->ls;
  if (ls->tok == TK_EOF)
    snprintf(P->err, P->errlen, "%s:%d:%d: %s near '<eof>'", P->chunk, ls->line, ls->col, msg);
  else
    snprintf(P->err, P->errlen, "%s:%d:%d: %s near '%.*s'", P->chunk, ls->line, ls->col, msg,
             (int)(ls->tlen > 40 ? 40 : ls->tlen), P->src + ls->tstart);
  longjmp(P->jb, 1);
}

static void cp_oom(CParser *P) { cp_error(P, "not enough memory"); }

static void *cp_alloc(CParser *P, size_t n) {
  void *p = ctype_alloc(P->cts, n);
  if (!p) cp_oom(P);
  return p;
}

static void skip_line(CParser *P, LexState *ls) {
  while (ls->pos < P->len && P->src[ls->pos] != '\n') ls->pos++;
}

static void handle_pragma(CParser *P, LexState *ls, size_t start, size_t end);

/* Skips blanks, comments and preprocessor lines; tracks line numbers. */
static void skip_space(CParser *P, LexState *ls) {
  const char *s = P->src;
  bool bol = ls->pos == 0 || s[ls->pos - 1] == '\n';
  while (ls->pos < P->len) {
    char c = s[ls->pos];
    if (c == '\n') {
      ls->pos++;
      ls->nline++;
      ls->nlinestart = ls->pos;
      bol = true;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ls->pos++;
    } else if (c == '/' && ls->pos + 1 < P->len && s[ls->pos + 1] == '/') {
      skip_line(P, ls);
    } else if (c == '/' && ls->pos + 1 < P->len && s[ls->pos + 1] == '*') {
      int cline = ls->nline, ccol = (int)(ls->pos - ls->nlinestart) + 1;
      size_t cstart = ls->pos;
      ls->pos += 2;
      while (ls->pos < P->len && !(s[ls->pos] == '*' && ls->pos + 1 < P->len && s[ls->pos + 1] == '/')) {
        if (s[ls->pos] == '\n') {
          ls->nline++;
          ls->nlinestart = ls->pos + 1;
        }
        ls->pos++;
      }
      if (ls->pos >= P->len) { /* reported where the comment starts */
        ls->tok = '/';
        ls->tstart = cstart;
        ls->tlen = 2;
        ls->line = cline;
        ls->col = ccol;
        cp_error(P, "unfinished comment");
      }
      ls->pos += 2;
    } else if (c == '#' && bol) { /* line markers, #pragma pack, other directives */
      size_t start = ls->pos;
      skip_line(P, ls);
      handle_pragma(P, ls, start, ls->pos);
    } else {
      break;
    }
  }
}

static int64_t lex_number(CParser *P, LexState *ls) {
  const char *s = P->src + ls->pos;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 0);
  if (errno == ERANGE) {
    const char *e = s;
    while (isalnum((unsigned char)*e)) e++;
    ls->tlen = (size_t)(e - s);
    cp_error(P, "integer constant is too large");
  }
  if (*end == '.' || ((*end == 'e' || *end == 'E') && !(s[0] == '0' && (s[1] == 'x' || s[1] == 'X')))) {
    /* floating constants: accepted only where an integer is not needed */
    strtod(s, &end);
    while (*end == 'f' || *end == 'F' || *end == 'l' || *end == 'L') end++;
    ls->pos = (size_t)(end - P->src);
    return INT64_MIN; /* flagged as non-integer */
  }
  while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L') end++;
  ls->pos = (size_t)(end - P->src);
  if (isalnum((unsigned char)P->src[ls->pos]) || P->src[ls->pos] == '_') {
    size_t e = ls->pos;
    while (e < P->len && (isalnum((unsigned char)P->src[e]) || P->src[e] == '_')) e++;
    ls->tlen = e - ls->tstart;
    cp_error(P, "malformed number");
  }
  return (int64_t)v;
}

static int lex_escape(CParser *P, LexState *ls) {
  char c = P->src[ls->pos++];
  switch (c) {
  case 'n': return '\n';
  case 't': return '\t';
  case 'r': return '\r';
  case '0': return 0;
  case 'a': return '\a';
  case 'b': return '\b';
  case 'f': return '\f';
  case 'v': return '\v';
  case '\\': case '\'': case '"': case '?': return c;
  default: cp_error(P, "unsupported escape sequence"); return 0;
  }
}

static void next(CParser *P) {
  LexState *ls = &P->ls;
  skip_space(P, ls);
  ls->line = ls->nline;
  ls->col = (int)(ls->pos - ls->nlinestart) + 1;
  ls->tstart = ls->pos;
  if (ls->pos >= P->len) {
    ls->tok = TK_EOF;
    ls->tlen = 0;
    return;
  }
  const char *s = P->src;
  char c = s[ls->pos];
  if (isalpha((unsigned char)c) || c == '_' || c == '$') {
    while (ls->pos < P->len && (isalnum((unsigned char)s[ls->pos]) || s[ls->pos] == '_' || s[ls->pos] == '$'))
      ls->pos++;
    ls->tok = TK_IDENT;
  } else if (isdigit((unsigned char)c) || (c == '.' && ls->pos + 1 < P->len && isdigit((unsigned char)s[ls->pos + 1]))) {
    ls->num = lex_number(P, ls);
    ls->tok = TK_NUMBER;
  } else if (c == '"') {
    ls->pos++;
    while (ls->pos < P->len && s[ls->pos] != '"' && s[ls->pos] != '\n') {
      if (s[ls->pos] == '\\') ls->pos++;
      ls->pos++;
    }
    if (ls->pos >= P->len || s[ls->pos] != '"') {
      ls->tlen = 1;
      cp_error(P, "unfinished string");
    }
    ls->pos++;
    ls->tok = TK_STRING;
  } else if (c == '\'') {
    ls->pos++;
    if (ls->pos < P->len && s[ls->pos] == '\\') {
      ls->pos++;
      ls->num = lex_escape(P, ls);
    } else if (ls->pos < P->len) {
      ls->num = (unsigned char)s[ls->pos++];
    }
    if (ls->pos >= P->len || s[ls->pos] != '\'') {
      ls->tlen = 1;
      cp_error(P, "unfinished character constant");
    }
    ls->pos++;
    ls->tok = TK_NUMBER;
  } else {
    static const struct { const char *s; int tok; } ops[] = {
        {"...", TK_ELLIPSIS}, {"<<", TK_SHL}, {">>", TK_SHR}, {"<=", TK_LE}, {">=", TK_GE},
        {"==", TK_EQ}, {"!=", TK_NE}, {"&&", TK_AND}, {"||", TK_OR}, {"->", TK_ARROW}};
    ls->tok = (unsigned char)c;
    ls->pos++;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
      size_t n = strlen(ops[i].s);
      if (ls->tstart + n <= P->len && memcmp(s + ls->tstart, ops[i].s, n) == 0) {
        ls->tok = ops[i].tok;
        ls->pos = ls->tstart + n;
        break;
      }
    }
    if ((c == 0 || !strchr(";,{}()[]*=:.<>+-~!&|^/%?", c)) && ls->tok == (unsigned char)c) {
      ls->tlen = 1;
      cp_error(P, "unexpected character");
    }
  }
  ls->tlen = ls->pos - ls->tstart;
}

static bool is(CParser *P, int tok) { return P->ls.tok == tok; }

static bool is_word(CParser *P, const char *w) {
  size_t n = strlen(w);
  return P->ls.tok == TK_IDENT && P->ls.tlen == n && memcmp(P->src + P->ls.tstart, w, n) == 0;
}

static bool accept(CParser *P, int tok) {
  if (!is(P, tok)) return false;
  next(P);
  return true;
}

static const char *tokname(int tok, char *buf) {
  switch (tok) {
  case TK_IDENT: return "identifier";
  case TK_NUMBER: return "number";
  case TK_ELLIPSIS: return "...";
  default: buf[0] = (char)tok; buf[1] = 0; return buf;
  }
}

static void expect(CParser *P, int tok) {
  char b[2];
  if (!accept(P, tok)) cp_error(P, "expected '%s'", tokname(tok, b));
}

static const char *tok_str(CParser *P) {
  const char *s = ctype_strdup(P->cts, P->src + P->ls.tstart, P->ls.tlen);
  if (!s) cp_oom(P);
  return s;
}

static bool is_keyword(CParser *P) {
  static const char *const kw[] = {
      "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
      "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
      "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef",
      "union", "unsigned", "void", "volatile", "while", "_Bool", "_Complex", "_Alignas",
      "_Alignof", "_Atomic", "_Static_assert", "_Noreturn", "_Thread_local", NULL};
  for (int i = 0; kw[i]; i++)
    if (is_word(P, kw[i])) return true;
  return false;
}

/* An identifier that names something (not a keyword), copied; raises otherwise. */
static const char *name_token(CParser *P) {
  if (!is(P, TK_IDENT) || is_keyword(P)) cp_error(P, "expected identifier");
  const char *s = tok_str(P);
  next(P);
  return s;
}

/* -- Pragmas -- */

static void handle_pragma(CParser *P, LexState *ls, size_t start, size_t end) {
  const char *s = P->src + start + 1;
  const char *e = P->src + end;
  while (s < e && (*s == ' ' || *s == '\t')) s++;
  if (e - s < 6 || memcmp(s, "pragma", 6) != 0) return; /* line markers, #define: ignored */
  s += 6;
  while (s < e && (*s == ' ' || *s == '\t')) s++;
  if (e - s < 4 || memcmp(s, "pack", 4) != 0) return; /* other pragmas: ignored */
  s += 4;
  char buf[64];
  size_t n = 0;
  for (; s < e && n + 1 < sizeof buf; s++)
    if (*s != ' ' && *s != '\t' && *s != '\r') buf[n++] = *s;
  buf[n] = 0;
  /* the forms GCC accepts: pack(), pack(N), pack(push), pack(push, N), pack(pop) */
  char *arg = buf + 1, *close = strrchr(buf, ')');
  size_t cur = P->pack[P->npack], val = 0;
  bool push = false, pop = false, ok = buf[0] == '(' && close && close[1] == 0;
  if (ok) {
    *close = 0;
    if (strncmp(arg, "push", 4) == 0) {
      push = true;
      arg += 4;
      if (*arg == ',') arg++;
      else if (*arg) ok = false;
    } else if (strcmp(arg, "pop") == 0) {
      pop = true;
      arg += 3;
    }
    if (ok && *arg) {
      char *endp;
      unsigned long v = strtoul(arg, &endp, 0);
      if (*endp == 0 && !(v == 1 || v == 2 || v == 4 || v == 8 || v == 16)) {
        ls->tok = '#';
        ls->tstart = start;
        ls->tlen = (size_t)(end - start);
        ls->line = ls->nline;
        ls->col = (int)(start - ls->nlinestart) + 1;
        cp_error(P, "#pragma pack alignment must be a small power of 2 (1, 2, 4, 8 or 16), not %lu", v);
      }
      ok = *endp == 0;
      val = v;
    } else if (ok && !pop) {
      val = push ? cur : 0;
    }
  }
  if (!ok) {
    ls->tok = '#';
    ls->tstart = start;
    ls->tlen = (size_t)(end - start);
    ls->line = ls->nline;
    ls->col = (int)(start - ls->nlinestart) + 1;
    cp_error(P, "malformed '#pragma pack' (expected pack(), pack(N), pack(push[, N]) or pack(pop) with N = 1, 2, 4, 8 or 16)");
  }
  if (pop) {
    if (P->npack > 0) P->npack--;
  } else if (push) {
    if (P->npack >= 15) {
      ls->line = ls->nline;
      ls->col = 1;
      cp_error(P, "'#pragma pack(push)' nested too deeply");
    }
    P->pack[++P->npack] = val;
  } else {
    P->pack[P->npack] = val;
  }
}

/* -- Names -- */

static CTName *find_name(CParser *P, CTNamespace ns, const char *name, size_t len) {
  for (int i = P->nscoped - 1; i >= 0; i--) /* ffi.struct: local tags first */
    if (P->scoped[i].ns == ns && strncmp(P->scoped[i].name, name, len) == 0 &&
        P->scoped[i].name[len] == 0) {
      static CTName tmp;
      tmp.kind = CN_TYPE;
      tmp.type = P->scoped[i].type;
      tmp.ns = ns;
      tmp.name = P->scoped[i].name;
      return &tmp;
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

static int64_t primary(CParser *P) {
  if (is(P, TK_NUMBER)) {
    int64_t v = P->ls.num;
    if (v == INT64_MIN) cp_error(P, "integer constant expected");
    next(P);
    return v;
  }
  if (accept(P, '(')) {
    if (starts_type(P)) { /* cast: (type)expr */
      CType *t = parse_typename(P);
      expect(P, ')');
      int64_t v = primary(P);
      if (t->kind == CT_INT && t->size < 8) {
        int sh = (int)(64 - t->size * 8);
        v = (t->flags & CTF_UNSIGNED) ? (int64_t)(((uint64_t)v << sh) >> sh) : (int64_t)((uint64_t)v << sh) >> sh;
      }
      return v;
    }
    int64_t v = expr(P);
    expect(P, ')');
    return v;
  }
  if (is_word(P, "sizeof") || is_word(P, "_Alignof") || is_word(P, "__alignof__")) {
    bool sz = is_word(P, "sizeof");
    next(P);
    expect(P, '(');
    CType *t = parse_typename(P);
    expect(P, ')');
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
    next(P);
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
  case '*': case '/': case '%': return 10;
  case '+': case '-': return 9;
  case TK_SHL: case TK_SHR: return 8;
  case '<': case '>': case TK_LE: case TK_GE: return 7;
  case TK_EQ: case TK_NE: return 6;
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
    next(P);
    int64_t b = binary(P, p);
    uint64_t ua = (uint64_t)a;
    switch (op) {
    case '*':
      if (__builtin_mul_overflow(a, b, &a)) cp_error(P, "integer overflow in constant expression");
      break;
    case '/': case '%':
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
    int64_t a = expr(P);
    expect(P, ':');
    int64_t b = expr(P);
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

static void skip_balanced(CParser *P) {
  int depth = 0;
  do {
    if (is(P, TK_EOF) || is(P, ';') || is(P, '{') || is(P, '}')) cp_error(P, "expected ')'");
    if (is(P, '(')) depth++;
    else if (is(P, ')')) depth--;
    next(P);
  } while (depth > 0);
}

static bool attr_word(CParser *P, const char *w) {
  char buf[64];
  snprintf(buf, sizeof buf, "__%s__", w);
  return is_word(P, w) || is_word(P, buf);
}

static void parse_attribute_list(CParser *P, Attrs *a) {
  expect(P, '(');
  expect(P, '(');
  while (!is(P, ')')) {
    if (attr_word(P, "packed")) {
      a->packed = true;
      next(P);
    } else if (attr_word(P, "aligned")) {
      next(P);
      size_t al = ctarget.max_align;
      if (accept(P, '(')) {
        int64_t v = expr(P);
        if (v <= 0 || (v & (v - 1))) cp_error(P, "requested alignment is not a positive power of 2");
        if (v > ((int64_t)1 << 28)) cp_error(P, "requested alignment is too large");
        al = (size_t)v;
        expect(P, ')');
      }
      if (al > a->aligned) a->aligned = al;
    } else if (attr_word(P, "mode")) {
      next(P);
      expect(P, '(');
      static const struct { const char *m; uint8_t size; } modes[] = {
          {"QI", 1}, {"HI", 2}, {"SI", 4}, {"DI", 8}, {"byte", 1}, {"word", 0}, {"pointer", 0}};
      bool found = false;
      for (size_t i = 0; i < sizeof modes / sizeof modes[0] && !found; i++)
        if (attr_word(P, modes[i].m)) {
          a->mode = modes[i].size ? modes[i].size : ctarget.ptr_size;
          found = true;
        }
      if (!found) cp_error(P, "unsupported mode attribute");
      next(P);
      expect(P, ')');
    } else if (attr_word(P, "vector_size") || attr_word(P, "ext_vector_type")) {
      cp_error(P, "vector types are not supported");
    } else if (is(P, TK_IDENT)) {
      next(P); /* unknown attribute: skipped with its arguments */
      if (is(P, '(')) skip_balanced(P);
    } else if (!accept(P, ',')) {
      cp_error(P, "malformed attribute");
    }
  }
  expect(P, ')');
  expect(P, ')');
}

/* Attributes, asm labels and qualifiers that may appear between declaration parts. */
static bool parse_extras(CParser *P, Attrs *a) {
  if (is_word(P, "__attribute__") || is_word(P, "__attribute")) {
    next(P);
    parse_attribute_list(P, a);
    return true;
  }
  if (is_word(P, "__asm__") || is_word(P, "__asm") || is_word(P, "asm")) {
    next(P);
    expect(P, '(');
    if (!is(P, TK_STRING)) cp_error(P, "expected string");
    size_t len = 0;
    char buf[256];
    while (is(P, TK_STRING)) { /* adjacent strings concatenate */
      size_t n = P->ls.tlen - 2;
      if (len + n >= sizeof buf) cp_error(P, "asm label too long");
      memcpy(buf + len, P->src + P->ls.tstart + 1, n);
      len += n;
      next(P);
    }
    expect(P, ')');
    a->asm_name = ctype_strdup(P->cts, buf, len);
    if (!a->asm_name) cp_oom(P);
    return true;
  }
  if (is_word(P, "__declspec")) {
    next(P);
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
  default: return ctype_builtin(P->cts, u ? CTB_U64 : CTB_I64);
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

static bool is_qualifier(CParser *P) {
  return is_word(P, "const") || is_word(P, "volatile") || is_word(P, "restrict") ||
         is_word(P, "__restrict") || is_word(P, "__restrict__") || is_word(P, "__const") ||
         is_word(P, "__const__") || is_word(P, "__volatile__") || is_word(P, "_Atomic") ||
         is_word(P, "_Nullable") || is_word(P, "_Nonnull") || is_word(P, "__extension__");
}

static const char *const type_words[] = {
    "void", "char", "short", "int", "long", "float", "double", "signed", "__signed", "__signed__",
    "unsigned", "_Bool", "struct", "union", "enum", "_Complex", "__complex__", "__int128",
    "__int128_t", "__uint128_t", "_Float128", "__float128", "__builtin_va_list", "__gnuc_va_list",
    NULL};

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
  for (int i = 0; type_words[i]; i++)
    if (is_word(P, type_words[i])) return true;
  if (is_qualifier(P)) return true;
  return type_name(P) != NULL;
}

static void parse_specifiers(CParser *P, DeclSpec *ds, bool allow_storage) {
  enum { B_NONE, B_VOID, B_CHAR, B_INT, B_FLOAT, B_DOUBLE, B_BOOL, B_OTHER };
  int base = B_NONE, nlong = 0, nshort = 0;
  bool sign = false, unsign = false, typed = false;
  memset(ds, 0, sizeof *ds);
  ds->line = P->ls.line;
  ds->col = P->ls.col;
  for (;;) {
    if (P->ls.tok != TK_IDENT) break;
    if (is_word(P, "const") || is_word(P, "__const") || is_word(P, "__const__")) {
      ds->is_const = true;
    } else if (is_word(P, "inline") || is_word(P, "__inline") || is_word(P, "__inline__")) {
      ds->is_inline = true;
    } else if (is_qualifier(P) || is_word(P, "_Noreturn") || is_word(P, "register") ||
               is_word(P, "auto")) {
      /* qualifiers and function specifiers that do not change the type */
    } else if (is_word(P, "typedef") || is_word(P, "extern") || is_word(P, "static")) {
      if (!allow_storage) cp_error(P, "storage class not allowed here");
      if (ds->storage != SC_NONE) cp_error(P, "multiple storage classes in declaration specifiers");
      ds->storage = is_word(P, "typedef") ? SC_TYPEDEF : is_word(P, "extern") ? SC_EXTERN : SC_STATIC;
    } else if (is_word(P, "__thread") || is_word(P, "_Thread_local")) {
      cp_error(P, "thread-local variables are not supported");
    } else if (is_word(P, "_Alignas")) {
      next(P);
      expect(P, '(');
      int64_t al = starts_type(P) ? (int64_t)parse_typename(P)->align : expr(P);
      if (al < 0 || (al & (al - 1))) cp_error(P, "requested alignment is not a power of 2");
      if (al > ((int64_t)1 << 28)) cp_error(P, "requested alignment is too large");
      expect(P, ')');
      if ((size_t)al > ds->attrs.aligned) ds->attrs.aligned = (size_t)al;
      continue;
    } else if (parse_extras(P, &ds->attrs)) {
      continue;
    } else if (is_word(P, "void")) {
      if (base != B_NONE) cp_error(P, "two or more data types in declaration specifiers");
      base = B_VOID;
    } else if (is_word(P, "char")) {
      if (base != B_NONE) cp_error(P, "two or more data types in declaration specifiers");
      base = B_CHAR;
    } else if (is_word(P, "int")) {
      if (base != B_NONE) cp_error(P, "two or more data types in declaration specifiers");
      base = B_INT;
    } else if (is_word(P, "float")) {
      if (base != B_NONE) cp_error(P, "two or more data types in declaration specifiers");
      base = B_FLOAT;
    } else if (is_word(P, "double")) {
      if (base != B_NONE) cp_error(P, "two or more data types in declaration specifiers");
      base = B_DOUBLE;
    } else if (is_word(P, "_Bool")) {
      if (base != B_NONE) cp_error(P, "two or more data types in declaration specifiers");
      base = B_BOOL;
    } else if (is_word(P, "short")) {
      nshort++;
    } else if (is_word(P, "long")) {
      nlong++;
    } else if (is_word(P, "signed") || is_word(P, "__signed") || is_word(P, "__signed__")) {
      sign = true;
    } else if (is_word(P, "unsigned")) {
      unsign = true;
    } else if (is_word(P, "_Complex") || is_word(P, "__complex__")) {
      cp_error(P, "complex types are not supported");
    } else if (is_word(P, "__int128") || is_word(P, "__int128_t") || is_word(P, "__uint128_t")) {
      cp_error(P, "128-bit integers are not supported");
    } else if (is_word(P, "_Float128") || is_word(P, "__float128")) {
      cp_error(P, "128-bit floating types are not supported");
    } else if (is_word(P, "__builtin_va_list") || is_word(P, "__gnuc_va_list")) {
      if (typed) break;
      ds->type = ctype_builtin(P->cts, CTB_PTR); /* va_list: an opaque pointer-sized handle */
      base = B_OTHER;
    } else if (is_word(P, "struct") || is_word(P, "union")) {
      if (typed) cp_error(P, "two or more data types in declaration specifiers");
      ds->type = parse_record(P, is_word(P, "union"), ds);
      base = B_OTHER;
      typed = true;
      continue;
    } else if (is_word(P, "enum")) {
      if (typed) cp_error(P, "two or more data types in declaration specifiers");
      ds->type = parse_enum(P, ds);
      base = B_OTHER;
      typed = true;
      continue;
    } else {
      if (typed || nlong || nshort || sign || unsign) break; /* the declarator's name */
      CType *nt = type_name(P);
      if (!nt || base != B_NONE) break;
      ds->type = nt;
      base = B_OTHER;
    }
    if (base != B_NONE || nlong || nshort || sign || unsign) typed = true;

    next(P);
  }
  if (!typed) cp_error(P, "type expected");
  if (base == B_OTHER) {
    if (nlong || nshort || sign || unsign) cp_error(P, "invalid type specifier combination");
    return;
  }
  CTState *cts = P->cts;
  if (sign && unsign) cp_error(P, "both signed and unsigned");
  switch (base) {
  case B_VOID:
  case B_BOOL:
  case B_FLOAT:
    if (nlong || nshort || sign || unsign) cp_error(P, "invalid type specifier combination");
    ds->type = ctype_builtin(cts, base == B_VOID ? CTB_VOID : base == B_BOOL ? CTB_BOOL : CTB_F32);
    return;
  case B_DOUBLE:
    if (nlong) cp_error(P, "long double is not supported");
    if (nshort || sign || unsign) cp_error(P, "invalid type specifier combination");
    ds->type = ctype_builtin(cts, CTB_F64);
    return;
  case B_CHAR:
    if (nlong || nshort) cp_error(P, "invalid type specifier combination");
    ds->type = ctype_builtin(cts, sign ? CTB_SCHAR : unsign ? CTB_UCHAR : CTB_CHAR);
    return;
  default: /* int, or only modifiers */
    if (nshort && nlong) cp_error(P, "both long and short");
    if (nlong > 2) cp_error(P, "too long for a type");
    if (nshort) ds->type = ctype_builtin(cts, unsign ? CTB_U16 : CTB_I16);
    else if (nlong == 2) ds->type = ctype_builtin(cts, unsign ? CTB_U64 : CTB_I64);
    else if (nlong == 1) ds->type = ctype_builtin(cts, unsign ? CTB_ULONG : CTB_LONG);
    else ds->type = ctype_builtin(cts, unsign ? CTB_U32 : CTB_I32);
  }
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
    if (is_word(P, "const") || is_word(P, "__const") || is_word(P, "__const__")) {
      *is_const = true;
      next(P);
    } else if (is_qualifier(P)) {
      next(P);
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
  if (is_word(P, "void")) { /* (void) */
    LexState save = P->ls;
    next(P);
    if (accept(P, ')')) goto done;
    P->ls = save;
  }
  if (!accept(P, ')')) {
    for (;;) {
      if (accept(P, TK_ELLIPSIS)) {
        vararg = true;
        expect(P, ')');
        break;
      }
      DeclSpec ds;
      Declarator d;
      parse_specifiers(P, &ds, false);
      parse_declarator(P, ds.type, ds.is_const, &d, true);
      CType *t = d.type;
      if (t->kind == CT_VOID) cp_error(P, "'void' must be the only parameter");
      if (d.name) {
        for (int k = 0; k < nnames; k++)
          if (strcmp(names[k], d.name) == 0) cp_error(P, "redefinition of parameter '%s'", d.name);
        if (nnames < (int)(sizeof names / sizeof names[0])) names[nnames++] = d.name;
      }
      if (t->kind == CT_ARRAY) t = ctype_ptr(P->cts, t->base, ds.is_const); /* decay */
      else if (t->kind == CT_FUNC) t = ctype_ptr(P->cts, t, false);
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
      expect(P, ',');
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
  next(P);
  bool r = is(P, '*') || is(P, '(') || is(P, '^') ||
           (is(P, TK_IDENT) && !starts_type(P) && !is_word(P, "__attribute__"));
  if (is_word(P, "__attribute__")) r = true;
  P->ls = save;
  return r;
}

static void parse_declarator(CParser *P, CType *base, bool base_const, Declarator *d, bool abstract) {
  if (++P->depth > 64) cp_error(P, "declaration nested too deeply");
  memset(d, 0, sizeof *d);
  d->line = P->ls.line;
  d->col = P->ls.col;
  bool cur_const = base_const;
  while (accept(P, '*') || accept(P, '^')) {
    base = ctype_ptr(P->cts, base, cur_const);
    if (!base) cp_oom(P);
    cur_const = false;
    ptr_qualifiers(P, &cur_const, &d->attrs);
  }
  while (parse_extras(P, &d->attrs)) {
  }
  LexState inner;
  bool has_inner = false;
  if (is(P, '(') && nested_declarator_follows(P)) {
    next(P);
    inner = P->ls;
    has_inner = true;
    int depth = 1; /* skip to the matching ')' */
    while (depth > 0) {
      if (is(P, TK_EOF) || is(P, ';') || is(P, '{') || is(P, '}')) cp_error(P, "expected ')'");
      if (is(P, '(')) depth++;
      if (is(P, ')')) depth--;
      if (depth > 0) next(P);
    }
    next(P);
  } else if (is(P, TK_IDENT) && !is_qualifier(P) && !(abstract && is_keyword(P))) {
    d->line = P->ls.line;
    d->col = P->ls.col;
    d->name = name_token(P);
  } else if (!abstract) {
    cp_error(P, "expected identifier");
  }
  /* suffixes bind tighter than the prefix and apply right to left */
  struct { bool func; size_t n; bool vla; LexState at; } suf[MAX_SUFFIX];
  int ns = 0;
  for (;;) {
    if (is(P, '[')) {
      if (ns == MAX_SUFFIX) cp_error(P, "too many array dimensions");
      next(P);
      suf[ns].func = false;
      suf[ns].vla = false;
      suf[ns].n = 0;
      while (is_word(P, "static") || is_qualifier(P)) next(P);
      if (accept(P, '?') || is(P, ']')) {
        suf[ns].vla = true;
      } else {
        int64_t v = expr(P);
        if (v < 0) cp_error(P, "size of array is negative");
        if ((uint64_t)v > ((uint64_t)1 << 40)) cp_error(P, "size of array is too large");
        suf[ns].n = (size_t)v;
      }
      expect(P, ']');
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
      next(P); /* '(' */
      base = parse_params(P, base);
    } else {
      if (base->kind == CT_VOID) cp_error(P, "declaration of array of voids");
      if (base->kind == CT_FUNC) cp_error(P, "declaration of array of functions");
      if (base->flags & CTF_VLA) cp_error(P, "array has incomplete element type");
      if ((base->flags & CTF_INCOMPLETE) && ctype_isrecord(base))
        cp_error(P, "array has incomplete element type");
      if (base->size && suf[i].n > ((size_t)1 << 40) / base->size) cp_error(P, "array is too large");
      base = ctype_array(P->cts, base, suf[i].n, suf[i].vla);
      if (!base) cp_oom(P);
    }
  }
  if (ns) P->ls = after;
  while (parse_extras(P, &d->attrs)) {
  }
  if (has_inner) {
    P->ls = inner;
    Attrs keep = d->attrs;
    parse_declarator(P, base, cur_const, d, abstract);
    if (keep.asm_name && !d->attrs.asm_name) d->attrs.asm_name = keep.asm_name;
    if (keep.aligned > d->attrs.aligned) d->attrs.aligned = keep.aligned;
    d->attrs.packed |= keep.packed;
    expect(P, ')');
    P->ls = after;
    while (parse_extras(P, &d->attrs)) {
    }
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
  return d.type;
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
    if (g->name) check_duplicate(P, rec, start, g->name, line, col);
    else if (ctype_isrecord(g->type)) check_anonymous(P, rec, start, g->type, line, col);
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

static void parse_fields(CParser *P, CType *rec) {
  size_t start = P->nfields;
  while (!accept(P, '}')) {
    if (accept(P, ';')) continue;
    if (is(P, TK_EOF)) cp_error(P, "expected '}'");
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
      next(P);
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
      while (parse_extras(P, &d.attrs)) {
      }
      uint8_t mode = d.attrs.mode ? d.attrs.mode : ds.attrs.mode;
      if (mode) f.type = apply_mode(P, f.type, mode);
      size_t al = d.attrs.aligned > ds.attrs.aligned ? d.attrs.aligned : ds.attrs.aligned;
      if (d.attrs.packed || ds.attrs.packed) al |= CTYPE_FIELD_PACKED;
      push_field(P, f, al);
      if (accept(P, ';')) break;
      if (!accept(P, ',')) expect(P, ';');
    }
  }
  /* a flexible array member must be last, after at least one named member */
  for (size_t i = start; i < P->nfields; i++) {
    CType *ft = P->fields[i].type;
    if (ft->kind != CT_ARRAY || !(ft->flags & CTF_VLA)) continue;
    if (i + 1 < P->nfields) cp_error(P, "flexible array member '%s' not at end of struct", P->fields[i].name);
    if (i == start) cp_error(P, "flexible array member '%s' in an otherwise empty struct", P->fields[i].name);
    if (rec->kind == CT_UNION) cp_error(P, "flexible array member '%s' in a union", P->fields[i].name);
  }
  rec->n = P->nfields - start;
  rec->u.fields = cp_alloc(P, (rec->n ? rec->n : 1) * sizeof(CField));
  if (rec->n) memcpy(rec->u.fields, P->fields + start, rec->n * sizeof(CField));
}

static CType *parse_record(CParser *P, bool is_union, DeclSpec *ds) {
  int line = P->ls.line, col = P->ls.col;
  next(P); /* struct / union */
  Attrs attrs = {0};
  while (parse_extras(P, &attrs)) {
  }
  const char *tag = NULL;
  if (is(P, TK_IDENT)) tag = name_token(P);
  while (parse_extras(P, &attrs)) {
  }
  CTName *prev = tag ? find_name(P, NS_TAG, tag, strlen(tag)) : NULL;
  CTKind kind = is_union ? CT_UNION : CT_STRUCT;
  if (prev && prev->type->kind != kind) cp_error(P, "'%s' defined as the wrong kind of tag", tag);
  if (!is(P, '{')) {
    if (!tag) cp_error(P, "expected '{'");
    /* attributes on a reference (typedef struct T __attribute__((aligned(16))) T16) */
    if (attrs.aligned > ds->attrs.aligned) ds->attrs.aligned = attrs.aligned;
    if (prev) return prev->type;
    CType *t = ctype_new(P->cts, kind); /* forward declaration: opaque until defined */
    if (!t) cp_oom(P);
    t->name = tag;
    t->flags |= CTF_INCOMPLETE;
    define_type_name(P, NS_TAG, tag, t);
    return t;
  }
  next(P);
  CType *t = ctype_new(P->cts, kind);
  if (!t) cp_oom(P);
  t->name = tag;
  t->flags |= CTF_INCOMPLETE;
  bool fresh = !prev;
  if (fresh && tag) define_type_name(P, NS_TAG, tag, t); /* self references resolve */
  if (prev && (prev->type->flags & CTF_INCOMPLETE)) { /* completing a forward declaration */
    if (!ctype_save(P->cts, prev->type)) cp_oom(P);
    t = prev->type;
    fresh = true;
  }
  size_t fstart = P->nfields;
  depth_enter(P);
  parse_fields(P, t);
  P->nesting--;
  size_t *fal = NULL;
  if (t->n) {
    fal = cp_alloc(P, t->n * sizeof(size_t));
    memcpy(fal, P->falign + fstart, t->n * sizeof(size_t));
  }
  P->nfields = fstart;
  while (parse_extras(P, &attrs)) {
  }
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

static CType *parse_enum(CParser *P, DeclSpec *ds) {
  int line = P->ls.line, col = P->ls.col;
  next(P);
  Attrs attrs = {0};
  while (parse_extras(P, &attrs)) {
  }
  const char *tag = NULL;
  if (is(P, TK_IDENT)) tag = name_token(P);
  while (parse_extras(P, &attrs)) {
  }
  CTName *prev = tag ? find_name(P, NS_TAG, tag, strlen(tag)) : NULL;
  if (prev && prev->type->kind != CT_ENUM) cp_error(P, "'%s' defined as the wrong kind of tag", tag);
  if (!is(P, '{')) {
    if (!tag) cp_error(P, "expected '{'");
    if (prev) return prev->type;
    CType *t = ctype_new(P->cts, CT_ENUM); /* forward enum: int-sized (GNU) */
    if (!t) cp_oom(P);
    t->name = tag;
    t->base = ctype_builtin(P->cts, CTB_U32);
    t->size = t->align = 4;
    t->flags |= CTF_INCOMPLETE;
    define_type_name(P, NS_TAG, tag, t);
    return t;
  }
  next(P);
  CType *t = ctype_new(P->cts, CT_ENUM);
  if (!t) cp_oom(P);
  t->name = tag;
  size_t cap = 8, n = 0;
  CEnumConst *consts = cp_alloc(P, cap * sizeof(CEnumConst));
  int64_t v = 0, lo = 0, hi = 0;
  if (is(P, '}')) cp_error(P, "empty enum");
  while (!accept(P, '}')) {
    int cl = P->ls.line, cc = P->ls.col;
    const char *name = name_token(P);
    while (parse_extras(P, &attrs)) {
    }
    if (accept(P, '=')) v = expr(P);
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
    v++;
    if (!accept(P, ',')) {
      expect(P, '}');
      break;
    }
  }
  while (parse_extras(P, &attrs)) { /* enum E {...} __attribute__((packed)) */
  }
  /* GCC: int if it fits, else unsigned int, else 64-bit; packed picks the smallest */
  CTState *cts = P->cts;
  CTBuiltin b;
  if (lo >= INT32_MIN && hi <= INT32_MAX) b = lo < 0 ? CTB_I32 : CTB_U32;
  else if (lo >= 0 && (uint64_t)hi <= UINT32_MAX) b = CTB_U32;
  else b = lo < 0 ? CTB_I64 : CTB_U64;
  if (attrs.packed) {
    if (lo >= 0 && hi <= UINT8_MAX) b = CTB_U8;
    else if (lo >= INT8_MIN && hi <= INT8_MAX) b = CTB_I8;
    else if (lo >= 0 && hi <= UINT16_MAX) b = CTB_U16;
    else if (lo >= INT16_MIN && hi <= INT16_MAX) b = CTB_I16;
  }
  t->base = ctype_builtin(cts, b);
  t->size = t->base->size;
  t->align = t->base->align;
  if (t->base->flags & CTF_UNSIGNED) t->flags |= CTF_UNSIGNED;
  t->n = n;
  t->u.consts = consts;
  if (prev) {
    if ((prev->type->flags & CTF_INCOMPLETE) && !(P->opts & CP_SCOPED)) {
      if (!ctype_save(cts, prev->type)) cp_oom(P);
      uint32_t id = prev->type->id;
      *prev->type = *t;
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
    int64_t v = expr(P);
    CTName *n = ctype_lookup(cts, NS_ORD, d->name, strlen(d->name));
    if (n && !(n->kind == CN_CONST && n->value == v))
      cp_error(P, "conflicting redeclaration of '%s' (previously %s)", d->name,
               n->kind == CN_CONST ? "a constant of another value" : n->kind == CN_TYPE ? "a typedef" : "declared");
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
      static const char *const what[] = {"a typedef", "an enumerator or constant", "a function", "a variable"};
      cp_error(P, "conflicting declaration of '%s' as '%s' (previously %s%s%s%s)", d->name,
               ctype_repr(t, b1, sizeof b1), what[n->kind], n->type ? " '" : "",
               n->type ? ctype_repr(n->type, b2, sizeof b2) : "", n->type ? "'" : "");
    }
  } else {
    n = ctype_define(cts, NS_ORD, d->name, strlen(d->name));
    if (!n) cp_oom(P);
    n->kind = kind;
    n->type = t;
    n->sym = sym;
  }
  add_decl(P, func ? CDK_FUNC : CDK_VAR, d->name, t, d->line, d->col);
  P->decls[P->ndecls - 1].sym = sym;
}

static void parse_declaration(CParser *P) {
  while (accept(P, ';')) {
  }
  if (is(P, TK_EOF)) return;
  if (is_word(P, "__extension__")) next(P);
  if (is_word(P, "_Static_assert") || is_word(P, "static_assert")) {
    next(P);
    expect(P, '(');
    int64_t v = expr(P);
    if (accept(P, ',')) {
      if (!is(P, TK_STRING)) cp_error(P, "expected string");
      next(P);
    }
    expect(P, ')');
    if (!v) cp_error(P, "static assertion failed");
    expect(P, ';');
    return;
  }
  DeclSpec ds;
  parse_specifiers(P, &ds, true);
  if (is(P, ';')) {
    bool tagged = (ctype_isrecord(ds.type) || ds.type->kind == CT_ENUM) && !ds.anonymous_record;
    if (!tagged && !(ds.type->kind == CT_ENUM && ds.is_record_def)) /* enum { A, B }; declares A, B */
      cp_error(P, "declaration does not declare anything");
    next(P);
    return;
  }
  if (ds.is_record_def && !is(P, '*') && !is(P, TK_IDENT) && !is(P, '(')) expect(P, ';');
  for (;;) {
    Declarator d;
    parse_declarator(P, ds.type, ds.is_const, &d, false);
    if (d.attrs.aligned || ds.attrs.aligned) { /* aligned typedef: a distinct aligned copy */
      size_t al = d.attrs.aligned > ds.attrs.aligned ? d.attrs.aligned : ds.attrs.aligned;
      if (ds.storage == SC_TYPEDEF && al != d.type->align) {
        CType *c = ctype_new(P->cts, (CTKind)d.type->kind);
        if (!c) cp_oom(P);
        uint32_t id = c->id;
        *c = *d.type;
        c->id = id;
        c->align = al; /* GCC: the size stays; only the alignment changes */
        d.type = c;
      }
    }
    uint8_t mode = d.attrs.mode ? d.attrs.mode : ds.attrs.mode;
    if (mode) d.type = apply_mode(P, d.type, mode);
    if (d.type->kind == CT_FUNC && is(P, '{')) {
      /* static/inline definitions have no symbol: their bodies are skipped */
      if (ds.storage != SC_STATIC && !ds.is_inline) cp_error(P, "function definitions are not supported");
      int depth = 0;
      do {
        if (is(P, TK_EOF)) cp_error(P, "expected '}'");
        if (is(P, '{')) depth++;
        else if (is(P, '}')) depth--;
        next(P);
      } while (depth > 0);
      return;
    }
    declare(P, &ds, &d);
    if (accept(P, ';')) break;
    if (!accept(P, ',')) expect(P, ';');
  }
}

static void cp_init(CParser *P, CTState *cts, const char *src, size_t len, const char *chunk,
                    unsigned opts, char *err, size_t errlen) {
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
  bool ok = false;
  if (setjmp(P->jb) == 0) {
    next(P);
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
  bool ok = false;
  if (setjmp(P->jb) == 0) {
    next(P);
    *out = parse_typename(P);
    if (!is(P, TK_EOF)) cp_error(P, "unexpected text after type");
    ok = true;
  }
  free(P->decls);
  cp_free(P);
  free(P);
  return ok;
}
