/*
** imp.h -- ffi-import: C headers -> declaration model -> Lua module text.
**
** Three stages, each usable alone (and unit-tested alone):
**   imp_parse     libclang -> ImpModel (records with clang's layout, enums,
**                 typedefs, functions, variables, macro constants)
**   imp_select    which declarations go out, and in which order
**   imp_emit_lua  ImpModel -> one Lua 5.4 source file (cdef text + glue)
**   imp_emit_json ImpModel -> JSON
** Nothing here depends on the runtime: the contract with it is the cdef text.
*/
#ifndef IMP_H
#define IMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* -- Memory and text -- */

typedef struct ImpArena ImpArena;

ImpArena *imp_arena_new(void);
void imp_arena_free(ImpArena *a);
void *imp_alloc(ImpArena *a, size_t n); /* zeroed; aborts on OOM */
char *imp_strdup(ImpArena *a, const char *s);
char *imp_strndup(ImpArena *a, const char *s, size_t n);
char *imp_sprintf(ImpArena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A growable string. */
typedef struct ImpBuf {
  char *s;
  size_t n, cap;
} ImpBuf;

void imp_buf_puts(ImpBuf *b, const char *s);
void imp_buf_putn(ImpBuf *b, const char *s, size_t n);
void imp_buf_putc(ImpBuf *b, char c);
void imp_buf_printf(ImpBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void imp_buf_free(ImpBuf *b);
void imp_buf_reset(ImpBuf *b);

/* String -> pointer map (keys are not copied: they must outlive the map). */
typedef struct ImpMap {
  const char **keys;
  void **vals;
  size_t n, cap;
  size_t *hashes; /* each key's hash: a grown map does not hash its keys again */
} ImpMap;

void *imp_map_get(const ImpMap *m, const char *key);
void imp_map_set(ImpMap *m, const char *key, void *val);
void imp_map_free(ImpMap *m);

/* -- Types -- */

typedef enum ImpTypeKind {
  IT_VOID,
  IT_BOOL,
  IT_INT,        /* spelling: "int", "unsigned long", "char", ... */
  IT_FLOAT,      /* "float", "double" */
  IT_PTR,        /* base: pointee */
  IT_ARRAY,      /* base: element; n: length, or -1 for [] */
  IT_FUNC,       /* base: result; params; variadic; noproto */
  IT_RECORD,     /* decl: the struct or union */
  IT_ENUM,       /* decl */
  IT_TYPEDEF,    /* decl */
  IT_VALIST,     /* __builtin_va_list */
  IT_UNSUPPORTED /* reason: what the runtime cannot express */
} ImpTypeKind;

#define IMPQ_CONST 1u
#define IMPQ_VOLATILE 2u
#define IMPQ_RESTRICT 4u

typedef struct ImpDecl ImpDecl;
typedef struct ImpType ImpType;

struct ImpType {
  uint8_t kind;
  uint8_t quals;        /* IMPQ_* of this level */
  bool variadic;        /* IT_FUNC */
  bool noproto;         /* IT_FUNC: K&R "f()" */
  const char *spelling; /* IT_INT, IT_FLOAT, IT_UNSUPPORTED (as clang spells it) */
  const char *reason;   /* IT_UNSUPPORTED */
  ImpType *base;
  long long n;      /* IT_ARRAY */
  ImpType **params; /* IT_FUNC */
  size_t nparams;
  ImpDecl *decl;         /* IT_RECORD, IT_ENUM, IT_TYPEDEF */
  long long size, align; /* bytes, from clang; -1 when unknown (incomplete, function) */
  bool is_unsigned;      /* IT_INT */
};

/* -- Declarations -- */

typedef enum ImpDeclKind { ID_RECORD, ID_ENUM, ID_TYPEDEF, ID_FUNC, ID_VAR, ID_MACRO } ImpDeclKind;

typedef struct ImpField {
  const char *name; /* NULL: an anonymous struct/union member */
  ImpType *type;
  int bitwidth;          /* -1: not a bitfield */
  long long offset_bits; /* from clang */
  long long align_attr;  /* aligned(N) on the field, 0 if none */
  bool packed_attr;      /* __attribute__((packed)) on the field */
} ImpField;

typedef struct ImpEnumConst {
  const char *name;
  long long value;
  bool is_unsigned; /* value is an unsigned long long */
} ImpEnumConst;

typedef struct ImpParam {
  const char *name; /* NULL when unnamed */
} ImpParam;

typedef enum ImpMacroKind {
  IM_NONE, /* not a constant: see skip */
  IM_INT,
  IM_FLOAT,
  IM_STRING,
  IM_POINTER, /* a constant address: ptr_type + value */
  IM_ALIAS    /* names a declared function or variable: alias_of */
} ImpMacroKind;

struct ImpDecl {
  uint8_t kind;     /* ImpDeclKind */
  const char *name; /* tag or identifier; NULL for an anonymous record/enum */
  const char *usr;  /* clang's unified symbol resolution: identity */
  const char *file; /* display path of the declaration (definition if any) */
  const char *path; /* its absolute path (what --match sees) */
  unsigned line, col;
  unsigned seq;     /* source order: include order of files, then line, column */
  int file_rank;    /* (imp_clang) position of the file in include order, -1: builtin */
  bool own;         /* declared in one of the named headers */
  bool in_clang;    /* in clang's builtin headers (resource directory): no line, col (they vary by version) */
  const char *skip; /* non-NULL: not emitted as code, only as a comment with this reason */

  /* emission state (imp_select) */
  uint8_t need;   /* IMP_NEED_* */
  uint8_t mark;   /* ordering DFS */
  unsigned order; /* emission index */

  /* ID_RECORD */
  bool is_union;
  bool complete;
  bool packed;           /* __attribute__((packed)) */
  bool member_anon;      /* an anonymous member of its parent (no tag, no declarator) */
  long long size, align; /* bytes */
  long long align_attr;  /* aligned(N) to emit on the record, 0 if none */
  int pack;              /* #pragma pack(N) in effect (0: none), deduced from clang's layout */
  ImpField *fields;
  size_t nfields;
  ImpDecl *parent;         /* a record defined inside another record */
  ImpDecl *naming_typedef; /* untagged record/enum named by "typedef struct {...} T;" */

  /* ID_ENUM */
  ImpType *inttype; /* the integer type clang gave it */
  ImpEnumConst *consts;
  size_t nconsts;
  bool enum_as_int; /* packed / fixed type: referenced as inttype */

  /* ID_TYPEDEF */
  ImpType *underlying;

  /* ID_FUNC, ID_VAR */
  ImpType *type; /* function type, or the variable's type */
  ImpParam *params;
  const char *asm_label; /* symbol when it differs from name */
  bool is_static, is_inline, is_definition;
  /* static inline functions (--shim, imp_shim.c): clang's spelling of the
     result (ctypes[0]) and parameter types, from the definition */
  const char **ctypes;
  bool shim; /* bound through the shim library */

  /* ID_VAR: static const integer with a known value */
  bool has_value;
  long long value;

  /* ID_MACRO */
  uint8_t macro_kind; /* ImpMacroKind */
  long long ival;
  unsigned long long uval;
  bool is_unsigned;
  double fval;
  const char *sval; /* IM_STRING */
  size_t slen;
  ImpType *ptr_type;          /* IM_POINTER */
  struct ImpFnMacro *fnmacro; /* a function-like macro's tokens and translation (imp_fnmacro.c) */
  ImpDecl *alias_of;          /* IM_ALIAS: the function or variable the expansion names */
};

#define IMP_NEED_NONE 0
#define IMP_NEED_NAME 1 /* a forward declaration is enough */
#define IMP_NEED_FULL 2 /* the definition */

/* -- Options and the model -- */

typedef struct ImpOptions {
  const char **headers; /* as given on the command line */
  size_t nheaders;
  const char **clang_args; /* -I, -D, -U, -include, -std=, --target= (already split) */
  size_t nclang_args;
  const char *match;        /* --match REGEX (POSIX extended), or NULL */
  bool all;                 /* --all */
  bool check_layout;        /* --check-layout */
  const char *lib;          /* the library name as written in the module (resolved soname/path) */
  const char *lib_how;      /* how the library was found (no -l), or NULL */
  const char *command;      /* the command line to record (normalized) */
  const char *resource_dir; /* clang's resource directory */
  const char *shim;         /* --shim: the shim library as the module opens it, or NULL */
} ImpOptions;

typedef struct ImpModel {
  ImpArena *arena;
  ImpDecl **decls; /* every declaration seen, in source order */
  size_t ndecls, cap;
  ImpMap by_usr;   /* usr -> decl (records, enums, typedefs) */
  ImpMap by_name;  /* functions and variables by name */
  ImpMap by_macro; /* macros by name (a function may share its name with a macro) */
  const char *clang_version;
  const char *triple;
  long long ptr_size;
  long long long_size, wchar_size; /* the target's long and wchar_t, as clang parsed for it */
  bool wchar_signed;
  const char **include_dirs; /* for display paths (named headers' dirs, -I dirs, system dirs) */
  size_t ninclude_dirs;
  const char **roots; /* display paths of the headers whose declarations are roots */
  size_t nroots;
  /* the emitted order (imp_select) */
  ImpDecl **out;
  size_t nout;
  /* statistics */
  unsigned nerrors;
} ImpModel;

/* Parses the headers. Diagnostics go to err (file:line:col: severity: text).
   Returns NULL on a fatal setup problem (message in err); otherwise the model,
   with model->nerrors set to the number of errors clang reported. */
ImpModel *imp_parse(const ImpOptions *opt, FILE *err);
void imp_model_free(ImpModel *m);

/* Model helpers (imp_model.c). */
ImpDecl *imp_decl_new(ImpModel *m, ImpDeclKind kind, const char *name);
ImpType *imp_type_new(ImpModel *m, ImpTypeKind kind);
const char *imp_display_path(ImpModel *m, const char *path);
/* The reason a value of type t cannot be expressed, or NULL. */
const char *imp_type_unsupported(const ImpType *t);
/* Strips typedefs (and nothing else). */
const ImpType *imp_type_resolve(const ImpType *t);

/* Decides which declarations go out and orders them (sets need, order, out). */
void imp_select(ImpModel *m, const ImpOptions *opt);

/* -- C text -- */

/* Appends the C spelling of a declaration of `name` (may be NULL: abstract) with type t.
   A pointer to a type the runtime cannot express is spelled `void *` and, when
   degraded is not NULL, counted in *degraded (the same for imp_cdef_tagged). */
void imp_cdecl(ImpBuf *b, const ImpType *t, const char *name, int indent, unsigned *degraded);
/* The same, into an arena string (not counted). */
const char *imp_cdecl_str(ImpArena *a, const ImpType *t, const char *name);
/* Appends a record or enum definition body ("struct tag { ... }"). */
void imp_cdef_tagged(ImpBuf *b, const ImpDecl *d, int indent, unsigned *degraded);

/* -- Emitters -- */

typedef struct ImpStats {
  unsigned functions, variables, records, opaque, unions, enums, typedefs, constants;
  unsigned checked;  /* records with layout assertions */
  unsigned fnmacros; /* function-like macros translated to Lua functions */
  unsigned aliases;  /* macros that name a function or variable */
  unsigned shimmed;  /* static inline functions bound through the shim library */
  unsigned skipped;
  unsigned degraded; /* fields/params spelled as bytes or void * */
  struct {
    const char *reason;
    unsigned count;
  } reasons[64];
  unsigned nreasons;
} ImpStats;

void imp_stats_skip(ImpStats *st, const char *reason);
void imp_emit_lua(ImpModel *m, const ImpOptions *opt, ImpBuf *out, ImpStats *st);
void imp_emit_json(ImpModel *m, const ImpOptions *opt, ImpBuf *out);

/* -- Function-like macros as Lua functions (imp_fnmacro.c) -- */

typedef struct ImpFnNode ImpFnNode;
typedef struct ImpFnMacro {
  const char **toks; /* the definition's tokens: NAME ( params ) body */
  size_t ntoks;
  const char **params;
  size_t nparams;
  ImpFnNode *expr; /* the body's expression tree, once translated */
  ImpDecl **refs;  /* declarations the translation uses (functions, macros, types) */
  size_t nrefs, caprefs;
  int state; /* 0 not yet, 1 translating, 2 translated, 3 skipped */
} ImpFnMacro;

/* Attaches the tokens of a function-like macro's definition to d. */
void imp_fnmacro_tokens(ImpModel *m, ImpDecl *d, const char *const *toks, size_t n);
/* Defines a function-like macro from text ("F(a, b) body"), as the unit tests do. */
ImpDecl *imp_fnmacro_define(ImpModel *m, const char *text);
/* Translates every function-like macro wanted(d) selects (others on demand);
   a macro that does not translate keeps d->skip with the reason. */
void imp_fnmacro_translate_all(ImpModel *m, bool (*wanted)(const ImpDecl *d, void *ud), void *ud);
/* Appends "function(params) return EXPR end" for a translated macro. */
void imp_fnmacro_lua(ImpModel *m, const ImpDecl *d, ImpBuf *b);
/* Helpers the translated macros call, written once before the first one. */
extern const char imp_fnmacro_prelude[];
/* Appends "\"params\": [...], \"expr\": TREE" for --json. */
void imp_fnmacro_json(const ImpDecl *d, ImpBuf *b);

/* -- Static inline functions through a shim library (imp_shim.c) -- */

#define IMP_SHIM_PREFIX "pluto_shim_"

/* The wrapper's symbol of a shimmed function (an arena string). */
const char *imp_shim_symbol(ImpModel *m, const ImpDecl *d);
/* Appends the shim's C source: the named headers, then one exported wrapper
   per shimmed function. Returns the number of wrappers. */
size_t imp_shim_source(ImpModel *m, const ImpOptions *opt, ImpBuf *out);
/* The compiler command (without source and output) for the shim: $CC split
   at blanks (default cc), -shared -fPIC -O2, the import's -I/-isystem/-D/-U/
   -include/-std= flags; lib_args the linker arguments for the module's library. */
typedef struct ImpShimCmd {
  const char **argv; /* NULL-terminated */
  size_t argc;
} ImpShimCmd;
void imp_shim_command(ImpArena *a, const ImpOptions *opt, const char *src, const char *out, ImpShimCmd *cmd);
/* The functions whose wrappers are on the lines of the C source (path src,
   text) that a compiler's messages name ("src:LINE:"): appended to names,
   comma-separated. Returns how many. */
size_t imp_shim_blame(const char *src, const char *text, const char *messages, ImpBuf *names);

/* -- Library names -- */

/* Resolves a -l argument like the linker: a bare name ("z", "libz", "libz.so")
   to the soname of the library it would link ("libz.so.1"); a path or a
   soname is kept. dirs: NULL for the default search directories. Returns an
   arena string, or NULL with a message in err. */
const char *imp_resolve_lib(ImpArena *a, const char *name, const char *const *dirs, char *err, size_t errlen);
/* A pkg-config package (`pkg-config --cflags --libs NAME`). */
typedef struct ImpPkg {
  const char *name;
  const char **cflags; /* its -I, -D, -U */
  size_t ncflags;
  ImpBuf incdirs;      /* its -I directories, one a line */
  const char *libname; /* its first -l */
  const char *soname;  /* that library resolved like -l (with its -L directories) */
} ImpPkg;
/* Runs pkg-config for NAME; false with a message in err when it fails or names no library. */
bool imp_pkg_config(ImpArena *a, const char *name, ImpPkg *pkg, char *err, size_t errlen);
/* The library of a header (its absolute path) when no -l is given: a pkg-config
   package named after the header or its directory (with or without "lib"),
   else one whose include directories hold it, else lib<stem>.so in the
   linker's directories. Returns the soname and how it was found, or NULL when
   none (or several) fit; `tried` says what was tried (and the candidates). */
const char *imp_find_lib(ImpArena *a, const char *header, const char **how, ImpBuf *tried);
/* A header named on the command line, as its absolute path (like #include <name>). */
bool imp_find_header(const ImpOptions *opt, const char *name, char *abs);
/* #include <name> in the -I, -isystem and system directories, or false. */
bool imp_find_include(const ImpOptions *opt, const char *name, char *abs);
/* The DT_SONAME of an ELF shared object, or NULL. */
const char *imp_elf_soname(ImpArena *a, const char *path);

/* -- Text helpers shared by the emitters -- */

/* A Lua long-bracket level that does not occur in s ("==" -> [==[ ... ]==]). */
int imp_lua_level(const char *s);
void imp_lua_string(ImpBuf *b, const char *s, size_t n); /* quoted Lua string literal */
void imp_json_string(ImpBuf *b, const char *s, size_t n);
/* Lua literal for a double (math.huge, 0/0, or %.17g with a decimal point). */
void imp_lua_number(ImpBuf *b, double v);
/* Maps a clang triple to LuaJIT's ffi.arch / ffi.os names. */
const char *imp_triple_arch(const char *triple);
const char *imp_triple_os(const char *triple);

#endif
