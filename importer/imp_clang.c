/*
** imp_clang.c -- libclang -> declaration model.
**
** One translation unit includes the named headers (a virtual main file), so
** clang sees them as the compiler would: real preprocessor, include paths,
** target. Every top-level cursor becomes (at most) one ImpDecl, keyed by its
** USR; types are converted on demand, so a record first met through a field
** or a typedef is created there. Layout numbers (size, alignment, field
** offsets) are clang's own. Macros are evaluated by imp_macro.c.
*/
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <clang-c/Index.h>

#include "ffi_arch.h"  /* FFI_MULTIARCH */
#include "ffi_ctype.h" /* ctype_enum_int: the runtime's enum sizes */
#include "imp_int.h"

/* -- Strings -- */

/* Copies a CXString into the arena and disposes it. */
static const char *cx_take(ImpModel *m, CXString s) {
  const char *c = clang_getCString(s);
  const char *r = imp_strdup(m->arena, c ? c : "");
  clang_disposeString(s);
  return r;
}

/* -- Files and locations -- */

struct FileInfo {
  CXFile file;
  const char *display;
  const char *path;
  bool own;
  bool in_clang; /* one of clang's builtin headers (stddef.h, stdarg.h, ...) */
};

static FileInfo *file_info(ImpParser *P, CXFile f) {
  if (P->last_file && P->last_file->file == f) return P->last_file;
  for (size_t i = 0; i < P->nfiles; i++)
    if (P->files[i].file == f) return P->last_file = &P->files[i];
  if (P->nfiles == P->capfiles) {
    P->capfiles = P->capfiles ? P->capfiles * 2 : 64;
    P->files = realloc(P->files, P->capfiles * sizeof *P->files);
    if (!P->files) abort();
  }
  FileInfo *fi = &P->files[P->nfiles++];
  fi->file = f;
  fi->own = false;
  for (size_t i = 0; i < P->nown; i++)
    if (P->own[i] && clang_File_isEqual(P->own[i], f)) fi->own = true;
  CXString real = clang_File_tryGetRealPathName(f);
  const char *path = clang_getCString(real);
  if (!path || !*path) {
    clang_disposeString(real);
    real = clang_getFileName(f);
    path = clang_getCString(real);
  }
  char abs[PATH_MAX];
  if (path && path[0] != '/' && realpath(path, abs)) path = abs;
  fi->path = imp_strdup(P->m->arena, path ? path : "");
  fi->display = imp_display_path(P->m, fi->path);
  fi->in_clang = P->resource_real && strncmp(fi->path, P->resource_real, strlen(P->resource_real)) == 0;
  clang_disposeString(real);
  if (!fi->own) /* a header of the same library */
    for (size_t i = 0; i < P->nlibdirs && !fi->own; i++)
      fi->own = strncmp(fi->path, P->libdirs[i], strlen(P->libdirs[i])) == 0;
  return P->last_file = fi;
}

/* Sets file/line/col/own of d from a cursor's location. A declaration in
   clang's builtin headers gets no line and column: they differ from one clang
   version to the next (docs/importer.md, "Versions of libclang"). */
static void locate(ImpParser *P, ImpDecl *d, CXCursor c) {
  CXFile f = NULL;
  unsigned line = 0, col = 0;
  clang_getFileLocation(clang_getCursorLocation(c), &f, &line, &col, NULL);
  d->line = line;
  d->col = col;
  if (!f) {
    d->file = NULL; /* builtin (implicit) declaration */
    d->own = false;
    d->file_rank = -1;
    return;
  }
  FileInfo *fi = file_info(P, f);
  d->file_rank = (int)(fi - P->files);
  d->file = fi->display;
  d->path = fi->path;
  d->own = fi->own;
  d->in_clang = fi->in_clang;
  if (d->in_clang) d->line = d->col = 0;
}

/* Whether the cursor is in one of clang's builtin headers. */
static bool in_clang_header(ImpParser *P, CXCursor c) {
  CXFile f = NULL;
  clang_getFileLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
  return f && file_info(P, f)->in_clang;
}

/* -- Attributes -- */

typedef struct AttrScan {
  bool packed;
  bool aligned;
  long long align_value; /* an integer literal inside aligned(...), or 0 */
  const char *asm_label;
  ImpParser *P;
} AttrScan;

/* The first integer literal among the attribute's tokens: aligned(16) -> 16. */
static long long attr_literal(ImpParser *P, CXCursor attr) {
  CXToken *toks = NULL;
  unsigned n = 0;
  long long v = 0;
  clang_tokenize(P->tu, clang_getCursorExtent(attr), &toks, &n);
  for (unsigned i = 0; i < n && !v; i++) {
    if (clang_getTokenKind(toks[i]) != CXToken_Literal) continue;
    CXString s = clang_getTokenSpelling(P->tu, toks[i]);
    const char *c = clang_getCString(s);
    char *end;
    long long x = strtoll(c, &end, 0);
    while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L') end++;
    if (*end == 0 && x > 0) v = x;
    clang_disposeString(s);
  }
  if (toks) clang_disposeTokens(P->tu, toks, n);
  return v;
}

static enum CXChildVisitResult attr_visit(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  AttrScan *a = data;
  switch (clang_getCursorKind(c)) {
  case CXCursor_PackedAttr: a->packed = true; break;
  case CXCursor_AlignedAttr:
    a->aligned = true;
    if (!a->align_value) a->align_value = attr_literal(a->P, c);
    break;
  case CXCursor_AsmLabelAttr: a->asm_label = cx_take(a->P->m, clang_getCursorSpelling(c)); break;
  default: break;
  }
  return CXChildVisit_Continue;
}

typedef struct EachChild {
  enum CXCursorKind kind;
  ImpChildFn fn;
  void *data;
} EachChild;

static enum CXChildVisitResult each_child_visit(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  const EachChild *e = data;
  if (clang_getCursorKind(c) == e->kind) e->fn(c, e->data);
  return CXChildVisit_Continue;
}

void imp_each_child(CXCursor parent, enum CXCursorKind kind, ImpChildFn fn, void *data) {
  EachChild e = {kind, fn, data};
  clang_visitChildren(parent, each_child_visit, &e);
}

static AttrScan scan_attrs(ImpParser *P, CXCursor c) {
  AttrScan a = {0};
  a.P = P;
  if (clang_Cursor_hasAttrs(c)) clang_visitChildren(c, attr_visit, &a);
  return a;
}

/* -- Types -- */

static ImpType *unsupported(ImpParser *P, CXType t, const char *reason) {
  ImpType *r = imp_type_new(P->m, IT_UNSUPPORTED);
  r->reason = reason;
  r->spelling = cx_take(P->m, clang_getTypeSpelling(t));
  r->size = clang_Type_getSizeOf(t);
  r->align = clang_Type_getAlignOf(t);
  return r;
}

static ImpType *scalar(ImpParser *P, ImpTypeKind kind, const char *spelling, CXType t, bool uns) {
  ImpType *r = imp_type_new(P->m, kind);
  r->spelling = spelling;
  r->size = clang_Type_getSizeOf(t);
  r->align = clang_Type_getAlignOf(t);
  r->is_unsigned = uns;
  return r;
}

static unsigned quals_of(CXType t) {
  return (clang_isConstQualifiedType(t) ? IMPQ_CONST : 0) |
         (clang_isVolatileQualifiedType(t) ? IMPQ_VOLATILE : 0) |
         (clang_isRestrictQualifiedType(t) ? IMPQ_RESTRICT : 0);
}

static ImpDecl *record_of(ImpParser *P, CXCursor c);
static ImpDecl *enum_of(ImpParser *P, CXCursor c);
static ImpDecl *typedef_of(ImpParser *P, CXCursor c);

static ImpType *convert(ImpParser *P, CXType t);
static ImpDecl *seen_get(ImpParser *P, CXCursor c, unsigned h);

/* Converts t; qualifiers are those of this level only. */
ImpType *imp_clang_type(ImpParser *P, CXType t) { return convert(P, t); }

/* Builtin scalar types: clang's kind -> our kind, C spelling, signedness. */
static const struct {
  enum CXTypeKind cx;
  uint8_t kind;
  const char *spelling;
  bool uns;
} scalars[] = {
    {CXType_Void, IT_VOID, "void", false},
    {CXType_Bool, IT_BOOL, "_Bool", true},
    {CXType_Char_S, IT_INT, "char", false},
    {CXType_Char_U, IT_INT, "char", true},
    {CXType_SChar, IT_INT, "signed char", false},
    {CXType_UChar, IT_INT, "unsigned char", true},
    {CXType_Short, IT_INT, "short", false},
    {CXType_UShort, IT_INT, "unsigned short", true},
    {CXType_Int, IT_INT, "int", false},
    {CXType_UInt, IT_INT, "unsigned int", true},
    {CXType_Long, IT_INT, "long", false},
    {CXType_ULong, IT_INT, "unsigned long", true},
    {CXType_LongLong, IT_INT, "long long", false},
    {CXType_ULongLong, IT_INT, "unsigned long long", true},
    {CXType_Float, IT_FLOAT, "float", false},
    {CXType_Double, IT_FLOAT, "double", false},
};

/* What the runtime cannot express, with the reason a skip comment gives. */
static const struct {
  enum CXTypeKind cx;
  const char *reason;
} rejected[] = {
    {CXType_LongDouble, "long double"},    {CXType_Int128, "128-bit integer"},
    {CXType_UInt128, "128-bit integer"},   {CXType_Float128, "128-bit float"},
    {CXType_Half, "half-precision float"}, {CXType_Float16, "half-precision float"},
    {CXType_Complex, "_Complex"},          {CXType_Vector, "vector type"},
#if CINDEX_VERSION_MINOR >= 62
    {CXType_ExtVector, "vector type"},
#endif
    {CXType_Atomic, "_Atomic type"},       {CXType_BlockPointer, "block pointer"},
};

static ImpType *convert_pointer(ImpParser *P, CXType t) {
  ImpType *r = imp_type_new(P->m, IT_PTR);
  r->base = convert(P, clang_getPointeeType(t));
  r->size = clang_Type_getSizeOf(t);
  r->align = clang_Type_getAlignOf(t);
  /* struct __va_list_tag * is what a va_list parameter decays to */
  if (r->base->kind == IT_RECORD && r->base->decl->name &&
      strcmp(r->base->decl->name, "__va_list_tag") == 0) {
    r = imp_type_new(P->m, IT_VALIST);
    r->size = r->align = P->m->ptr_size;
  }
  return r;
}

static ImpType *convert_function(ImpParser *P, CXType t) {
  enum CXCallingConv cc = clang_getFunctionTypeCallingConv(t);
  if (cc != CXCallingConv_C && cc != CXCallingConv_Default && cc != CXCallingConv_Invalid &&
      cc != CXCallingConv_Unexposed)
    return unsupported(P, t, "calling convention other than C");
  ImpType *r = imp_type_new(P->m, IT_FUNC);
  r->base = convert(P, clang_getResultType(t));
  int n = clang_getNumArgTypes(t);
  r->noproto = t.kind == CXType_FunctionNoProto;
  r->variadic = clang_isFunctionTypeVariadic(t) != 0;
  r->nparams = n > 0 ? (size_t)n : 0;
  r->params = imp_alloc(P->m->arena, (r->nparams + 1) * sizeof(ImpType *));
  for (int i = 0; i < n; i++)
    r->params[i] = imp_param_decay(P->m, convert(P, clang_getArgType(t, (unsigned)i)));
  return r;
}

/* A typedef reference; *q loses the qualifiers that belong to the typedef itself. */
static ImpType *convert_typedef(ImpParser *P, CXType t, unsigned *q) {
  CXCursor d = clang_getTypeDeclaration(t);
  /* a typedef met before: its name and layout are known (typedef_from) */
  ImpDecl *known = seen_get(P, d, clang_hashCursor(d));
  if (known && known->kind != ID_TYPEDEF) known = NULL;
  bool va;
  if (known) {
    va = strcmp(known->name, "__builtin_va_list") == 0;
  } else {
    CXString s = clang_getCursorSpelling(d);
    va = strcmp(clang_getCString(s), "__builtin_va_list") == 0;
    clang_disposeString(s);
  }
  ImpType *r = imp_type_new(P->m, va ? IT_VALIST : IT_TYPEDEF);
  r->size = known ? known->size : clang_Type_getSizeOf(t);
  r->align = known ? known->align : clang_Type_getAlignOf(t);
  if (!va) {
    r->decl = typedef_of(P, d);
    *q &= ~quals_of(clang_getTypedefDeclUnderlyingType(d));
  }
  return r;
}

static ImpType *convert_array(ImpParser *P, CXType t) {
  ImpType *r = imp_type_new(P->m, IT_ARRAY);
  r->base = convert(P, clang_getArrayElementType(t));
  r->n = t.kind == CXType_ConstantArray ? clang_getArraySize(t) : -1;
  r->size = clang_Type_getSizeOf(t);
  r->align = clang_Type_getAlignOf(t);
  return r;
}

static ImpType *convert_tagged(ImpParser *P, CXType t) {
  bool rec = t.kind == CXType_Record;
  ImpType *r = imp_type_new(P->m, rec ? IT_RECORD : IT_ENUM);
  CXCursor d = clang_getTypeDeclaration(t);
  r->decl = rec ? record_of(P, d) : enum_of(P, d);
  bool known = !rec || r->decl->complete;
  r->size = known ? clang_Type_getSizeOf(t) : -1;
  r->align = known ? clang_Type_getAlignOf(t) : -1;
  return r;
}

static ImpType *convert(ImpParser *P, CXType t) {
  unsigned q = quals_of(t);
  ImpType *r = NULL;
  for (size_t i = 0; i < sizeof scalars / sizeof scalars[0] && !r; i++)
    if (scalars[i].cx == t.kind) {
      r = scalar(P, (ImpTypeKind)scalars[i].kind, scalars[i].spelling, t, scalars[i].uns);
      if (r->kind == IT_VOID) r->size = -1;
    }
  for (size_t i = 0; i < sizeof rejected / sizeof rejected[0]; i++)
    if (rejected[i].cx == t.kind) return unsupported(P, t, rejected[i].reason);
  if (!r) {
    CXType inner;
    switch (t.kind) {
    case CXType_Pointer: r = convert_pointer(P, t); break;
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
    case CXType_VariableArray:
    case CXType_DependentSizedArray: r = convert_array(P, t); break;
    case CXType_FunctionProto:
    case CXType_FunctionNoProto: r = convert_function(P, t); break;
    case CXType_Typedef: r = convert_typedef(P, t, &q); break;
    case CXType_Record:
    case CXType_Enum: r = convert_tagged(P, t); break;
    case CXType_Elaborated: /* "struct tag" as written: the type it names */
    case CXType_Attributed: /* _Nonnull, ...: the type it modifies */
      inner = t.kind == CXType_Elaborated ? clang_Type_getNamedType(t) : clang_Type_getModifiedType(t);
      r = convert(P, inner);
      q &= ~quals_of(inner);
      break;
    default: {
      CXType canon = clang_getCanonicalType(t);
      if (canon.kind != t.kind && canon.kind != CXType_Unexposed && canon.kind != CXType_Invalid) {
        r = convert(P, canon);
        break;
      }
      CXString k = clang_getTypeKindSpelling(t.kind);
      const char *why = imp_sprintf(P->m->arena, "unsupported type kind %s", clang_getCString(k));
      clang_disposeString(k);
      return unsupported(P, t, why);
    }
    }
  }
  if (r->kind != IT_UNSUPPORTED) r->quals |= (uint8_t)q;
  return r;
}

/* A parameter declared as an array or a function is a pointer (C 6.7.6.3). */
ImpType *imp_param_decay(ImpModel *m, ImpType *t) {
  if (t->kind == IT_VALIST) return t;
  const ImpType *r = imp_type_resolve(t);
  if (!r || r->kind == IT_VALIST) return t;
  if (r->kind == IT_ARRAY) {
    ImpType *p = imp_type_new(m, IT_PTR);
    p->base = r->base;
    p->quals = t->quals;
    p->size = p->align = m->ptr_size;
    return p;
  }
  if (r->kind == IT_FUNC) {
    ImpType *p = imp_type_new(m, IT_PTR);
    p->base = t;
    p->size = p->align = m->ptr_size;
    return p;
  }
  return t;
}

/* -- Records -- */

typedef struct FieldScan {
  ImpParser *P;
  ImpDecl *rec;
  ImpField *fields;
  size_t n, cap;
} FieldScan;

/* The field of an anonymous struct/union member ("struct outer { union { ... }; }"). */
static bool member_is_anonymous(CXCursor field) {
#if CINDEX_VERSION >= CINDEX_VERSION_ENCODE(0, 59) /* not in older libclang */
  return clang_Cursor_isAnonymousRecordDecl(clang_getTypeDeclaration(clang_getCursorType(field))) != 0;
#else
  (void)field;
  return false;
#endif
}

static enum CXVisitorResult field_visit(CXCursor c, CXClientData data) {
  FieldScan *fs = data;
  ImpParser *P = fs->P;
  if (fs->n == fs->cap) {
    fs->cap = fs->cap ? fs->cap * 2 : 8;
    fs->fields = realloc(fs->fields, fs->cap * sizeof *fs->fields);
    if (!fs->fields) abort();
  }
  ImpField *f = &fs->fields[fs->n++];
  memset(f, 0, sizeof *f);
  /* an anonymous struct/union member is asked of libclang; an unnamed
     bit-field is the one declaration whose name is truly empty */
  CXString s = clang_getCursorSpelling(c);
  const char *name = clang_getCString(s);
  f->name = name && *name && !member_is_anonymous(c) ? imp_strdup(P->m->arena, name) : NULL;
  clang_disposeString(s);
  f->type = convert(P, clang_getCursorType(c));
  f->bitwidth = clang_Cursor_isBitField(c) ? clang_getFieldDeclBitWidth(c) : -1;
  f->offset_bits = clang_Cursor_getOffsetOfField(c);
  AttrScan a = scan_attrs(P, c);
  f->packed_attr = a.packed;
  if (a.aligned) f->align_attr = a.align_value ? a.align_value : -1; /* -1: decide from the layout */
  if (!f->name && f->type->kind == IT_RECORD) {
    f->type->decl->member_anon = true;
    f->type->decl->parent = fs->rec;
  } else if (f->type->kind == IT_RECORD && !f->type->decl->name) {
    f->type->decl->parent = fs->rec; /* struct { ... } name; : defined inline */
  } else if (f->type->kind == IT_ENUM && !f->type->decl->name) {
    f->type->decl->parent = fs->rec;
  }
  return CXVisit_Continue;
}

static long long pow2_floor(long long x) {
  long long p = 1;
  while (p * 2 <= x) p *= 2;
  return p;
}

/* The attributes and #pragma pack that reproduce clang's layout. */
static void deduce_packing(ImpDecl *d) {
  long long natural = 1; /* what the emitted text would give without pack */
  bool misplaced = false;
  for (size_t i = 0; i < d->nfields; i++) {
    ImpField *f = &d->fields[i];
    long long fa = f->type->align > 0 ? f->type->align : 1;
    if (f->align_attr < 0) { /* aligned(expression): the alignment the offset allows */
      long long off = f->offset_bits / 8;
      long long a = off ? (off & -off) : d->align;
      if (a > d->align) a = d->align;
      f->align_attr = a > fa ? a : 0;
    }
    if (d->packed || f->packed_attr) fa = 1;
    if (f->align_attr > fa) fa = f->align_attr;
    if (f->bitwidth >= 0 && !f->name) continue; /* unnamed bitfields do not align the record */
    if (fa > natural) natural = fa;
    if (f->bitwidth < 0 && !d->is_union && (f->offset_bits / 8) % fa) misplaced = true;
    /* a bit-field across a unit of its type: only #pragma pack (or packed) lets it */
    if (f->bitwidth > 0 && fa > 1 && f->type->size > 0 &&
        (f->offset_bits % (fa * 8)) + f->bitwidth > f->type->size * 8)
      misplaced = true;
  }
  if (d->align > natural) {
    d->align_attr = d->align;
  } else if (d->align < natural || misplaced) {
    d->pack = (int)pow2_floor(d->align);
    /* a field at an offset the pack cannot explain: the largest pack that does
       (under pack(N) a field lands on a multiple of min(N, its own alignment)) */
    for (size_t i = 0; i < d->nfields; i++) {
      ImpField *f = &d->fields[i];
      if (f->bitwidth >= 0 || d->is_union) continue;
      long long off = f->offset_bits / 8;
      long long fa = f->type->align > 0 ? f->type->align : 1;
      if (f->packed_attr) fa = 1;
      if (f->align_attr > fa) fa = f->align_attr;
      while (d->pack > 1 && off % (fa < d->pack ? fa : d->pack)) d->pack /= 2;
    }
  }
}

/* -- Anonymous tags -- */

/* Whether the struct, union or enum at c was declared without a tag name.
   libclang is asked; the spelling cannot tell: up to clang 15 an anonymous
   tag's spelling is empty, from 16 on it is "struct (anonymous at f.h:3:5)",
   or the typedef's name for "typedef struct { ... } t;".
   - clang_Cursor_isAnonymous: no tag name and no typedef naming it;
   - clang_Cursor_isAnonymousRecordDecl: an anonymous struct/union member;
   - a tag that only a typedef names is neither; clang's USR for it has the
     typedef-named-anonymous mark 'A' after the kind letter (c:@SA@t, c:@UA@t,
     c:@EA@t, where a named tag has c:@S@name), in every version. */
static bool usr_typedef_named(const char *usr) {
  const char *last = usr ? strrchr(usr, '@') : NULL;
  if (!last || last - usr < 3) return false;
  return last[-1] == 'A' && (last[-2] == 'S' || last[-2] == 'U' || last[-2] == 'E') && last[-3] == '@';
}

static bool tag_is_anonymous(CXCursor c) {
  if (clang_Cursor_isAnonymous(c)) return true;
#if CINDEX_VERSION >= CINDEX_VERSION_ENCODE(0, 59) /* not in older libclang */
  if (clang_Cursor_isAnonymousRecordDecl(c)) return true;
#endif
  CXString usr = clang_getCursorUSR(c);
  bool anon = usr_typedef_named(clang_getCString(usr));
  clang_disposeString(usr);
  return anon;
}

/* A declaration's identity: its USR, plus its position when it has no name
   (clang gives two anonymous members of one record the same USR). */
static const char *decl_key(ImpParser *P, CXCursor c) {
  CXString usr = clang_getCursorUSR(c);
  const char *u = clang_getCString(usr);
  const char *key;
  if (!tag_is_anonymous(c)) {
    key = imp_strdup(P->m->arena, u ? u : "");
  } else {
    CXFile f = NULL;
    unsigned off = 0;
    clang_getFileLocation(clang_getCursorLocation(c), &f, NULL, NULL, &off);
    int rank = f ? (int)(file_info(P, f) - P->files) : -1;
    key = imp_sprintf(P->m->arena, "%s@%d:%u", u ? u : "", rank, off);
  }
  clang_disposeString(usr);
  return key;
}

/* -- Cursors already converted --
   A record or typedef is met again and again (every field, parameter and
   pointer naming it); its USR, computed twice a time, was a sixth of the
   walk. Cursors seen are remembered (clang_hashCursor, clang_equalCursors):
   the same cursor always gives the same declaration. */

struct CursorSlot {
  CXCursor c;
  CXTranslationUnit tu;
  ImpDecl *d;
  unsigned h;
};

static ImpDecl *seen_get(ImpParser *P, CXCursor c, unsigned h) {
  if (!P->capseen) return NULL;
  for (size_t i = h & (P->capseen - 1); P->seen[i].d; i = (i + 1) & (P->capseen - 1))
    if (P->seen[i].h == h && P->seen[i].tu == P->tu && clang_equalCursors(P->seen[i].c, c))
      return P->seen[i].d;
  return NULL;
}

static void seen_put(ImpParser *P, CXCursor c, unsigned h, ImpDecl *d) {
  if ((P->nseen + 1) * 2 > P->capseen) {
    struct CursorSlot *old = P->seen;
    size_t oldcap = P->capseen;
    P->capseen = oldcap ? oldcap * 2 : 1024;
    P->seen = calloc(P->capseen, sizeof *P->seen);
    if (!P->seen) abort();
    for (size_t i = 0; i < oldcap; i++) {
      if (!old[i].d) continue;
      size_t k = old[i].h & (P->capseen - 1);
      while (P->seen[k].d) k = (k + 1) & (P->capseen - 1);
      P->seen[k] = old[i];
    }
    free(old);
  }
  size_t k = h & (P->capseen - 1);
  while (P->seen[k].d) k = (k + 1) & (P->capseen - 1);
  P->seen[k] = (struct CursorSlot){c, P->tu, d, h};
  P->nseen++;
}

/* The model's declaration of the tag at c (keyed by its definition when there
   is one), made and located on first sight; *fresh says it was just made. */
static ImpDecl *tag_decl_new(ImpParser *P, CXCursor c, ImpDeclKind kind, CXCursor *key_out, bool *has_def,
                             bool *fresh) {
  CXCursor def = clang_getCursorDefinition(c);
  *has_def = !clang_Cursor_isNull(def);
  CXCursor key = *has_def ? def : clang_getCanonicalCursor(c);
  *key_out = key;
  const char *id = decl_key(P, key);
  ImpDecl *d = imp_map_get(&P->m->by_usr, id);
  *fresh = d == NULL;
  if (d) return d;
  d = imp_decl_new(P->m, kind, tag_is_anonymous(key) ? NULL : cx_take(P->m, clang_getCursorSpelling(key)));
  d->usr = id;
  imp_map_set(&P->m->by_usr, d->usr, d);
  locate(P, d, key);
  return d;
}

/* tag_decl_new, once per cursor. */
static ImpDecl *tag_decl(ImpParser *P, CXCursor c, ImpDeclKind kind, CXCursor *key_out, bool *has_def,
                         bool *fresh) {
  unsigned h = clang_hashCursor(c);
  ImpDecl *d = seen_get(P, c, h);
  if (d && d->kind == kind) {
    *fresh = false;
    return d;
  }
  d = tag_decl_new(P, c, kind, key_out, has_def, fresh);
  seen_put(P, c, h, d);
  return d;
}

static ImpDecl *record_of(ImpParser *P, CXCursor c) {
  CXCursor key;
  bool has_def, fresh;
  ImpDecl *d = tag_decl(P, c, ID_RECORD, &key, &has_def, &fresh);
  if (!fresh) return d;
  d->is_union = clang_getCursorKind(key) == CXCursor_UnionDecl;
  if (!has_def) return d;
  CXType t = clang_getCursorType(key);
  long long size = clang_Type_getSizeOf(t), align = clang_Type_getAlignOf(t);
  if (size < 0 || align < 0) return d; /* invalid: stays opaque */
  d->complete = true;
  d->size = size;
  d->align = align;
  AttrScan a = scan_attrs(P, key);
  d->packed = a.packed;
  FieldScan fs = {P, d, NULL, 0, 0};
  clang_Type_visitFields(t, field_visit, &fs);
  d->fields = imp_alloc(P->m->arena, (fs.n + 1) * sizeof(ImpField));
  if (fs.n) memcpy(d->fields, fs.fields, fs.n * sizeof(ImpField));
  d->nfields = fs.n;
  free(fs.fields);
  deduce_packing(d);
  return d;
}

/* -- Enums -- */

typedef struct EnumScan {
  ImpParser *P;
  ImpEnumConst *consts;
  size_t n, cap;
  bool uns;
} EnumScan;

static void enum_const(CXCursor c, void *data) {
  EnumScan *es = data;
  if (es->n == es->cap) {
    es->cap = es->cap ? es->cap * 2 : 16;
    es->consts = realloc(es->consts, es->cap * sizeof *es->consts);
    if (!es->consts) abort();
  }
  ImpEnumConst *k = &es->consts[es->n++];
  k->name = cx_take(es->P->m, clang_getCursorSpelling(c));
  if (es->uns) {
    unsigned long long u = clang_getEnumConstantDeclUnsignedValue(c);
    k->value = (long long)u;
    k->is_unsigned = u > (unsigned long long)LLONG_MAX;
  } else {
    k->value = clang_getEnumConstantDeclValue(c);
    k->is_unsigned = false;
  }
}

/* The size the runtime gives a plain enum with these values (its rule,
   ctype_enum_int; a value above INT64_MAX needs 64 bits). */
static long long runtime_enum_size(const ImpDecl *d) {
  int64_t lo = 0, hi = 0;
  for (size_t i = 0; i < d->nconsts; i++) {
    const ImpEnumConst *k = &d->consts[i];
    if (k->is_unsigned) return 8;
    if (i == 0 || k->value < lo) lo = k->value;
    if (i == 0 || k->value > hi) hi = k->value;
  }
  return ctype_builtin_fixed_size(ctype_enum_int(lo, hi, false));
}

static ImpDecl *enum_of(ImpParser *P, CXCursor c) {
  CXCursor key;
  bool has_def, fresh;
  ImpDecl *d = tag_decl(P, c, ID_ENUM, &key, &has_def, &fresh);
  if (!fresh) return d;
  CXType it = clang_getEnumDeclIntegerType(key);
  d->inttype = convert(P, it);
  CXType et = clang_getCursorType(key);
  d->size = clang_Type_getSizeOf(et);
  d->align = clang_Type_getAlignOf(et);
  d->complete = has_def;
  EnumScan es = {P, NULL, 0, 0, d->inttype->is_unsigned};
  if (has_def) imp_each_child(key, CXCursor_EnumConstantDecl, enum_const, &es);
  d->consts = imp_alloc(P->m->arena, (es.n + 1) * sizeof(ImpEnumConst));
  if (es.n) memcpy(d->consts, es.consts, es.n * sizeof(ImpEnumConst));
  d->nconsts = es.n;
  free(es.consts);
  if (!has_def || d->size != runtime_enum_size(d)) d->enum_as_int = true;
  return d;
}

/* -- Typedefs -- */

/* The typedef at c: its location, underlying type and attributes. */
static void typedef_from(ImpParser *P, ImpDecl *d, CXCursor c) {
  locate(P, d, c);
  d->align_attr = 0;
  d->packed = false;
  CXType under = clang_getTypedefDeclUnderlyingType(c);
  d->underlying = convert(P, under);
  CXType self = clang_getCursorType(c);
  d->size = clang_Type_getSizeOf(self);
  d->align = clang_Type_getAlignOf(self);
  AttrScan a = scan_attrs(P, c);
  if (a.aligned && d->align > 0 && d->align != d->underlying->align) d->align_attr = d->align;
  if (a.packed) d->packed = true;
  ImpType *u = d->underlying;
  if ((u->kind == IT_RECORD || u->kind == IT_ENUM) && !u->decl->name && !u->decl->naming_typedef &&
      !u->decl->parent)
    u->decl->naming_typedef = d;
  if (!d->file) { /* implicit (__int128_t, __builtin_ms_va_list, ...) */
    const char *why = imp_type_unsupported(u);
    if (why) d->skip = why;
  }
}

/* A typedef that clang's builtin headers and another header both declare
   (va_list: clang's stdarg.h and glibc's stdio.h) is taken from the other
   header: which of the two comes first, and how stdarg.h spells it, change
   with the clang version (docs/importer.md, "Versions of libclang"). */
static ImpDecl *typedef_of(ImpParser *P, CXCursor c) {
  /* the same cursor again: typedef_from below already ran for it */
  unsigned h = clang_hashCursor(c);
  ImpDecl *d = seen_get(P, c, h);
  if (d && d->kind == ID_TYPEDEF) return d;
  CXString usr = clang_getCursorUSR(c);
  d = imp_map_get(&P->m->by_usr, clang_getCString(usr));
  if (d) {
    clang_disposeString(usr);
    if (d->in_clang && !in_clang_header(P, c)) typedef_from(P, d, c);
    seen_put(P, c, h, d);
    return d;
  }
  d = imp_decl_new(P->m, ID_TYPEDEF, cx_take(P->m, clang_getCursorSpelling(c)));
  d->usr = cx_take(P->m, usr);
  imp_map_set(&P->m->by_usr, d->usr, d);
  seen_put(P, c, h, d);
  typedef_from(P, d, c);
  return d;
}

/* -- Functions and variables -- */

typedef struct ParamScan {
  ImpParser *P;
  ImpParam *params;
  size_t n, max;
} ParamScan;

/* The spelling of a static function's result and parameter types, for the
   shim's wrapper (imp_shim.c); NULL when a type has no name C could spell
   (an anonymous record). (Bodies are skipped: clang sees no definition.) */
static const char **spell_types(ImpParser *P, CXCursor c) {
  CXType ft = clang_getCursorType(c);
  int n = clang_getNumArgTypes(ft);
  if (n < 0) n = 0;
  const char **ts = imp_alloc(P->m->arena, ((size_t)n + 1) * sizeof(char *));
  for (int i = -1; i < n; i++) {
    CXType t = i < 0 ? clang_getResultType(ft) : clang_getArgType(ft, (unsigned)i);
    const char *s = cx_take(P->m, clang_getTypeSpelling(t));
    if (strstr(s, "(unnamed") || strstr(s, "(anonymous")) return NULL;
    ts[i + 1] = s;
  }
  return ts;
}

static void function(ImpParser *P, CXCursor c) {
  CXString sp = clang_getCursorSpelling(c);
  const char *name = clang_getCString(sp);
  ImpDecl *d = imp_map_get(&P->m->by_name, name);
  bool inl = clang_Cursor_isFunctionInlined(c) != 0;
  bool stat = clang_Cursor_getStorageClass(c) == CX_SC_Static;
  if (d) { /* a redeclaration: only what it adds */
    clang_disposeString(sp);
    if (d->kind != ID_FUNC) return;
    d->is_inline |= inl;
    d->is_static |= stat;
    if (clang_isCursorDefinition(c)) d->is_definition = true;
    if (d->is_static && !d->ctypes) d->ctypes = spell_types(P, c);
    return;
  }
  d = imp_decl_new(P->m, ID_FUNC, imp_strdup(P->m->arena, name));
  clang_disposeString(sp);
  imp_map_set(&P->m->by_name, d->name, d);
  locate(P, d, c);
  d->is_inline = inl;
  d->is_static = stat;
  d->is_definition = clang_isCursorDefinition(c) != 0;
  if (stat) d->ctypes = spell_types(P, c);
  d->type = convert(P, clang_getCursorType(c));
  const ImpType *ft = imp_type_resolve(d->type); /* "handler_fn f;" declares a function too */
  if (ft && ft->kind == IT_FUNC) d->type = (ImpType *)ft;
  int n = clang_Cursor_getNumArguments(c);
  if (d->type->kind == IT_FUNC) {
    d->params = imp_alloc(P->m->arena, (d->type->nparams + 1) * sizeof(ImpParam));
    for (int i = 0; i < n && (size_t)i < d->type->nparams; i++) {
      CXString pn = clang_getCursorSpelling(clang_Cursor_getArgument(c, (unsigned)i));
      const char *s = clang_getCString(pn);
      d->params[i].name = s && *s ? imp_strdup(P->m->arena, s) : NULL;
      clang_disposeString(pn);
    }
  }
  AttrScan a = scan_attrs(P, c);
  if (a.asm_label && strcmp(a.asm_label, d->name) != 0) d->asm_label = a.asm_label;
  if (clang_getCursorAvailability(c) == CXAvailability_NotAvailable) d->skip = "marked unavailable";
}

static void variable(ImpParser *P, CXCursor c) {
  CXString sp = clang_getCursorSpelling(c);
  const char *name = clang_getCString(sp);
  if (imp_map_get(&P->m->by_name, name)) {
    clang_disposeString(sp);
    return;
  }
  ImpDecl *d = imp_decl_new(P->m, ID_VAR, imp_strdup(P->m->arena, name));
  clang_disposeString(sp);
  imp_map_set(&P->m->by_name, d->name, d);
  locate(P, d, c);
  d->type = convert(P, clang_getCursorType(c));
  d->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
  AttrScan a = scan_attrs(P, c);
  if (a.asm_label && strcmp(a.asm_label, d->name) != 0) d->asm_label = a.asm_label;
  if (clang_getCursorTLSKind(c) != CXTLS_None) {
    d->skip = "thread-local variable";
    return;
  }
  if (d->is_static) {
    const ImpType *r = imp_type_resolve(d->type);
    bool const_int =
        (d->type->quals & IMPQ_CONST) && r && (r->kind == IT_INT || r->kind == IT_BOOL || r->kind == IT_ENUM);
    CXEvalResult ev = const_int ? clang_Cursor_Evaluate(c) : NULL;
    if (ev && clang_EvalResult_getKind(ev) == CXEval_Int) {
      d->has_value = true;
      d->value = clang_EvalResult_getAsLongLong(ev);
    } else {
      d->skip = "static variable (the library exports no symbol for it)";
    }
    if (ev) clang_EvalResult_dispose(ev);
  }
}

/* -- Macros -- */

static void fnmacro_tokens(ImpParser *P, ImpDecl *d, CXCursor c) {
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(P->tu, clang_getCursorExtent(c), &toks, &n);
  const char **sp = calloc(n + 1, sizeof *sp);
  if (!sp) abort();
  for (unsigned i = 0; i < n; i++) {
    CXString s = clang_getTokenSpelling(P->tu, toks[i]);
    sp[i] = imp_strdup(P->m->arena, clang_getCString(s));
    clang_disposeString(s);
  }
  if (n) imp_fnmacro_tokens(P->m, d, sp, n);
  free(sp);
  if (toks) clang_disposeTokens(P->tu, toks, n);
}

static bool fnmacro_wanted(const ImpDecl *d, void *ud) {
  ImpParser *P = ud;
  return imp_wanted(P->opt, P->match, d);
}

static void macro(ImpParser *P, CXCursor c) {
  if (clang_Cursor_isMacroBuiltin(c)) return;
  CXFile f = NULL;
  clang_getFileLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
  if (!f) return; /* -D on the command line, predefined */
  CXString sp = clang_getCursorSpelling(c);
  const char *name = clang_getCString(sp);
  ImpDecl *d = imp_map_get(&P->m->by_macro, name);
  if (d) { /* redefined: the value at the end of the headers counts */
    clang_disposeString(sp);
    imp_macro_redefined(P, d);
    return;
  }
  d = imp_decl_new(P->m, ID_MACRO, imp_strdup(P->m->arena, name));
  clang_disposeString(sp);
  imp_map_set(&P->m->by_macro, d->name, d);
  locate(P, d, c);
  if (clang_Cursor_isMacroFunctionLike(c)) {
    d->skip = "function-like macro";
    fnmacro_tokens(P, d, c); /* translated by imp_fnmacro.c once every declaration is known */
    return;
  }
  if (!imp_wanted(P->opt, P->match, d)) return; /* never emitted: not worth evaluating */
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(P->tu, clang_getCursorExtent(c), &toks, &n);
  /* the probe puts the expansion in an initializer: only balanced expressions go there */
  int depth = 0;
  bool expr = true;
  for (unsigned i = 1; i < n && expr; i++) {
    if (clang_getTokenKind(toks[i]) != CXToken_Punctuation) continue;
    CXString s = clang_getTokenSpelling(P->tu, toks[i]);
    const char *t = clang_getCString(s);
    if (!strcmp(t, "(") || !strcmp(t, "["))
      depth++;
    else if (!strcmp(t, ")") || !strcmp(t, "]"))
      expr = --depth >= 0;
    else if (!strcmp(t, "{") || !strcmp(t, "}") || !strcmp(t, ";") || !strcmp(t, "#") || !strcmp(t, "##"))
      expr = false;
    else if (!strcmp(t, ",") && depth == 0) /* "1, 2" would declare a second variable */
      expr = false;
    clang_disposeString(s);
  }
  /* one literal token: its value is known without a probe */
  bool literal = false;
  if (n == 2 && clang_getTokenKind(toks[1]) == CXToken_Literal) {
    CXString s = clang_getTokenSpelling(P->tu, toks[1]);
    literal = imp_macro_literal(P, d, clang_getCString(s));
    clang_disposeString(s);
  }
  if (toks) clang_disposeTokens(P->tu, toks, n);
  if (literal)
    return;
  else if (n <= 1)
    d->skip = "empty macro";
  else if (!expr || depth)
    d->skip = "not a constant expression";
  else
    imp_macro_candidate(P, d);
}

/* -- The walk -- */

/* The target's long and wchar_t, as clang parses for it (--target= included):
   variables of those types, declared on the main unit's first line (before
   any header, which could leave a declaration open; IMP_MAIN_INCLUDES). */
#define TARGET_LONG "__ffi_target_long"
#define TARGET_WCHAR "__ffi_target_wchar"
#define TARGET_FACTS "extern long " TARGET_LONG "; extern __WCHAR_TYPE__ " TARGET_WCHAR ";\n"

static bool target_fact(ImpParser *P, CXCursor c) {
  CXString s = clang_getCursorSpelling(c);
  const char *name = clang_getCString(s);
  bool is_long = name && strcmp(name, TARGET_LONG) == 0, is_wchar = name && strcmp(name, TARGET_WCHAR) == 0;
  clang_disposeString(s);
  if (!is_long && !is_wchar) return false;
  ImpType *t = convert(P, clang_getCanonicalType(clang_getCursorType(c)));
  if (t->kind != IT_INT || t->size <= 0) return true; /* unknown: the defaults stay */
  if (is_long) {
    P->m->long_size = t->size;
  } else {
    P->m->wchar_size = t->size;
    P->m->wchar_signed = !t->is_unsigned;
  }
  return true;
}

static enum CXChildVisitResult top_visit(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  ImpParser *P = data;
  switch (clang_getCursorKind(c)) {
  case CXCursor_StructDecl:
  case CXCursor_UnionDecl: record_of(P, c); break;
  case CXCursor_EnumDecl: enum_of(P, c); break;
  case CXCursor_TypedefDecl: typedef_of(P, c); break;
  case CXCursor_FunctionDecl: function(P, c); break;
  case CXCursor_VarDecl:
    if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
      variable(P, c);
    else if (!target_fact(P, c))
      imp_macro_probe_seen(P, c); /* the main file holds only the probes */
    break;
  case CXCursor_MacroDefinition: macro(P, c); break;
  default: break;
  }
  return CXChildVisit_Continue;
}

/* -- Source order -- */

/* Files in the order the preprocessor entered them. */
static void inclusion_visit(CXFile f, CXSourceLocation *stack, unsigned len, CXClientData data) {
  (void)stack;
  (void)len;
  file_info(data, f);
}

/* The name a declaration in clang's builtin headers is ordered by. */
static const char *order_name(const ImpDecl *d) {
  if (d->name) return d->name;
  return d->naming_typedef && d->naming_typedef->name ? d->naming_typedef->name : "";
}

static int decl_order(const void *pa, const void *pb) {
  const ImpDecl *a = *(const ImpDecl *const *)pa, *b = *(const ImpDecl *const *)pb;
  if (a->file_rank != b->file_rank) return a->file_rank < b->file_rank ? -1 : 1;
  if (a->line != b->line) return a->line < b->line ? -1 : 1;
  if (a->col != b->col) return a->col < b->col ? -1 : 1;
  if (a->in_clang && b->in_clang) { /* no line: by name, a record before its typedef */
    int c = strcmp(order_name(a), order_name(b));
    if (c) return c;
    if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
  }
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void sort_decls(ImpModel *m) {
  if (m->ndecls) qsort(m->decls, m->ndecls, sizeof *m->decls, decl_order);
  for (size_t i = 0; i < m->ndecls; i++) m->decls[i]->seq = (unsigned)i;
}

/* -- Diagnostics -- */

/* The standard header that declares a well-known name a header may use
   without including it (a header that does not compile alone). */
static const char *std_header_of(const char *name) {
  static const struct {
    const char *name, *header;
  } known[] = {
      {"FILE", "stdio.h"},       {"fpos_t", "stdio.h"},      {"size_t", "stddef.h"},
      {"NULL", "stddef.h"},      {"ptrdiff_t", "stddef.h"},  {"max_align_t", "stddef.h"},
      {"int8_t", "stdint.h"},    {"int16_t", "stdint.h"},    {"int32_t", "stdint.h"},
      {"int64_t", "stdint.h"},   {"uint8_t", "stdint.h"},    {"uint16_t", "stdint.h"},
      {"uint32_t", "stdint.h"},  {"uint64_t", "stdint.h"},   {"intptr_t", "stdint.h"},
      {"uintptr_t", "stdint.h"}, {"intmax_t", "stdint.h"},   {"uintmax_t", "stdint.h"},
      {"va_list", "stdarg.h"},   {"bool", "stdbool.h"},      {"true", "stdbool.h"},
      {"false", "stdbool.h"},    {"time_t", "time.h"},       {"tm", "time.h"},
      {"clock_t", "time.h"},     {"ssize_t", "sys/types.h"}, {"off_t", "sys/types.h"},
      {"pid_t", "sys/types.h"},  {"uid_t", "sys/types.h"},   {"gid_t", "sys/types.h"},
      {"mode_t", "sys/types.h"}, {"wchar_t", "wchar.h"},     {"wint_t", "wchar.h"},
      {"mbstate_t", "wchar.h"},
  };
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    if (strcmp(known[i].name, name) == 0) return known[i].header;
  return NULL;
}

/* For "unknown type name 'X'" (and an undeclared identifier, such as NULL):
   which header to add with -include, once per name. */
static void unknown_name_hint(ImpParser *P, const char *text, FILE *err) {
  static const char *const forms[] = {"unknown type name '", "use of undeclared identifier '", NULL};
  for (int i = 0; forms[i]; i++) {
    const char *s = strstr(text, forms[i]);
    if (!s) continue;
    s += strlen(forms[i]);
    size_t n = strcspn(s, "'");
    if (!n || !s[n]) return;
    const char *name = imp_strndup(P->m->arena, s, n);
    if (imp_map_get(&P->hinted, name)) return;
    imp_map_set(&P->hinted, name, (void *)name);
    const char *h = std_header_of(name);
    if (h)
      fprintf(err,
              "ffi-import: note: '%s' is declared in <%s>, which the header uses without including it: "
              "add -include %s\n",
              name, h, h);
    else
      fprintf(err,
              "ffi-import: note: '%s' is not declared: the header does not compile alone; "
              "-include the header that declares it\n",
              name);
    return;
  }
}

/* An error of a macro probe (after the #include lines of the main file),
   or clang stopping at its error limit because of them: not the headers'. */
static bool probe_diagnostic(ImpParser *P, CXDiagnostic dg, unsigned header_errors) {
  CXFile f = NULL;
  unsigned line = 0;
  clang_getExpansionLocation(clang_getDiagnosticLocation(dg), &f, &line, NULL, NULL);
  if (!f) {
    CXString s = clang_getDiagnosticSpelling(dg);
    bool limit = strstr(clang_getCString(s), "too many errors") != NULL;
    clang_disposeString(s);
    return limit && header_errors < 19;
  }
  CXString fname = clang_getFileName(f);
  const char *fn = clang_getCString(fname);
  bool probe = fn && strcmp(fn, P->main_path) == 0 && line >= IMP_MAIN_INCLUDES + P->opt->nheaders;
  clang_disposeString(fname);
  return probe;
}

/* Errors as clang prints them (file:line:col: error: text). One that clang
   places in the virtual main file happened at the end of the header that
   line includes: it is reported there. */
static unsigned report_diagnostics(ImpParser *P, FILE *err) {
  unsigned nerr = 0, n = clang_getNumDiagnostics(P->tu);
  for (unsigned i = 0; i < n; i++) {
    CXDiagnostic dg = clang_getDiagnostic(P->tu, i);
    enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(dg);
    if (sev >= CXDiagnostic_Error && probe_diagnostic(P, dg, nerr)) {
      clang_disposeDiagnostic(dg);
      continue;
    }
    if (sev >= CXDiagnostic_Error) {
      nerr++;
      CXFile f = NULL;
      unsigned line = 0;
      clang_getFileLocation(clang_getDiagnosticLocation(dg), &f, &line, NULL, NULL);
      CXString fname = clang_getFileName(f);
      const char *fn = clang_getCString(fname);
      size_t k = line - (size_t)IMP_MAIN_INCLUDES; /* the header whose #include line it is */
      bool in_main = fn && strcmp(fn, P->main_path) == 0 && line >= IMP_MAIN_INCLUDES && k < P->opt->nheaders;
      clang_disposeString(fname);
      CXString s =
          in_main ? clang_getDiagnosticSpelling(dg)
                  : clang_formatDiagnostic(dg, CXDiagnostic_DisplaySourceLocation |
                                                   CXDiagnostic_DisplayColumn | CXDiagnostic_DisplayOption);
      if (err && in_main)
        fprintf(err, "%s: %s at the end of the file: %s\n", P->opt->headers[k],
                sev == CXDiagnostic_Fatal ? "fatal error" : "error", clang_getCString(s));
      else if (err)
        fprintf(err, "%s\n", clang_getCString(s));
      if (err) unknown_name_hint(P, clang_getCString(s), err);
      clang_disposeString(s);
    }
    clang_disposeDiagnostic(dg);
  }
  return nerr;
}

/* -- Entry -- */

static void add_dir(ImpModel *m, const char **dirs, size_t *n, const char *d) {
  char abs[PATH_MAX];
  if (!realpath(d, abs)) return;
  for (size_t i = 0; i < *n; i++)
    if (strcmp(dirs[i], abs) == 0) return;
  dirs[(*n)++] = imp_strdup(m->arena, abs);
}

/* Directories paths are shown relative to: the named headers' own, -I, the system ones. */
static void display_dirs(ImpModel *m, const ImpOptions *opt, const char **abs_headers) {
  static const char *const sys[] = {"/usr/local/include",
                                    "/usr/include/x86_64-linux-gnu",
                                    "/usr/include/aarch64-linux-gnu",
                                    "/usr/include/i386-linux-gnu",
                                    "/usr/include/arm-linux-gnueabihf",
                                    "/usr/include",
                                    NULL};
  size_t cap = opt->nheaders + opt->nclang_args + 16, n = 0;
  const char **dirs = imp_alloc(m->arena, cap * sizeof *dirs);
  for (size_t i = 0; i < opt->nheaders; i++) {
    char *dir = imp_strdup(m->arena, abs_headers[i]);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) *slash = 0;
    add_dir(m, dirs, &n, dir);
  }
  for (size_t i = 0; i < opt->nclang_args; i++) {
    const char *a = opt->clang_args[i];
    if (strncmp(a, "-I", 2) == 0 && a[2])
      add_dir(m, dirs, &n, a + 2);
    else if (strcmp(a, "-isystem") == 0 && i + 1 < opt->nclang_args)
      add_dir(m, dirs, &n, opt->clang_args[i + 1]);
  }
  if (opt->resource_dir) add_dir(m, dirs, &n, imp_sprintf(m->arena, "%s/include", opt->resource_dir));
  for (int i = 0; sys[i]; i++) add_dir(m, dirs, &n, sys[i]);
  m->include_dirs = dirs;
  m->ninclude_dirs = n;
}

/* #include <name>: the -I and -isystem directories, then the system ones
   (the multiarch directory of ffi_arch.h's target). */
bool imp_find_include(const ImpOptions *opt, const char *name, char *abs) {
  static const char *const sys[] = {"/usr/local/include",
#ifdef FFI_MULTIARCH
                                    "/usr/include/" FFI_MULTIARCH,
#endif
                                    "/usr/include", NULL};
  char path[PATH_MAX];
  for (size_t i = 0; i < opt->nclang_args; i++) {
    const char *a = opt->clang_args[i];
    const char *dir = strncmp(a, "-I", 2) == 0 && a[2] ? a + 2 : NULL;
    if (!dir && strcmp(a, "-isystem") == 0 && i + 1 < opt->nclang_args) dir = opt->clang_args[i + 1];
    if (!dir) continue;
    int k = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (k > 0 && (size_t)k < sizeof path && realpath(path, abs)) return true;
  }
  for (int i = 0; sys[i]; i++) {
    int k = snprintf(path, sizeof path, "%s/%s", sys[i], name);
    if (k > 0 && (size_t)k < sizeof path && realpath(path, abs)) return true;
  }
  return false;
}

/* A header named on the command line: a path, or else found like
   #include <name>. */
bool imp_find_header(const ImpOptions *opt, const char *name, char *abs) {
  if (realpath(name, abs)) return true;
  if (name[0] == '/') return false;
  return imp_find_include(opt, name, abs);
}

/* Is dir (absolute, real) an include root of the system or the compiler? */
static bool system_root(const ImpParser *P, const char *dir) {
  static const char *const roots[] = {"/usr/include", "/usr/local/include", "/include", "/", NULL};
  for (int i = 0; roots[i]; i++)
    if (strcmp(dir, roots[i]) == 0) return true;
  if (strncmp(dir, "/usr/include/", 13) == 0 && strstr(dir + 13, "-linux-") && !strchr(dir + 13, '/'))
    return true; /* the multiarch directory: /usr/include/x86_64-linux-gnu */
  char res[PATH_MAX];
  if (P->opt->resource_dir) {
    char inc[PATH_MAX];
    snprintf(inc, sizeof inc, "%s/include", P->opt->resource_dir);
    if (realpath(inc, res) && strcmp(dir, res) == 0) return true;
  }
  return false;
}

/* The directories whose headers belong to the named headers' library: each
   named header's directory (and below), and a directory beside it named after
   it (foo.h -> foo/), unless it is a system or compiler include root. */
static void library_dirs(ImpParser *P, const char **abs_headers) {
  ImpModel *m = P->m;
  P->libdirs = imp_alloc(m->arena, (2 * P->opt->nheaders + 1) * sizeof(char *));
  for (size_t i = 0; i < P->opt->nheaders; i++) {
    char *dir = imp_strdup(m->arena, abs_headers[i]);
    char *slash = strrchr(dir, '/');
    if (!slash) continue;
    *slash = 0;
    const char *base = slash + 1;
    if (!system_root(P, *dir ? dir : "/")) P->libdirs[P->nlibdirs++] = imp_sprintf(m->arena, "%s/", dir);
    size_t stem = strcspn(base, ".");
    char side[PATH_MAX], real[PATH_MAX];
    snprintf(side, sizeof side, "%s/%.*s", dir, (int)stem, base);
    if (stem && realpath(side, real) && !system_root(P, real))
      P->libdirs[P->nlibdirs++] = imp_sprintf(m->arena, "%s/", real);
  }
}

/* The virtual main file (one #include per header) and clang's arguments. */
static bool setup(ImpParser *P, ImpBuf *main, FILE *err) {
  const ImpOptions *opt = P->opt;
  ImpModel *m = P->m;
  const char **abs_headers = imp_alloc(m->arena, (opt->nheaders + 1) * sizeof(char *));
  for (size_t i = 0; i < opt->nheaders; i++) {
    char abs[PATH_MAX];
    if (!imp_find_header(opt, opt->headers[i], abs)) {
      if (err) fprintf(err, "ffi-import: error: cannot read header '%s'\n", opt->headers[i]);
      return false;
    }
    abs_headers[i] = imp_strdup(m->arena, abs);
    imp_buf_printf(main, "#include \"%s\"\n", abs);
  }
  P->own_paths = abs_headers;
  display_dirs(m, opt, abs_headers);
  char rd[PATH_MAX];
  if (opt->resource_dir && realpath(opt->resource_dir, rd))
    P->resource_real = imp_sprintf(m->arena, "%s/", rd);
  library_dirs(P, abs_headers);
  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, "/tmp");
  P->main_path = imp_sprintf(m->arena, "%s/ffi-import-main.c", strcmp(cwd, "/") ? cwd : "");
  P->main_text = main->s ? main->s : "";
  P->main_len = main->n;
  imp_buf_puts(&P->first, TARGET_FACTS); /* line 1; the #include lines follow */
  imp_buf_putn(&P->first, P->main_text, P->main_len);
  imp_macro_prescan(P, abs_headers, &P->first);

  size_t n = 0;
  P->args = imp_alloc(m->arena, (opt->nclang_args + 16) * sizeof(char *));
  P->args[n++] = "-x";
  P->args[n++] = "c";
  for (size_t i = 0; i < opt->nclang_args; i++) P->args[n++] = opt->clang_args[i];
  if (opt->resource_dir) {
    P->args[n++] = "-resource-dir";
    P->args[n++] = opt->resource_dir;
  }
  P->args[n++] = "-Wno-everything";
  P->nargs = n;
  return true;
}

/* Parses, reports clang's errors, walks the declarations, evaluates the macros. */
static bool walk(ImpParser *P, FILE *err) {
  ImpModel *m = P->m;
  struct CXUnsavedFile uf = {P->main_path, P->first.s, P->first.n};
  enum CXErrorCode ec = clang_parseTranslationUnit2(
      P->index, P->main_path, P->args, (int)P->nargs, &uf, 1,
      CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_SkipFunctionBodies, &P->tu);
  if (ec != CXError_Success || !P->tu) {
    if (err)
      fprintf(err, "ffi-import: error: clang could not parse the headers (libclang error %d)\n", (int)ec);
    return false;
  }
  m->nerrors = report_diagnostics(P, err);
  m->clang_version = cx_take(m, clang_getClangVersion());
  CXTargetInfo ti = clang_getTranslationUnitTargetInfo(P->tu);
  m->triple = ti ? cx_take(m, clang_TargetInfo_getTriple(ti)) : "unknown";
  m->ptr_size = ti ? clang_TargetInfo_getPointerWidth(ti) / 8 : (long long)sizeof(void *);
  m->long_size = m->ptr_size; /* until target_fact reads them: LP64 or ILP32, Linux's wchar_t */
  m->wchar_size = 4;
  m->wchar_signed = true;
  if (ti) clang_TargetInfo_dispose(ti);
  P->nown = P->opt->nheaders;
  P->own = imp_alloc(m->arena, (P->nown + 1) * sizeof(CXFile));
  for (size_t i = 0; i < P->nown; i++) P->own[i] = clang_getFile(P->tu, P->own_paths[i]);
  if (m->nerrors == 0) {
    clang_getInclusions(P->tu, inclusion_visit, P);
    m->roots = imp_alloc(m->arena, (P->nfiles + 1) * sizeof(char *));
    for (size_t i = 0; i < P->nfiles; i++)
      if (P->files[i].own) m->roots[m->nroots++] = P->files[i].display;
    clang_visitChildren(clang_getTranslationUnitCursor(P->tu), top_visit, P);
    imp_macro_evaluate(P);
    imp_fnmacro_translate_all(m, fnmacro_wanted, P);
    sort_decls(m);
  }
  clang_disposeTranslationUnit(P->tu);
  return true;
}

ImpModel *imp_parse(const ImpOptions *opt, FILE *err) {
  ImpModel *m = calloc(1, sizeof *m);
  if (!m) return NULL;
  m->arena = imp_arena_new();
  ImpParser P = {0};
  P.m = m;
  P.opt = opt;
  ImpBuf main = {0};
  regex_t re;
  bool ok = setup(&P, &main, err);
  if (ok && opt->match) {
    if (regcomp(&re, opt->match, REG_EXTENDED | REG_NOSUB) == 0) {
      P.match = &re;
    } else {
      if (err) fprintf(err, "ffi-import: error: invalid --match regular expression '%s'\n", opt->match);
      ok = false;
    }
  }
  if (ok) {
    P.index = clang_createIndex(0, 0);
    ok = walk(&P, err);
    clang_disposeIndex(P.index);
  }
  if (P.match) regfree(P.match);
  free(P.files);
  free(P.macros);
  imp_map_free(&P.hinted);
  imp_map_free(&P.cand);
  imp_map_free(&P.probes);
  imp_map_free(&P.probe_lines);
  imp_map_free(&P.literal_ok);
  free(P.probe_cursors);
  free(P.seen);
  imp_buf_free(&P.first);
  imp_buf_free(&main);
  if (!ok) {
    imp_model_free(m);
    return NULL;
  }
  return m;
}
