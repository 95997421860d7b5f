/*
** ffi_ctype.h -- C type model: kinds, layout, the per-target table, the registry.
**
** A CType is immutable once complete and lives as long as its CTState (one per
** Lua state). Types are never freed one by one: instances keep raw CType
** pointers, so "types outlive instances" holds by construction.
**
** Type node layout (one struct for every kind; unused fields are zero):
**
**   kind    what     size/align   base            n          fields/params
**   VOID    void     0/1          -               -          -
**   BOOL    _Bool    1/1          -               -          -
**   INT     integer  1,2,4,8      -               -          -     flags: UNSIGNED, CHAR
**   FLOAT   real     4,8          -               -          -
**   ENUM    enum     of base      integer type    #consts    consts (name,value)
**   PTR     pointer  ptr size     pointee         -          -     flags: CONST (pointee)
**   ARRAY   array    n*elem       element         length     -     flags: VLA ([] or [?])
**   STRUCT  struct   layout       -               #fields    fields
**   UNION   union    layout       -               #fields    fields
**   FUNC    function 0/1          result          #params    params  flags: VARARG
*/
#ifndef FFI_CTYPE_H
#define FFI_CTYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ffi_vocab.h"

/* -- Internal invariants --
   FFI_ASSERT(cond) states something the code relies on and no input can break
   (LuaJIT's lj_assertCTS). Checked where FFI_ASSERTS is set (the FFI_SANITIZE
   build): a failure names the condition and aborts. Elsewhere it costs nothing
   and does not evaluate cond. Bad input gets a Lua error, never an assert. */
#if defined(FFI_ASSERTS) && FFI_ASSERTS
#include <stdio.h>
#include <stdlib.h>
static inline void ffi_assert_fail(const char *cond, const char *file, int line) {
  fprintf(stderr, "pluto-ffi: internal invariant broken: %s (%s:%d)\n", cond, file, line);
  abort();
}
#define FFI_ASSERT(cond) ((cond) ? (void)0 : ffi_assert_fail(#cond, __FILE__, __LINE__))
#else
#define FFI_ASSERT(cond) ((void)sizeof(!(cond)))
#endif

/* -- Target -- */

/* va_list's representation: a plain pointer (nfields 0: i386, ppc64le), or a
   record of up to 5 members (kinds VA_*), itself (AArch64, armhf) or as a
   one-element array (x86-64 and s390x: __va_list_tag[1]). */
enum { VA_INT, VA_UINT, VA_LONG, VA_PTR };
typedef struct CTVaList {
  const char *tag; /* the record's tag, for messages */
  bool array;      /* va_list is tag[1] */
  uint8_t nfields;
  struct {
    const char *name;
    uint8_t kind; /* VA_* */
  } fields[5];
} CTVaList;

/* Everything that differs between ABIs lives here, nowhere else. */
typedef struct CTarget {
  const char *arch; /* LuaJIT's names: "x64", "arm64", "x86", "arm", ... */
  const char *os;   /* "Linux", "OSX", "BSD", "Windows", "Other" */
  uint8_t ptr_size;
  uint8_t long_size;
  uint8_t wchar_size;
  uint8_t int64_align; /* alignment of long long / double inside structs */
  uint8_t max_align;   /* alignof(max_align_t) */
  bool char_signed;
  bool wchar_signed;
  bool big_endian;
  bool packed_by_value_in_memory; /* misaligned field => record passed in memory (SysV x86-64) */
  uint8_t record_abi;             /* how unions/bit-field/packed records go by value: CREC_* */
  bool unnamed_bitfields_align;   /* unnamed (and zero-width) bit-fields align the record (AAPCS) */
  CTVaList va_list;               /* __builtin_va_list inside records (a parameter stays a handle) */
  bool int_args_extended;         /* 32-bit int arguments (and results) are extended to 64 bits
                                     by their signedness, by the caller (by the callee), and the
                                     other side relies on it (ppc64, s390x) */
  uint8_t hfa_max;                /* CREC_AAPCS64/CREC_ELFV2: most members of a homogeneous float
                                     aggregate */
} CTarget;

enum {
  CREC_NONE,     /* refused: the runtime does not know this ABI's rules */
  CREC_SYSV_X64, /* one class per eightbyte: INTEGER or SSE; over 16 bytes in memory */
  CREC_AAPCS64,  /* homogeneous floating-point aggregates in FP registers, the rest as bytes */
  CREC_ELFV2     /* the same rule with up to 8 members (ppc64le ELFv2), hfa_max */
};

extern const CTarget ctarget;

/* The largest type or object, in bytes, on every target: 2^31-1 (LuaJIT's limit).
   Sizes fit an int, layout arithmetic cannot overflow even on 32-bit targets,
   and nothing larger could be allocated there anyway (docs/api.md, Limits). */
#define CT_MAX_SIZE ((size_t)0x7fffffff)
#define CT_TOO_LARGE "struct or union is too large (over 2147483647 bytes)"

/* -- Kinds and flags -- */

typedef enum CTKind {
  CT_VOID,
  CT_BOOL,
  CT_INT,
  CT_FLOAT,
  CT_ENUM,
  CT_PTR,
  CT_ARRAY,
  CT_STRUCT,
  CT_UNION,
  CT_FUNC
} CTKind;

#define CTF_UNSIGNED 0x0001u   /* INT: unsigned */
#define CTF_CHAR 0x0002u       /* INT: one of the char types (for char* rules) */
#define CTF_CONST 0x0004u      /* PTR: pointee is const */
#define CTF_VARARG 0x0008u     /* FUNC: ends with ... */
#define CTF_VLA 0x0010u        /* ARRAY: size given at creation ([] or [?]) */
#define CTF_INCOMPLETE 0x0020u /* STRUCT/UNION/ENUM: declared, not defined */
#define CTF_PACKED 0x0040u     /* STRUCT/UNION: has a field below natural alignment */
#define CTF_FLEX 0x0080u       /* STRUCT: last field is a flexible array */
#define CTF_BITFIELDS 0x0100u  /* STRUCT/UNION: has bit-fields (by value: the record ABI rules) */
#define CTF_STR 0x0200u        /* PTR: the seed's "str" (const char* as Lua string) */
#define CTF_VOIDP 0x0400u      /* PTR: the seed's "ptr" (light userdata both ways) */
#define CTF_METATYPE 0x8000u   /* STRUCT/UNION: ffi.metatype gave it a metatable (lib_luajit.c) */

typedef struct CType CType;

/* A struct/union member. is_bitfield tells a bit-field from an ordinary member,
   not bit_size: a zero-width bit-field (int : 0) has bit_size 0 too. */
typedef struct CField {
  const char *name; /* NULL for an anonymous struct/union member */
  const void *key;  /* interned Lua string of name (set by the module), or NULL */
  CType *type;
  size_t offset;    /* bytes from the start of the record */
  uint8_t bit_pos;  /* bit-fields: bit offset from the byte at offset (big-endian: from its top bit) */
  uint8_t bit_size; /* bit-fields: width, 0 for int : 0 (no storage, aligns what follows); else 0 */
  bool is_bitfield;
} CField;

/* An enumerator. */
typedef struct CEnumConst {
  const char *name;
  int64_t value;
} CEnumConst;

struct CType {
  uint8_t kind;     /* CTKind */
  uint16_t flags;   /* CTF_* */
  uint32_t id;      /* index in the registry; stable for the state's life */
  size_t size;      /* bytes; for VLA arrays: 0 */
  size_t align;     /* bytes */
  const char *name; /* tag ("Color"), typedef name or NULL; for messages */
  CType *base;      /* pointee / element / result / enum's integer type */
  size_t n;         /* array length / number of fields, params or consts */
  union {
    CField *fields;     /* STRUCT, UNION */
    CType **params;     /* FUNC */
    CEnumConst *consts; /* ENUM */
  } u;
  void *ffi;       /* cached ffi_type* for by-value use (built lazily) */
  uint32_t ptr_id; /* id + 1 of a cached 'pointer to this' type (ctype_ptr_to), 0 = none */
};

/* -- Registry -- */

typedef enum CTNamespace { NS_ORD = 0, NS_TAG = 1 } CTNamespace;

typedef enum CTNameKind {
  CN_TYPE,  /* typedef, builtin name, or (NS_TAG) struct/union/enum tag */
  CN_CONST, /* enumerator or static const integer: value */
  CN_FUNC,  /* declared function: type is FUNC, sym is the symbol name */
  CN_VAR    /* declared variable: type, sym */
} CTNameKind;

typedef struct CTName {
  const char *name;
  const char *sym; /* CN_FUNC/CN_VAR: symbol to look up (asm label), else NULL */
  CType *type;
  int64_t value;
  uint8_t ns;
  uint8_t kind;
} CTName;

typedef struct CTState CTState;

CTState *ctstate_new(void);
void ctstate_free(CTState *cts);

/* Builtin types (FFI_BUILTIN_TYPES in ffi_vocab.h): the seed's names and the
   C spellings resolve to these. */
typedef enum CTBuiltin {
#define CTB_ENUM(id, kind, size, flags, base, name, seed) CTB_##id,
  FFI_BUILTIN_TYPES(CTB_ENUM)
#undef CTB_ENUM
      CTB__MAX
} CTBuiltin;

/* Predefined typedefs' types the target chooses (FFI_TYPEDEFS). */
enum { CTA_SIZE = CTB__MAX, CTA_SSIZE, CTA_WCHAR };

CType *ctype_builtin(CTState *cts, CTBuiltin b);

/* The integer type of an enum whose enumerators lie in [lo, hi], GCC's rule:
   int if they fit, else unsigned int, else 64 bits; packed takes the smallest
   that fits. The one copy of the rule: the parser lays enums out with it
   (cparse.c) and the importer compares clang's size with it (imp_clang.c). */
static inline CTBuiltin ctype_enum_int(int64_t lo, int64_t hi, bool packed) {
  if (packed) {
    if (lo >= 0 && hi <= UINT8_MAX) return CTB_U8;
    if (lo >= INT8_MIN && hi <= INT8_MAX) return CTB_I8;
    if (lo >= 0 && hi <= UINT16_MAX) return CTB_U16;
    if (lo >= INT16_MIN && hi <= INT16_MAX) return CTB_I16;
  }
  if (lo >= INT32_MIN && hi <= INT32_MAX) return lo < 0 ? CTB_I32 : CTB_U32;
  if (lo >= 0 && (uint64_t)hi <= UINT32_MAX) return CTB_U32;
  return lo < 0 ? CTB_I64 : CTB_U64;
}

/* The size in bytes of a fixed-size builtin (FFI_BUILTIN_TYPES; what the
   target decides, long and pointers, is not fixed: negative). */
static inline int ctype_builtin_fixed_size(CTBuiltin b) {
  static const signed char size[] = {
#define CTB_SIZE(id, kind, size, flags, base, name, seed) size,
      FFI_BUILTIN_TYPES(CTB_SIZE)
#undef CTB_SIZE
  };
  return size[b];
}

/* Transactions: everything registered after a mark can be undone. */
typedef struct CTMark {
  size_t allocs, undo, types, names;
} CTMark;

CTMark ctype_begin(CTState *cts);
void ctype_rollback(CTState *cts, CTMark mark);

/* Allocation owned by the state (undone by rollback). Aborts nothing: NULL on OOM. */
void *ctype_alloc(CTState *cts, size_t size);
char *ctype_strdup(CTState *cts, const char *s, size_t len);

/* New type node, zeroed except kind, registered in the state. */
CType *ctype_new(CTState *cts, CTKind kind);
/* Copies of a node: every cached or owned field cleared (the libffi type, the
   'pointer to' cache), so the copy and the original never share them. ctype_copy
   registers a new node (its own id); ctype_copy_to fills caller storage (a
   temporary that must not reach the registry: no derived types of it). */
CType *ctype_copy(CTState *cts, const CType *src);
void ctype_copy_to(CType *dst, const CType *src);
/* Record the current contents of t so that a rollback restores them. */
bool ctype_save(CTState *cts, CType *t);
CType *ctype_byid(CTState *cts, uint32_t id);

CTName *ctype_lookup(CTState *cts, CTNamespace ns, const char *name, size_t len);
/* Adds (or, if absent, creates) a name; NULL on OOM. Undone by rollback. */
CTName *ctype_define(CTState *cts, CTNamespace ns, const char *name, size_t len);
/* Iterate over all names: returns next index or 0 at the end (start with 0). */
size_t ctype_next_name(CTState *cts, size_t i, CTName **out);

/* -- Derived types -- */

CType *ctype_ptr(CTState *cts, CType *pointee, bool to_const);
CType *ctype_array(CTState *cts, CType *elem, size_t n, bool vla);
/* 'pointer to t', made once per t: for run-time operations (p.flex, arr + n),
   which must not grow the registry each time. */
CType *ctype_ptr_to(CTState *cts, CType *t);
/* The function type ret(params...), made once per state: later calls with the
   same result, parameters and flags return the same node. NULL on OOM. */
CType *ctype_func(CTState *cts, CType *ret, CType *const *params, size_t n, uint16_t flags);

/* -- Layout -- */

/* field_align entry flag: the member itself is packed (alignment 1 before aligned(N)). */
#define CTYPE_FIELD_PACKED (~(SIZE_MAX >> 1)) /* the top bit: alignments stay under 2^29 */

/* Lays out a STRUCT/UNION whose fields have type/name/is_bitfield/bit_size filled in.
   pack: 0 = natural, else #pragma pack(N) limit. min_align: aligned(N) on the
   record (0 = none). packed: __attribute__((packed)). Returns NULL or an error. */
const char *ctype_layout(CType *t, size_t pack, size_t min_align, bool packed,
                         const size_t *field_align /* per field aligned(N) or NULL */);

/* -- Queries -- */

static inline bool ctype_isint(const CType *t) {
  return t->kind == CT_INT || t->kind == CT_BOOL || t->kind == CT_ENUM;
}
static inline bool ctype_isrecord(const CType *t) { return t->kind == CT_STRUCT || t->kind == CT_UNION; }
/* Complex numbers are structs { re; im; } named "double _Complex" / "float _Complex"
   (names no declaration can spell), laid out and passed as C lays them out. */
static inline bool ctype_iscomplex(const CType *t) {
  return t->kind == CT_STRUCT && t->name && t->n == 2 && strstr(t->name, " _Complex") != NULL;
}
/* Finds a member by name, looking through anonymous members. offset_out gets
   the member's absolute offset. NULL if absent. */
const CField *ctype_field(const CType *t, const char *name, size_t *offset_out);
/* Equality: structural, and records/enums also by tag (for redeclarations, conversions). */
bool ctype_equal(const CType *a, const CType *b);
/* Human-readable spelling ("struct Color", "int *", "int[4]"), into buf. */
const char *ctype_repr(const CType *t, char *buf, size_t len);

#endif
