/*
** ffi_cparse.h -- the C declaration parser's interface (lexer: clex.c, parser: cparse.c).
*/
#ifndef FFI_CPARSE_H
#define FFI_CPARSE_H

#include "ffi_ctype.h"

typedef enum CDeclKind {
  CDK_FUNC,    /* function declaration: type is FUNC */
  CDK_VAR,     /* variable declaration */
  CDK_TYPEDEF, /* typedef name */
  CDK_RECORD,  /* struct/union/enum definition with a tag */
  CDK_CONST    /* enumerator or static const */
} CDeclKind;

typedef struct CDecl {
  uint8_t kind;
  const char *name;
  const char *sym; /* symbol to bind (asm label or name) */
  CType *type;
  int64_t value; /* CDK_CONST */
  int line, col;
} CDecl;

typedef struct CParseResult {
  CDecl *decls;
  size_t n;
  CType *last_record; /* last struct/union defined (ffi.struct returns it) */
} CParseResult;

/* Parser options. */
#define CP_SCOPED 0x1 /* struct tags stay local to this text (ffi.struct) */

/* Parses declarations; registers names in cts. On error returns false with
   "chunk:line:col: message near 'token'" in err. The caller owns the
   transaction (ctype_begin / ctype_rollback). */
bool cparse_decls(CTState *cts, const char *src, size_t len, const char *chunk, unsigned opts,
                  CParseResult *out, char *err, size_t errlen);

/* Parses one type name ("int", "struct Point *", "int[4]", "char[?]"). */
bool cparse_type(CTState *cts, const char *src, size_t len, CType **out, char *err, size_t errlen);

#endif
