/*
** imp_int.h -- internals shared by the libclang side of the importer.
*/
#ifndef IMP_INT_H
#define IMP_INT_H

#include <regex.h>

#include <clang-c/Index.h>

#include "imp.h"

typedef struct FileInfo FileInfo;

/* The line of the main unit's first #include (line 1 declares what the model
   reads the target's facts from, imp_clang.c); the macro probes follow the
   #include lines. */
#define IMP_MAIN_INCLUDES 2

typedef struct ImpParser {
  ImpModel *m;
  const ImpOptions *opt;
  CXIndex index;
  CXTranslationUnit tu;  /* the unit being walked (main, then the macro probe) */
  const char *main_path; /* the virtual main file */
  const char *main_text; /* the #include lines */
  size_t main_len;
  ImpBuf first;           /* the main unit's text: main_text, then the macro probes */
  const char **own_paths; /* the named headers' real paths */
  const char **args;      /* clang arguments */
  size_t nargs;
  const char **libdirs; /* "dir/": headers under them belong to the library */
  size_t nlibdirs;
  CXFile *own; /* the named headers */
  size_t nown;
  FileInfo *files, *last_file; /* display path and ownership per file */
  const char *resource_real;   /* clang's resource directory, real path with a final '/' */
  size_t nfiles, capfiles;
  regex_t *match;   /* --match, compiled */
  ImpDecl **macros; /* object-like macros to evaluate */
  size_t nmacros, capmacros;
  ImpMap hinted; /* names an -include hint was printed for */
  ImpMap cand;   /* name -> the candidate macro (imp_macro_candidate) */
  ImpMap probes; /* probe variable name -> index in probe_cursors: probes of the main unit */
  CXCursor *probe_cursors;
  size_t nprobes, capprobes;
  ImpMap probe_lines;       /* macro name -> the main-file line of its value probe */
  unsigned probe_last_line; /* the last line that gave a probe variable */
  ImpMap literal_ok;        /* macros defined once, as one literal, in the headers scanned */
  struct CursorSlot *seen;  /* declaration cursor -> its ImpDecl (imp_clang.c) */
  size_t nseen, capseen;
} ImpParser;

ImpType *imp_clang_type(ImpParser *P, CXType t);

/* Calls fn for each child of parent of the given kind, in order. */
typedef void (*ImpChildFn)(CXCursor c, void *data);
void imp_each_child(CXCursor parent, enum CXCursorKind kind, ImpChildFn fn, void *data);
ImpType *imp_param_decay(ImpModel *m, ImpType *t);

/* imp_select.c: a root of the selection (own header, --all, --match) */
bool imp_wanted(const ImpOptions *opt, const regex_t *match, const ImpDecl *d);

/* imp_macro.c */
void imp_macro_candidate(ImpParser *P, ImpDecl *d);
void imp_macro_evaluate(ImpParser *P);
void imp_macro_prescan(ImpParser *P, const char **abs_headers, ImpBuf *probes);
void imp_macro_probe_seen(ImpParser *P, CXCursor c);
bool imp_macro_literal(ImpParser *P, ImpDecl *d, const char *tok);
void imp_macro_redefined(ImpParser *P, ImpDecl *d);

#endif
