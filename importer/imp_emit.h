/*
** imp_emit.h -- internals shared by the selection, the C printer and the emitters.
*/
#ifndef IMP_EMIT_H
#define IMP_EMIT_H

#include "imp.h"

/* imp_cdecl.c */
bool imp_type_contains_unsupported(const ImpType *t);
void imp_cdecl_named_params(ImpBuf *b, const ImpType *fn, const char *name, const ImpParam *params,
                            unsigned *degraded);

/* imp_select.c */
/* A typedef name the runtime already defines: the typedef is not emitted. */
bool imp_predefined(const ImpModel *m, const ImpDecl *d);
/* Is the declaration emitted as its own item (not inline inside another)? */
bool imp_standalone(const ImpDecl *d);

#endif
