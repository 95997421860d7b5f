/*
** imp_macro.c -- object-like macros evaluated by clang.
**
** A second translation unit includes the same headers and then declares, for
** each macro M, `__auto_type P_M = M;` and `unsigned long long A_M =
** (unsigned long long)(M);`. clang_Cursor_Evaluate on those variables gives
** integers, floats and string literals exactly as the compiler sees them
** (macros built from other macros, casts, sizeof); the second variable gives
** the address of pointer constants such as ((sqlite3_destructor_type)-1).
** Anything that is not a constant expression fails to evaluate and is
** written out as a skipped macro.
**
** Parsing the headers a second time cost as much as the first parse, so the
** probes normally ride in the first unit: before parsing, the library's own
** headers (the named ones and those they include from the library's
** directories) are scanned as text for object-like #defines, and the main
** file ends with a probe pair per name, each under #ifdef. The walk
** collects those variables (imp_macro_probe_seen); a macro the scan missed
** (another header under --match or --all, a probe clang never reached)
** still gets the second unit, with only the macros left.
*/
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imp_int.h"

#define PROBE_VALUE "__ffi_import_v_"
#define PROBE_ADDR "__ffi_import_a_"

void imp_macro_candidate(ImpParser *P, ImpDecl *d) {
  if (P->nmacros == P->capmacros) {
    P->capmacros = P->capmacros ? P->capmacros * 2 : 64;
    P->macros = realloc(P->macros, P->capmacros * sizeof *P->macros);
    if (!P->macros) abort();
  }
  P->macros[P->nmacros++] = d;
  imp_map_set(&P->cand, d->name, d);
  d->skip = "not a constant expression"; /* until the probe says otherwise */
}

static ImpDecl *probe_target(ImpParser *P, const char *var, const char *prefix) {
  size_t n = strlen(prefix);
  if (strncmp(var, prefix, n) != 0) return NULL;
  return imp_map_get(&P->cand, var + n);
}

/* -- One literal token: the value without a probe --
   A macro whose whole expansion is one integer or plain string literal is
   worth a probe declaration to clang (some 30k instructions) only to learn
   what C already fixes: the literal's value and type (C 6.4.4.1 on LP64:
   int, then long for decimals; int, unsigned, long, unsigned long for hex
   and octal; suffixes u, l, ll) or its bytes (C 6.4.5, up to the first NUL,
   as clang_EvalResult_getAsStr gives them). Anything else (floats, 0b,
   wide or prefixed strings, unusual escapes) still gets the probe. */

static bool int_literal(const char *s, size_t n, ImpDecl *d) {
  const char *p = s, *end = s + n;
  int base = 10;
  if (n >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    base = 16;
    p += 2;
  } else if (p < end && p[0] == '0') {
    base = 8;
  }
  const char *digits = p;
  unsigned long long v = 0;
  for (; p < end; p++) {
    int dv;
    if (*p >= '0' && *p <= '9')
      dv = *p - '0';
    else if (base == 16 && isxdigit((unsigned char)*p))
      dv = tolower((unsigned char)*p) - 'a' + 10;
    else
      break;
    if (dv >= base || v > (ULLONG_MAX - (unsigned)dv) / (unsigned)base) return false;
    v = v * (unsigned)base + (unsigned)dv;
  }
  if (p == digits && base != 8) return false;
  bool u = false;
  int l = 0;
  while (p < end) {
    if ((*p == 'u' || *p == 'U') && !u) {
      u = true;
      p++;
    } else if ((*p == 'l' || *p == 'L') && !l) {
      l = p + 1 < end && p[1] == p[0] ? 2 : 1;
      p += l;
    } else {
      return false;
    }
  }
  bool uns;
  if (u)
    uns = true;
  else if (!l && v <= INT_MAX)
    uns = false;
  else if (!l && base != 10 && v <= UINT_MAX)
    uns = true;
  else if (v <= LLONG_MAX) /* long and long long are both 64 bits */
    uns = false;
  else if (base != 10)
    uns = true;
  else
    return false; /* a decimal too large for long long: clang warns, the probe decides */
  if (d) {
    d->macro_kind = IM_INT;
    d->is_unsigned = uns;
    d->uval = v;
    d->ival = (long long)v;
    d->skip = NULL;
  }
  return true;
}

static bool string_literal(ImpArena *a, const char *s, size_t n, ImpDecl *d) {
  if (n < 2 || s[0] != '"' || s[n - 1] != '"') return false;
  char *out = a ? imp_alloc(a, n) : NULL;
  size_t k = 0;
  for (size_t i = 1; i < n - 1; i++) {
    unsigned c = (unsigned char)s[i];
    if (c == '"') return false; /* "a" "b": two tokens */
    if (c == '\\') {
      if (++i >= n - 1) return false;
      switch (s[i]) {
      case 'n': c = '\n'; break;
      case 't': c = '\t'; break;
      case 'r': c = '\r'; break;
      case 'a': c = '\a'; break;
      case 'b': c = '\b'; break;
      case 'f': c = '\f'; break;
      case 'v': c = '\v'; break;
      case '\\':
      case '"':
      case '\'':
      case '?': c = (unsigned char)s[i]; break;
      default:
        if (s[i] < '0' || s[i] > '7') return false; /* \x, \u...: the probe */
        c = 0;
        for (int m = 0; m < 3 && i < n - 1 && s[i] >= '0' && s[i] <= '7'; m++, i++)
          c = c * 8 + (unsigned)(s[i] - '0');
        i--;
        if (c > 255) return false;
      }
    }
    if (out) out[k] = (char)c;
    k++;
  }
  if (d) {
    out[k] = 0;
    d->macro_kind = IM_STRING;
    d->slen = strlen(out);
    d->sval = out;
    d->skip = NULL;
  }
  return true;
}

/* Whether the one token tok is a literal evaluated here; d (may be NULL: only
   asking) gets the value. */
static bool literal_value(ImpArena *a, const char *tok, size_t n, ImpDecl *d) {
  if (n && tok[0] == '"') return string_literal(a, tok, n, d);
  if (n && tok[0] >= '0' && tok[0] <= '9') return int_literal(tok, n, d);
  return false;
}

/* Whether the target is the one literal_value assumes: LP64, not Windows. */
static bool lp64_target(const ImpParser *P) {
  return P->m->ptr_size == 8 && P->m->triple && !strstr(P->m->triple, "windows") &&
         !strstr(P->m->triple, "win32") && !strstr(P->m->triple, "mingw");
}

bool imp_macro_literal(ImpParser *P, ImpDecl *d, const char *tok) {
  return imp_map_get(&P->literal_ok, d->name) && lp64_target(P) &&
         literal_value(P->m->arena, tok, strlen(tok), d);
}

void imp_macro_redefined(ImpParser *P, ImpDecl *d) {
  /* defined again where the scan did not look: the value at the end counts */
  if (d->macro_kind != IM_NONE && imp_map_get(&P->literal_ok, d->name) && !imp_map_get(&P->cand, d->name)) {
    d->macro_kind = IM_NONE;
    imp_macro_candidate(P, d);
  }
}

/* Arguments that may change the target: probes for every macro then. */
static bool default_target(const ImpParser *P) {
  if (sizeof(long) != 8 || sizeof(void *) != 8) return false;
  for (size_t i = 0; i < P->opt->nclang_args; i++) {
    const char *x = P->opt->clang_args[i];
    if (strncmp(x, "-target", 7) == 0 || strncmp(x, "--target", 8) == 0 || strcmp(x, "-m32") == 0 ||
        strcmp(x, "-m16") == 0 || strcmp(x, "-mx32") == 0 || strncmp(x, "-arch", 5) == 0 ||
        strncmp(x, "-triple", 7) == 0)
      return false;
  }
  return true;
}

/* -- The text scan: object-like #defines of the library's headers -- */

typedef struct Scan {
  ImpParser *P;
  ImpMap seen;        /* real paths scanned */
  ImpMap names;       /* macro names probed: value "a" when the address probe is wanted too */
  const char **order; /* the names in the order found */
  size_t n, cap;
  bool skip_literals; /* literal_value applies (the default, LP64 target) */
  ImpMap listed;      /* the names in order[] */
} Scan;

static bool in_library(const ImpParser *P, const char *path) {
  for (size_t i = 0; i < P->nlibdirs; i++)
    if (strncmp(path, P->libdirs[i], strlen(P->libdirs[i])) == 0) return true;
  return false;
}

/* Where #include "name" (quoted: from dir first) or <name> leads, or false. */
static bool resolve_include(const ImpParser *P, const char *dir, const char *name, bool quoted, char *abs) {
  char path[PATH_MAX];
  if (name[0] == '/') return realpath(name, abs) != NULL;
  if (quoted) {
    int k = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (k > 0 && (size_t)k < sizeof path && realpath(path, abs)) return true;
  }
  return imp_find_include(P->opt, name, abs); /* <openssl/macros.h> from openssl/evp.h */
}

static bool ident_start(int c) { return isalpha(c) || c == '_'; }
static bool ident_char(int c) { return isalnum(c) || c == '_'; }

/* Whether a #define body could sit in an initializer (as macro() decides
   from the tokens later): balanced, no braces, ';', '#' or top-level ','. */
static bool body_ok(const char *b, size_t n, bool *single_literal) {
  int depth = 0;
  size_t start = 0;
  while (start < n && isspace((unsigned char)b[start])) start++;
  while (n > start && isspace((unsigned char)b[n - 1])) n--;
  if (start == n) return false;
  for (size_t i = start; i < n; i++) {
    char c = b[i];
    if (c == '"' || c == '\'') {
      for (i++; i < n && b[i] != c; i++)
        if (b[i] == '\\') i++;
      continue;
    }
    if (c == '(' || c == '[')
      depth++;
    else if (c == ')' || c == ']') {
      if (--depth < 0) return false;
    } else if (c == '{' || c == '}' || c == ';' || c == '#' || (c == ',' && depth == 0))
      return false;
  }
  if (depth) return false;
  /* one number or one plain string literal: never a pointer */
  bool lit = true;
  if (b[start] == '"') {
    size_t i = start + 1;
    for (; i < n && b[i] != '"'; i++)
      if (b[i] == '\\') i++;
    lit = i == n - 1;
  } else if (isdigit((unsigned char)b[start]) || (b[start] == '.' && start + 1 < n)) {
    for (size_t i = start; i < n && lit; i++) lit = isalnum((unsigned char)b[i]) || b[i] == '.';
  } else {
    lit = false;
  }
  *single_literal = lit;
  return true;
}

static void scan_file(Scan *S, const char *path);

/* One logical line (continuations joined, comments blanked). */
static void scan_line(Scan *S, const char *dir, char *l, size_t n) {
  size_t i = 0;
  while (i < n && isspace((unsigned char)l[i])) i++;
  if (i == n || l[i] != '#') return;
  i++;
  while (i < n && isspace((unsigned char)l[i])) i++;
  size_t w = i;
  while (i < n && ident_char((unsigned char)l[i])) i++;
  if (i - w == 6 && strncmp(l + w, "define", 6) == 0) {
    while (i < n && isspace((unsigned char)l[i])) i++;
    size_t nm = i;
    if (i == n || !ident_start((unsigned char)l[i])) return;
    while (i < n && ident_char((unsigned char)l[i])) i++;
    if (i < n && l[i] == '(') return; /* function-like */
    bool lit = false;
    if (!body_ok(l + i, n - i, &lit)) return;
    size_t b = i, e = n;
    while (b < e && isspace((unsigned char)l[b])) b++;
    while (e > b && isspace((unsigned char)l[e - 1])) e--;
    bool known = S->skip_literals && literal_value(NULL, l + b, e - b, NULL);
    const char *name = imp_strndup(S->P->m->arena, l + nm, i - nm);
    const char *had = imp_map_get(&S->names, name);
    if (had && *had == 'u') { /* #undef before: a name not listed yet */
      imp_map_set(&S->names, name, lit ? "v" : "a");
      had = NULL;
      known = false;
    }
    if (!had && !imp_map_get(&S->listed, name)) {
      imp_map_set(&S->listed, name, (void *)name);
      if (S->n == S->cap) {
        S->cap = S->cap ? 2 * S->cap : 256;
        S->order = realloc(S->order, S->cap * sizeof *S->order);
        if (!S->order) abort();
      }
      S->order[S->n++] = name;
    }
    /* "l": every definition seen is a literal evaluated here; "v": a value
       probe; "a": the address probe too */
    const char *want = known && !had ? "l" : lit ? "v" : "a"; /* defined twice: probed */
    if (had && (*had == 'a' || *want == 'l')) want = *had == 'a' ? "a" : "v";
    imp_map_set(&S->names, name, (void *)want);
    return;
  }
  if (i - w == 5 && strncmp(l + w, "undef", 5) == 0) { /* the value at the end counts: probed */
    while (i < n && isspace((unsigned char)l[i])) i++;
    size_t nm = i;
    while (i < n && ident_char((unsigned char)l[i])) i++;
    if (i == nm) return;
    const char *name = imp_strndup(S->P->m->arena, l + nm, i - nm);
    const char *had = imp_map_get(&S->names, name);
    if (had && *had == 'l')
      imp_map_set(&S->names, name, "v");
    else if (!had)
      imp_map_set(&S->names, name, "u"); /* a later #define is probed */
    return;
  }
  if (i - w == 7 && strncmp(l + w, "include", 7) == 0) {
    while (i < n && isspace((unsigned char)l[i])) i++;
    if (i == n || (l[i] != '"' && l[i] != '<')) return; /* #include MACRO */
    char close = l[i] == '"' ? '"' : '>';
    size_t s = ++i;
    while (i < n && l[i] != close) i++;
    if (i == n) return;
    char name[PATH_MAX], abs[PATH_MAX];
    snprintf(name, sizeof name, "%.*s", (int)(i - s), l + s);
    if (resolve_include(S->P, dir, name, close == '"', abs) && in_library(S->P, abs)) scan_file(S, abs);
  }
}

static void scan_file(Scan *S, const char *path) {
  if (imp_map_get(&S->seen, path)) return;
  const char *key = imp_strdup(S->P->m->arena, path);
  imp_map_set(&S->seen, key, (void *)key);
  FILE *f = fopen(path, "rb");
  if (!f) return;
  ImpBuf t = {0};
  char buf[65536];
  size_t k;
  while ((k = fread(buf, 1, sizeof buf, f)) > 0) imp_buf_putn(&t, buf, k);
  fclose(f);
  if (!t.s) return;
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (slash) *slash = 0;
  /* blank comments and join continuation lines (into o, in place: it never
     grows), then hand each logical line that is a directive on */
  char *o = t.s, *src = t.s, *end = t.s + t.n;
  bool block = false;
  static bool special[256]; /* the characters that start something other than plain text */
  special['/'] = special['"'] = special['\''] = special['\\'] = true;
  while (src < end) {
    if (block) {
      char *star = memchr(src, '*', (size_t)(end - src));
      if (!star) break;
      src = star + 1;
      if (src < end && *src == '/') {
        block = false;
        src++;
        *o++ = ' ';
      }
      continue;
    }
    size_t plain = 0;
    while (src + plain < end && !special[(unsigned char)src[plain]]) plain++;
    if (plain) { /* plain text, moved down over what comments took */
      if (o != src) memmove(o, src, plain);
      o += plain;
      src += plain;
      continue;
    }
    char c = *src;
    if (c == '/' && src + 1 < end && src[1] == '*') {
      block = true;
      src += 2;
      continue;
    }
    if (c == '/' && src + 1 < end && src[1] == '/') {
      while (src < end && *src != '\n') src++;
      continue;
    }
    if (c == '"' || c == '\'') { /* a literal whole: no comment inside it */
      *o++ = *src++;
      while (src < end && *src != c && *src != '\n') {
        if (*src == '\\' && src + 1 < end && src[1] != '\n') *o++ = *src++;
        *o++ = *src++;
      }
      if (src < end && *src == c) *o++ = *src++;
      continue;
    }
    if (c == '\\' && src + 1 < end && src[1] == '\n') {
      src += 2;
      continue;
    }
    if (c == '\\' && src + 2 < end && src[1] == '\r' && src[2] == '\n') {
      src += 3;
      continue;
    }
    *o++ = *src++;
  }
  for (char *l = t.s; l < o;) {
    char *nl = memchr(l, '\n', (size_t)(o - l));
    char *e = nl ? nl : o;
    char *p = l;
    while (p < e && (*p == ' ' || *p == '\t')) p++;
    if (p < e && *p == '#') scan_line(S, dir, p, (size_t)(e - p));
    l = e + 1;
  }
  imp_buf_free(&t);
}

void imp_macro_prescan(ImpParser *P, const char **abs_headers, ImpBuf *probes) {
  Scan S = {P, {0}, {0}, NULL, 0, 0, default_target(P), {0}};
  for (size_t i = 0; i < P->opt->nheaders; i++) scan_file(&S, abs_headers[i]);
  size_t line = IMP_MAIN_INCLUDES - 1 + P->opt->nheaders; /* the main file's lines so far */
  for (size_t i = 0; i < S.n; i++) {
    const char *n = S.order[i];
    const char *want = imp_map_get(&S.names, n);
    if (*want == 'l') { /* one #define, one literal, no #undef: evaluated here */
      imp_map_set(&P->literal_ok, n, (void *)n);
      continue;
    }
    imp_buf_printf(probes, "#ifdef %s\n__auto_type " PROBE_VALUE "%s = %s;\n", n, n, n);
    imp_map_set(&P->probe_lines, n, (void *)(line + 2));
    line += 3;
    if (*want == 'a') {
      imp_buf_printf(probes, "unsigned long long " PROBE_ADDR "%s = (unsigned long long)(%s);\n", n, n);
      line++;
    }
    imp_buf_printf(probes, "#endif\n");
  }
  free(S.order);
  imp_map_free(&S.listed);
  imp_map_free(&S.seen);
  imp_map_free(&S.names);
}

void imp_macro_probe_seen(ImpParser *P, CXCursor c) {
  CXString s = clang_getCursorSpelling(c);
  const char *var = clang_getCString(s);
  if (var && strncmp(var, "__ffi_import_", 13) == 0) {
    if (P->nprobes == P->capprobes) {
      P->capprobes = P->capprobes ? P->capprobes * 2 : 256;
      P->probe_cursors = realloc(P->probe_cursors, P->capprobes * sizeof *P->probe_cursors);
      if (!P->probe_cursors) abort();
    }
    P->probe_cursors[P->nprobes] = c;
    unsigned line = 0;
    clang_getFileLocation(clang_getCursorLocation(c), NULL, &line, NULL, NULL);
    if (line > P->probe_last_line) P->probe_last_line = line;
    imp_map_set(&P->probes, imp_strdup(P->m->arena, var), (void *)(P->nprobes + 1));
    P->nprobes++;
  }
  clang_disposeString(s);
}

static enum CXChildVisitResult first_child(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  *(CXCursor *)data = c;
  return CXChildVisit_Break;
}

/* The function or variable an initializer names, through parentheses and
   implicit conversions (function-to-pointer, lvalue-to-rvalue), or NULL. */
static ImpDecl *named_decl(ImpParser *P, CXCursor e) {
  for (int depth = 0; depth < 16 && !clang_Cursor_isNull(e); depth++) {
    enum CXCursorKind k = clang_getCursorKind(e);
    if (k == CXCursor_DeclRefExpr) {
      CXCursor ref = clang_getCursorReferenced(e);
      enum CXCursorKind rk = clang_getCursorKind(ref);
      if (rk != CXCursor_FunctionDecl && rk != CXCursor_VarDecl) return NULL;
      CXString s = clang_getCursorSpelling(ref);
      ImpDecl *d = imp_map_get(&P->m->by_name, clang_getCString(s));
      clang_disposeString(s);
      return d && (d->kind == ID_FUNC || d->kind == ID_VAR) ? d : NULL;
    }
    if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr) return NULL;
    CXCursor child = clang_getNullCursor();
    clang_visitChildren(e, first_child, &child);
    e = child;
  }
  return NULL;
}

static void eval_value(ImpParser *P, ImpDecl *d, CXCursor c) {
  CXType t = clang_getCursorType(c);
  /* __auto_type hides typedef names: the initializer's own type keeps them */
  CXCursor init = clang_Cursor_getVarDeclInitializer(c);
  /* an alias: the expansion (as clang expanded it, ## included) names a function or variable */
  ImpDecl *target = clang_Cursor_isNull(init) ? NULL : named_decl(P, init);
  if (target && strcmp(target->name, d->name) != 0) {
    d->macro_kind = IM_ALIAS;
    d->alias_of = target;
    d->skip = NULL;
    return;
  }
  if (!clang_Cursor_isNull(init)) {
    CXType it = clang_getCursorType(init);
    if (it.kind != CXType_Invalid) t = it;
  }
  CXEvalResult ev = clang_Cursor_Evaluate(c);
  if (!ev) { /* pointers do not evaluate here: the address probe will */
    if (clang_getCanonicalType(t).kind == CXType_Pointer) {
      d->macro_kind = IM_POINTER;
      d->ptr_type = imp_clang_type(P, t);
    }
    return;
  }
  switch (clang_EvalResult_getKind(ev)) {
  case CXEval_Int:
    d->macro_kind = IM_INT;
    d->is_unsigned = clang_EvalResult_isUnsignedInt(ev) != 0;
    d->uval = clang_EvalResult_getAsUnsigned(ev);
    d->ival = clang_EvalResult_getAsLongLong(ev);
    d->skip = NULL;
    break;
  case CXEval_Float:
    d->macro_kind = IM_FLOAT;
    d->fval = clang_EvalResult_getAsDouble(ev);
    d->skip = NULL;
    break;
  case CXEval_StrLiteral: {
    const char *s = clang_EvalResult_getAsStr(ev);
    CXType pt = clang_getPointeeType(clang_getCanonicalType(t));
    if (s && (pt.kind == CXType_Char_S || pt.kind == CXType_Char_U)) {
      d->macro_kind = IM_STRING;
      d->slen = strlen(s);
      d->sval = imp_strndup(P->m->arena, s, d->slen);
      d->skip = NULL;
    } else {
      d->skip = "wide or unicode string literal";
    }
    break;
  }
  default:
    if (clang_getCanonicalType(t).kind == CXType_Pointer) {
      d->macro_kind = IM_POINTER; /* the address comes from the second probe */
      d->ptr_type = imp_clang_type(P, t);
    }
    break;
  }
  clang_EvalResult_dispose(ev);
}

static void eval_addr(ImpDecl *d, CXCursor c) {
  CXEvalResult ev = clang_Cursor_Evaluate(c);
  if (!ev) return;
  if (clang_EvalResult_getKind(ev) == CXEval_Int) {
    d->uval = clang_EvalResult_getAsUnsigned(ev);
    d->ival = (long long)d->uval;
    d->skip = NULL;
  }
  clang_EvalResult_dispose(ev);
}

typedef struct AddrList {
  ImpDecl *d;
  CXCursor c;
} AddrList;

typedef struct ProbeWalk {
  ImpParser *P;
  AddrList *addrs;
  size_t naddrs;
} ProbeWalk;

/* A variable of the second unit: a probe of the main file, if valid. */
static void probe_var(CXCursor c, void *data) {
  ProbeWalk *w = data;
  if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)) || clang_isInvalidDeclaration(c)) return;
  CXString s = clang_getCursorSpelling(c);
  const char *var = clang_getCString(s);
  ImpDecl *d;
  if ((d = probe_target(w->P, var, PROBE_VALUE)) != NULL) {
    eval_value(w->P, d, c);
  } else if ((d = probe_target(w->P, var, PROBE_ADDR)) != NULL) {
    w->addrs[w->naddrs].d = d; /* after every value probe: the kind decides */
    w->addrs[w->naddrs++].c = c;
  }
  clang_disposeString(s);
}

/* The second unit: the headers again, then the probes of the macros given. */
static void evaluate_apart(ImpParser *P, ImpDecl **list, size_t n) {
  ImpBuf src = {0};
  imp_buf_puts(&src, P->main_text);
  for (size_t i = 0; i < n; i++) {
    const char *name = list[i]->name;
    imp_buf_printf(&src, "__auto_type " PROBE_VALUE "%s = %s;\n", name, name);
    imp_buf_printf(&src, "unsigned long long " PROBE_ADDR "%s = (unsigned long long)(%s);\n", name, name);
  }
  const char **args = calloc(P->nargs + 2, sizeof *args);
  if (!args) abort();
  memcpy(args, P->args, P->nargs * sizeof *args);
  args[P->nargs] = "-ferror-limit=0";
  struct CXUnsavedFile uf = {P->main_path, src.s, src.n};
  CXTranslationUnit tu = NULL;
  enum CXErrorCode ec = clang_parseTranslationUnit2(P->index, P->main_path, args, (int)P->nargs + 1, &uf, 1,
                                                    CXTranslationUnit_SkipFunctionBodies, &tu);
  free(args);
  if (ec == CXError_Success && tu) {
    CXTranslationUnit main_tu = P->tu;
    P->tu = tu;
    P->last_file = NULL;
    ProbeWalk w = {P, calloc(n + 1, sizeof(AddrList)), 0};
    if (!w.addrs) abort();
    imp_each_child(clang_getTranslationUnitCursor(tu), CXCursor_VarDecl, probe_var, &w);
    for (size_t i = 0; i < w.naddrs; i++)
      if (w.addrs[i].d->macro_kind == IM_POINTER) eval_addr(w.addrs[i].d, w.addrs[i].c);
    free(w.addrs);
    P->last_file = NULL;
    P->tu = main_tu;
    clang_disposeTranslationUnit(tu);
  }
  imp_buf_free(&src);
}

/* The main unit's probe variable for d (prefix: value or address), or NULL. */
static CXCursor *main_probe(ImpParser *P, const char *prefix, const ImpDecl *d) {
  char var[512];
  if ((size_t)snprintf(var, sizeof var, "%s%s", prefix, d->name) >= sizeof var) return NULL;
  size_t k = (size_t)imp_map_get(&P->probes, var);
  return k ? &P->probe_cursors[k - 1] : NULL;
}

void imp_macro_evaluate(ImpParser *P) {
  if (!P->nmacros) return;
  /* the probes that rode in the main unit: every value first, as in evaluate_apart */
  ImpDecl **left = calloc(P->nmacros + 1, sizeof *left);
  if (!left) abort();
  size_t nleft = 0;
  bool *here = calloc(P->nmacros + 1, sizeof *here);
  if (!here) abort();
  for (size_t i = 0; i < P->nmacros; i++) {
    CXCursor *c = main_probe(P, PROBE_VALUE, P->macros[i]);
    /* no variable for a probe that clang did parse (one after it did give a
       variable): the declaration was an error, as it would be apart */
    size_t line = (size_t)imp_map_get(&P->probe_lines, P->macros[i]->name);
    if (!c && line && line < P->probe_last_line) here[i] = true;
    if (!c) continue;
    here[i] = true;
    if (!clang_isInvalidDeclaration(*c)) eval_value(P, P->macros[i], *c);
  }
  for (size_t i = 0; i < P->nmacros; i++) {
    ImpDecl *d = P->macros[i];
    if (!here[i]) {
      left[nleft++] = d;
    } else if (d->macro_kind == IM_POINTER && main_probe(P, PROBE_VALUE, d)) {
      CXCursor *c = main_probe(P, PROBE_ADDR, d);
      if (!c)
        left[nleft++] = d; /* the scan took it for a literal: the second unit decides */
      else if (!clang_isInvalidDeclaration(*c))
        eval_addr(d, *c);
    }
  }
  free(here);
  if (nleft) evaluate_apart(P, left, nleft);
  free(left);
  for (size_t i = 0; i < P->nmacros; i++) /* a pointer whose address did not evaluate */
    if (P->macros[i]->macro_kind == IM_POINTER && P->macros[i]->skip) P->macros[i]->macro_kind = IM_NONE;
}
