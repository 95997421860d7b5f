/*
** ffi_int.h -- shared internals of the runtime: module state, memory objects,
** and the entry points each concern exposes to the others.
*/
#ifndef FFI_INT_H
#define FFI_INT_H

#include <lauxlib.h>
#include <lua.h>
#include <pthread.h>

#include "ffi_ctype.h"

/* Lua keeps these in its private headers. */
#ifndef l_noret
#define l_noret _Noreturn void
#endif
#ifndef l_likely
#define l_likely(x) __builtin_expect(((x) != 0), 1)
#define l_unlikely(x) __builtin_expect(((x) != 0), 0)
#endif
#define l_noinline __attribute__((noinline))

/* Parameters of a function made by lib:wrap or ffi.callback (ccall.c refuses more). */
#define FFI_MAX_PARAMS 255

/* -- Module state (one per Lua state) -- */

/* An FFI call in progress on the Lua thread: callbacks run on its L. */
typedef struct CallFrame {
  struct CallFrame *prev;
  lua_State *L;
  bool failed; /* a callback failed: skip further Lua calls, raise after return */
  int cbtab;   /* stack index on L of the callback table, pushed by the first fast callback; 0: none */
} CallFrame;

typedef struct FFIState {
  CTState *cts;
  const void *cdata_mt;   /* identity of the shared metatable of memory objects */
  const void *cdata_gcmt; /* the same with __gc: callbacks and ffi.gc'd objects only */
  CallFrame *frame;       /* innermost FFI call on the Lua thread */
  int saved_errno;        /* errno right after the last FFI call */
  int cbtab;              /* registry slot of the weak-valued table: callback key -> its Lua function */
  int cbnext;             /* callback keys handed out so far (keys are 1..cbnext) */
  int *cbfree, ncbfree, ccbfree; /* keys given back by collected callbacks, reused first */
} FFIState;

/* Registry keys (addresses of these are unique). */
extern const char ffi_key_state, ffi_key_cdata_mt, ffi_key_cdata_gcmt, ffi_key_anchor, ffi_key_typecache,
    ffi_key_libmt, ffi_key_gc, ffi_key_cberr, ffi_key_fncache, ffi_key_keeps;

FFIState *ffi_state(lua_State *L); /* from upvalue 1 of module functions */

/* -- Memory objects (cdata.c) -- */

typedef enum CDKind {
  CDK_BUFFER,   /* ffi.alloc: raw bytes, type NULL */
  CDK_OBJECT,   /* an instance or a view of a declared type (record, array, scalar) */
  CDK_POINTER,  /* a typed pointer value: type is PTR, value in *(void**)ptr */
  CDK_CALLBACK, /* ffi.callback */
  CDK_CTYPE     /* a type object (ffi.struct's result) */
} CDKind;

typedef struct CData {
  CType *type;
  void *ptr;    /* the object's bytes (payload, parent's memory or foreign memory) */
  size_t size;  /* accessible bytes */
  size_t count; /* elements of a flexible array member, as given to ffi.new */
  uint8_t kind;
  bool owned;  /* ptr points into this userdata's payload */
  bool has_gc; /* ffi.gc attached a finalizer (registry table ffi_key_gc) */
} CData;

/* The user value of a memory object that does not own its bytes (a view, a
   pointer): what keeps ptr valid (parent object, library). An object that owns
   its bytes (ffi.new, a by-value result, a buffer) has no user value: the
   fewer and smaller the objects, the less the collector does. Lua values
   stored into an object's memory are kept in the registry's ephemeron table
   ffi_key_keeps (root object -> table: field address -> value). */
#define CD_UV_OWNER 1

CData *cdata_test(lua_State *L, FFIState *S, int idx);
CData *cdata_new(lua_State *L, FFIState *S, CType *t, size_t size, CDKind kind);
/* Pushes a view of t at p; owner_idx (0 = none) keeps the memory alive. */
CData *cdata_view(lua_State *L, FFIState *S, CType *t, void *p, int owner_idx);
/* Keeps the value at vidx (a string, userdata or function; nil for others)
   alive while the memory at addr, inside the object at idx, lives. */
void cdata_keep(lua_State *L, FFIState *S, int idx, void *addr, int vidx);
/* Pushes a typed pointer object (nil for NULL). */
void cdata_pushptr(lua_State *L, FFIState *S, CType *ptype, void *p);
void cdata_push_ctype(lua_State *L, FFIState *S, CType *t);
void cdata_open(lua_State *L, FFIState *S); /* creates the metatable */

/* -- Conversions (cconv.c) -- */

/* Where a conversion happens, for error messages. */
typedef struct ConvCtx {
  const char *fname; /* function name (argument) or field name */
  int arg;           /* argument number, 0 = field, -1 = return value */
} ConvCtx;

/* Pushes the C value at p of type t. owner_idx keeps views alive (0 = copy). */
void cconv_push(lua_State *L, FFIState *S, CType *t, const void *p, int owner_idx);
/* Converts Lua value idx into C memory p of type t. Raises on error. */
void cconv_check(lua_State *L, FFIState *S, CType *t, void *p, int idx, const ConvCtx *ctx);
/* A pointer from any pointer-like Lua value (for "ptr"/typed pointers). */
void *cconv_toptr(lua_State *L, FFIState *S, int idx, CType *target, const ConvCtx *ctx);
/* An integer, refusing fractional numbers. */
lua_Integer cconv_toint(lua_State *L, int idx, const ConvCtx *ctx);
l_noret cconv_error(lua_State *L, const ConvCtx *ctx, const char *fmt, ...);

/* -- Types from Lua values (lib_ffi.c) -- */

/* A type from a type string, a type object or an instance; raises "unknown type". */
CType *ffi_checktype(lua_State *L, FFIState *S, int idx);
/* Parses src; on error rolls back and raises. Returns the result (decls). */
struct CParseResult;
void ffi_parse(lua_State *L, FFIState *S, const char *src, size_t len, unsigned opts,
               struct CParseResult *out, CTMark *mark);

/* -- Calls (ccall.c) -- */

/* Pushes a Lua function calling fn with signature ft; owner_idx (0 = none) is kept alive. */
void ccall_push(lua_State *L, FFIState *S, CType *ft, void *fn, const char *name, int owner_idx);
/* libffi type of t (records built and cached on demand); NULL with *err set if impossible. */
void *ccall_ffitype(CType *t, const char **err);
/* The C function a wrapper calls (and its type), or NULL if idx is not a wrapper. */
void *ccall_address(lua_State *L, int idx, CType **ft);

/* -- Callbacks (ccallback.c) -- */

void *ccallback_code(CData *cd); /* code address of a callback object */
int ccallback_index(lua_State *L, CData *cd, const char *key);
void ccallback_gc(lua_State *L, CData *cd);
/* Pushes a callback object for the Lua function at idx with signature ft. */
void ccallback_new(lua_State *L, FFIState *S, CType *ft, int idx);
/* A temporary callback for a Lua function passed to a function-pointer parameter. */
void *ccallback_from_function(lua_State *L, FFIState *S, int idx, CType *ft);

/* The function type of callback cd (to call it from Lua through its C entry point). */
CType *ccallback_type(CData *cd);

/* -- Libraries (clib.c) -- */

void clib_open(lua_State *L, FFIState *S);

/* -- LuaJIT compatibility (lib_luajit.c) -- */

void luajit_open(lua_State *L); /* the registry table of metatypes */
/* Wraps the metamethods of the memory-object metatable at the top (metatype, boxed scalars). */
void luajit_wrap_mt(lua_State *L);
/* Pushes the plain Lua value of a boxed scalar (ffi.new("int", 5)) at idx; false if not one. */
bool luajit_unbox(lua_State *L, int idx);
/* __index / __newindex of a metatype for a key that is not a member: results, or -1 if none. */
int luajit_index(lua_State *L, FFIState *S, CData *cd, bool set);
/* Initializes the new object at obj from the arguments first..last (LuaJIT's rules). */
void luajit_init(lua_State *L, FFIState *S, int obj, int first, int last);
/* '$' placeholders in the declaration at sidx replaced by the arguments after it
   (LuaJIT's parameterized types, for ffi.cdef and ffi.typeof); false if none. */
bool luajit_subst(lua_State *L, FFIState *S, int sidx);
/* After ffi.new of a type with a metatype: its __gc as an implicit ffi.gc. */
void luajit_newgc(lua_State *L, FFIState *S, CType *t);

/* The index of ft's parameter list among the generated stub shapes
   (gen_callstubs.lua's shapes(): every list of the classes in `classes`,
   shorter lists first, the last parameter varying fastest), or -1 when cls
   gives a parameter no class among them. The caller bounds ft->n by its
   table's arity. */
static inline int ffi_shape_index(const CType *ft, const char *classes, char (*cls)(const CType *, bool)) {
  int base = (int)strlen(classes), idx = 0, mul = 1;
  for (size_t i = ft->n; i-- > 0; mul *= base) {
    char c = cls(ft->u.params[i], false);
    const char *at = c ? strchr(classes, c) : NULL;
    if (!at) return -1;
    idx += (int)(at - classes) * mul;
  }
  return (mul - 1) / (base - 1) + idx; /* (base^n - 1) / (base - 1) shorter lists come first */
}

/* -- The ffi.* functions: the module's table is lib_ffi.c's ffi_functions[],
   the one list of them; each is defined beside the mechanism it uses -- */

int ffi_new(lua_State *L); /* cdata.c: objects, types and memory */
int ffi_sizeof(lua_State *L);
int ffi_alignof(lua_State *L);
int ffi_offsetof(lua_State *L);
int ffi_alloc(lua_State *L);
int ffi_read(lua_State *L);
int ffi_write(lua_State *L);
int ffi_string(lua_State *L);
int ffi_isnull(lua_State *L);
int ffi_cast(lua_State *L);
int ffi_typeof(lua_State *L);
int ffi_addressof(lua_State *L);
int ffi_copy(lua_State *L);
int ffi_fill(lua_State *L);
int ffi_gc(lua_State *L);
int ffi_open(lua_State *L); /* clib.c: libraries */
int ffi_load(lua_State *L);
int ffi_callback(lua_State *L); /* ccallback.c */
int ffi_metatype(lua_State *L); /* lib_luajit.c: LuaJIT's additions */
int ffi_istype(lua_State *L);
int ffi_abi_is(lua_State *L); /* ffi.abi (libffi owns the name ffi_abi) */
int ffi_tonumber(lua_State *L);

#endif
