/*
** clex.c -- the lexer of C declarations: tokens, comments, preprocessor
** lines (#pragma pack is honoured, line markers skipped), errors with positions.
*/
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cparse_int.h"

void cp_error(CParser *P, const char *fmt, ...) {
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

void cp_oom(CParser *P) { cp_error(P, "not enough memory"); }

void *cp_alloc(CParser *P, size_t n) {
  void *p = ctype_alloc(P->cts, n);
  if (!p) cp_oom(P);
  return p;
}

static void skip_line(CParser *P, LexState *ls) {
  while (ls->pos < P->len && P->src[ls->pos] != '\n') ls->pos++;
}

/* A preprocessor line, continued over backslash-newlines (multi-line #define). */
static void skip_directive(CParser *P, LexState *ls) {
  const char *s = P->src;
  while (ls->pos < P->len && s[ls->pos] != '\n') {
    size_t nl = ls->pos + 1;
    if (s[ls->pos] == '\\' && nl < P->len && s[nl] == '\r') nl++;
    if (s[ls->pos] == '\\' && nl < P->len && s[nl] == '\n') {
      ls->pos = nl + 1;
      ls->nline++;
      ls->nlinestart = ls->pos;
    } else {
      ls->pos++;
    }
  }
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
      skip_directive(P, ls);
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
  case 'x': { /* '\x4F': hex digits, as many as follow (C); the value must fit a char */
    int v = 0, nd = 0;
    while (ls->pos < P->len && isxdigit((unsigned char)P->src[ls->pos])) {
      char h = P->src[ls->pos++];
      v = v * 16 + (isdigit((unsigned char)h) ? h - '0' : (tolower((unsigned char)h) - 'a' + 10));
      if (v > 0xff) cp_error(P, "hex escape sequence out of range");
      nd++;
    }
    if (!nd) cp_error(P, "\\x used with no following hex digits");
    return (char)v; /* a char constant: the target's char signedness aside, as C's int of a char */
  }
  case '0':
  case '1':
  case '2':
  case '3':
  case '4':
  case '5':
  case '6':
  case '7': { /* '\123': up to three octal digits */
    int v = c - '0';
    for (int i = 1; i < 3 && ls->pos < P->len && P->src[ls->pos] >= '0' && P->src[ls->pos] <= '7'; i++)
      v = v * 8 + (P->src[ls->pos++] - '0');
    if (v > 0xff) cp_error(P, "octal escape sequence out of range");
    return (char)v;
  }
  case 'a': return '\a';
  case 'b': return '\b';
  case 'f': return '\f';
  case 'v': return '\v';
  case '\\':
  case '\'':
  case '"':
  case '?': return c;
  default: cp_error(P, "unsupported escape sequence"); return 0;
  }
}

void cp_next(CParser *P) {
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
    int kwc;
    ls->kw = (uint8_t)cp_keyword(s + ls->tstart, ls->pos - ls->tstart, &kwc);
    ls->kwc = (uint8_t)kwc;
  } else if (isdigit((unsigned char)c) ||
             (c == '.' && ls->pos + 1 < P->len && isdigit((unsigned char)s[ls->pos + 1]))) {
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
    static const struct {
      const char *s;
      int tok;
    } ops[] = {{"...", TK_ELLIPSIS}, {"<<", TK_SHL}, {">>", TK_SHR}, {"<=", TK_LE}, {">=", TK_GE},
               {"==", TK_EQ},        {"!=", TK_NE},  {"&&", TK_AND}, {"||", TK_OR}, {"->", TK_ARROW}};
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

static const char *tokname(int tok, char *buf) {
  switch (tok) {
  case TK_IDENT: return "identifier";
  case TK_NUMBER: return "number";
  case TK_ELLIPSIS: return "...";
  default:
    buf[0] = (char)tok;
    buf[1] = 0;
    return buf;
  }
}

void cp_expect(CParser *P, int tok) {
  char b[2];
  if (!accept(P, tok)) cp_error(P, "expected '%s'", tokname(tok, b));
}

const char *cp_tok_str(CParser *P) {
  const char *s = ctype_strdup(P->cts, P->src + P->ls.tstart, P->ls.tlen);
  if (!s) cp_oom(P);
  return s;
}

/* The keyword table, in ASCII order (FFI_KEYWORDS), searched by halves. */
static const struct {
  const char *s;
  uint8_t len, kw, kwc;
} keywords[] = {
#define KW_ROW(s, tok, cls) {s, sizeof s - 1, KW_##tok, cls},
    FFI_KEYWORDS(KW_ROW)
#undef KW_ROW
};

int cp_keyword(const char *s, size_t len, int *kwc) {
  size_t lo = 0, hi = sizeof keywords / sizeof keywords[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2, n = keywords[mid].len;
    int c = memcmp(s, keywords[mid].s, len < n ? len : n);
    if (c == 0) c = len < n ? -1 : len > n;
    if (c == 0) {
      if (kwc) *kwc = keywords[mid].kwc;
      return keywords[mid].kw;
    }
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  if (kwc) *kwc = 0;
  return KW_NONE;
}

/* An identifier that names something (not a keyword), copied; raises otherwise. */
const char *cp_name_token(CParser *P) {
  if (!is(P, TK_IDENT) || cp_is_keyword(P)) cp_error(P, "expected identifier");
  const char *s = cp_tok_str(P);
  cp_next(P);
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
      if (*arg == ',')
        arg++;
      else if (*arg)
        ok = false;
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
    cp_error(P, "malformed '#pragma pack' (expected pack(), pack(N), pack(push[, N]) or pack(pop) with N = "
                "1, 2, 4, 8 or 16)");
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
