/*
** cparse_int.h -- internals shared by the C declaration lexer (clex.c) and
** parser (cparse.c): token codes, the lexer's state, the parser object.
*/
#ifndef FFI_CPARSE_INT_H
#define FFI_CPARSE_INT_H

#include <setjmp.h>
#include <string.h>

#include "ffi_cparse.h"

enum {
  TK_EOF = 256,
  TK_IDENT,
  TK_NUMBER,
  TK_STRING,
  TK_CHAR,
  TK_ELLIPSIS,
  TK_SHL,
  TK_SHR,
  TK_LE,
  TK_GE,
  TK_EQ,
  TK_NE,
  TK_AND,
  TK_OR,
  TK_ARROW
};

/* Keyword tokens (FFI_KEYWORDS in ffi_vocab.h): an identifier that is a
   keyword stays TK_IDENT (attributes and members may be spelled like one)
   and carries its token in LexState.kw and its KWC_* class in kwc. */
enum {
#define KW_ENUM(t) KW_##t,
  FFI_KW_TOKENS(KW_ENUM)
#undef KW_ENUM
};

typedef struct LexState {
  size_t pos;    /* position after the current token */
  int line, col; /* of the current token */
  int tok;
  uint8_t kw, kwc;     /* TK_IDENT: its keyword token (KW_*) and class (KWC_*) */
  size_t tstart, tlen; /* current token text */
  int64_t num;
  int nline; /* line at pos */
  size_t nlinestart;
} LexState;

#define MAX_SCOPED 64

/* A record whose body is being parsed (a stack through the parser's C frames). */
typedef struct CPDefining {
  const CType *type;
  const struct CPDefining *up;
} CPDefining;

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
  struct {
    const char *name;
    CType *type;
    uint8_t ns;
  } scoped[MAX_SCOPED];
  int nscoped;
  CTName scoped_name; /* what find_name returns for a scoped tag */
  CType *last_record;
  const CPDefining *defining; /* innermost record being defined: nested redefinitions */
  int tag_line, tag_col;      /* of the last struct/union/enum tag (for messages) */
  int in_params;              /* > 0 in a parameter's declarator: a[n] may name a parameter */
  int depth;                  /* declarators */
  int nesting;                /* expressions and nested records */
} CParser;

/* -- Lexer (clex.c) -- */

/* Raises "chunk:line:col: msg near 'token'" (longjmp to the entry point). */
_Noreturn void cp_error(CParser *P, const char *fmt, ...);
_Noreturn void cp_oom(CParser *P);
void *cp_alloc(CParser *P, size_t n); /* owned by the CTState: undone by rollback */
void cp_next(CParser *P);
void cp_expect(CParser *P, int tok);
const char *cp_tok_str(CParser *P);                  /* the current token's text, copied */
int cp_keyword(const char *s, size_t len, int *kwc); /* KW_* of a word, KW_NONE if none */
const char *cp_name_token(CParser *P);               /* an identifier that is not a keyword */

static inline bool is(CParser *P, int tok) { return P->ls.tok == tok; }

static inline bool is_word(CParser *P, const char *w) {
  size_t n = strlen(w);
  return P->ls.tok == TK_IDENT && P->ls.tlen == n && memcmp(P->src + P->ls.tstart, w, n) == 0;
}

/* The current token is the keyword kw (any of its spellings). */
static inline bool is_kw(CParser *P, int kw) { return P->ls.tok == TK_IDENT && P->ls.kw == kw; }

/* A C keyword (KWC_C): never a name. */
static inline bool cp_is_keyword(CParser *P) { return P->ls.tok == TK_IDENT && (P->ls.kwc & KWC_C); }

static inline bool accept(CParser *P, int tok) {
  if (!is(P, tok)) return false;
  cp_next(P);
  return true;
}

#endif
