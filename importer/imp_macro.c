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
*/
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
  d->skip = "not a constant expression"; /* until the probe says otherwise */
}

static ImpDecl *probe_target(ImpParser *P, const char *var, const char *prefix) {
  size_t n = strlen(prefix);
  if (strncmp(var, prefix, n) != 0) return NULL;
  ImpDecl *d = imp_map_get(&P->m->by_macro, var + n);
  return d && d->kind == ID_MACRO ? d : NULL;
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

static enum CXChildVisitResult probe_visit(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  ProbeWalk *w = data;
  if (clang_getCursorKind(c) != CXCursor_VarDecl) return CXChildVisit_Continue;
  if (!clang_Location_isFromMainFile(clang_getCursorLocation(c))) return CXChildVisit_Continue;
  if (clang_isInvalidDeclaration(c)) return CXChildVisit_Continue;
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
  return CXChildVisit_Continue;
}

void imp_macro_evaluate(ImpParser *P) {
  if (!P->nmacros) return;
  ImpBuf src = {0};
  imp_buf_puts(&src, P->main_text);
  for (size_t i = 0; i < P->nmacros; i++) {
    const char *n = P->macros[i]->name;
    imp_buf_printf(&src, "__auto_type " PROBE_VALUE "%s = %s;\n", n, n);
    imp_buf_printf(&src, "unsigned long long " PROBE_ADDR "%s = (unsigned long long)(%s);\n", n, n);
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
    ProbeWalk w = {P, calloc(P->nmacros + 1, sizeof(AddrList)), 0};
    if (!w.addrs) abort();
    clang_visitChildren(clang_getTranslationUnitCursor(tu), probe_visit, &w);
    for (size_t i = 0; i < w.naddrs; i++)
      if (w.addrs[i].d->macro_kind == IM_POINTER) eval_addr(w.addrs[i].d, w.addrs[i].c);
    for (size_t i = 0; i < P->nmacros; i++) /* a pointer whose address did not evaluate */
      if (P->macros[i]->macro_kind == IM_POINTER && P->macros[i]->skip) P->macros[i]->macro_kind = IM_NONE;
    free(w.addrs);
    P->last_file = NULL;
    P->tu = main_tu;
    clang_disposeTranslationUnit(tu);
  }
  imp_buf_free(&src);
}
