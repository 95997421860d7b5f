/*
** ffi_vocab.h -- the C vocabulary, one X-macro table per kind of word: the
** builtin types, the typedef names every state predefines, and the keywords
** of the declaration parser. Everything else derives from these tables:
** CTBuiltin and the builtin nodes (ffi_ctype.h, ctype.c), the seed's short
** names (lib_ffi.c), the keyword tokens (cparse_int.h, clex.c, cparse.c) and
** the importer's list of names the runtime defines itself (imp_select.c).
**
** Only macros here: CT_*, CTF_* and CTB_* expand where a table is used, so the
** importer can include this header (through ffi_ctype.h) without the runtime.
*/
#ifndef FFI_VOCAB_H
#define FFI_VOCAB_H

/* -- Builtin types --
   X(id, kind, size, flags, base, name, seed)
     id     CTB_<id> (ffi_ctype.h); the order is the order of creation
     kind   CT_* of the node
     size   bytes, or FFI_SZ_LONG / FFI_SZ_PTR (the target's long and pointer)
     flags  CTF_*, or FFI_TF_CHAR: the target's plain char (CTF_CHAR, unsigned
            where char is unsigned)
     base   CTB_* of the pointee, or -1
     name   the node's name in messages (NULL: none)
     seed   the seed's short name for ffi.new("i32") and friends, or NULL (at
            most 4 characters: lib_ffi.c does not look longer strings up)
   VA_LIST is not a scalar: ctype.c builds it from ctarget.va_list, last. */
#define FFI_SZ_LONG (-1)
#define FFI_SZ_PTR (-2)
#define FFI_TF_CHAR 0x10000
#define FFI_BUILTIN_TYPES(X)                                                                                 \
  X(VOID, CT_VOID, 0, 0, -1, "void", "void")                                                                 \
  X(BOOL, CT_BOOL, 1, CTF_UNSIGNED, -1, "bool", NULL)                                                        \
  X(I8, CT_INT, 1, 0, -1, "int8_t", "i8")                                                                    \
  X(I16, CT_INT, 2, 0, -1, "short", "i16")                                                                   \
  X(I32, CT_INT, 4, 0, -1, "int", "i32")                                                                     \
  X(I64, CT_INT, 8, 0, -1, "int64_t", "i64")                                                                 \
  X(U8, CT_INT, 1, CTF_UNSIGNED, -1, "uint8_t", "u8")                                                        \
  X(U16, CT_INT, 2, CTF_UNSIGNED, -1, "unsigned short", "u16")                                               \
  X(U32, CT_INT, 4, CTF_UNSIGNED, -1, "unsigned int", "u32")                                                 \
  X(U64, CT_INT, 8, CTF_UNSIGNED, -1, "uint64_t", "u64")                                                     \
  X(F32, CT_FLOAT, 4, 0, -1, "float", "f32")                                                                 \
  X(F64, CT_FLOAT, 8, 0, -1, "double", "f64")                                                                \
  X(CHAR, CT_INT, 1, FFI_TF_CHAR, -1, "char", NULL)                                                          \
  X(SCHAR, CT_INT, 1, CTF_CHAR, -1, "signed char", NULL)                                                     \
  X(UCHAR, CT_INT, 1, CTF_CHAR | CTF_UNSIGNED, -1, "unsigned char", NULL)                                    \
  X(LONG, CT_INT, FFI_SZ_LONG, 0, -1, "long", NULL)                                                          \
  X(ULONG, CT_INT, FFI_SZ_LONG, CTF_UNSIGNED, -1, "unsigned long", NULL)                                     \
  X(PTR, CT_PTR, FFI_SZ_PTR, CTF_VOIDP, CTB_VOID, "ptr", "ptr")           /* void* as light userdata */      \
  X(STR, CT_PTR, FFI_SZ_PTR, CTF_STR | CTF_CONST, CTB_CHAR, "str", "str") /* const char* as a Lua string */  \
  X(CONST_CHAR_P, CT_PTR, FFI_SZ_PTR, CTF_STR | CTF_CONST, CTB_CHAR, NULL, NULL) /* const char * */          \
  X(VA_LIST, CT_STRUCT, 0, 0, -1, NULL, NULL) /* __builtin_va_list as laid out in memory */

/* -- Predefined typedef names --
   X(name, type): type is a CTB_* builtin, or one the target chooses:
   CTA_SIZE (size_t: unsigned, pointer-sized), CTA_SSIZE (signed, pointer-sized),
   CTA_WCHAR (wchar_t: ctarget.wchar_size and wchar_signed). Registered in this
   order by ctstate_new; the importer does not emit headers' typedefs of them. */
#define FFI_TYPEDEFS(X)                                                                                      \
  X("int8_t", CTB_I8)                                                                                        \
  X("int16_t", CTB_I16)                                                                                      \
  X("int32_t", CTB_I32)                                                                                      \
  X("int64_t", CTB_I64)                                                                                      \
  X("uint8_t", CTB_U8)                                                                                       \
  X("uint16_t", CTB_U16)                                                                                     \
  X("uint32_t", CTB_U32)                                                                                     \
  X("uint64_t", CTB_U64)                                                                                     \
  X("size_t", CTA_SIZE)                                                                                      \
  X("ssize_t", CTA_SSIZE)                                                                                    \
  X("intptr_t", CTA_SSIZE)                                                                                   \
  X("uintptr_t", CTA_SIZE)                                                                                   \
  X("ptrdiff_t", CTA_SSIZE)                                                                                  \
  X("wchar_t", CTA_WCHAR)                                                                                    \
  X("bool", CTB_BOOL)                                                                                        \
  X("intmax_t", CTB_I64)                                                                                     \
  X("uintmax_t", CTB_U64)                                                                                    \
  X("off_t", CTB_I64)                                                                                        \
  X("time_t", CTB_LONG)

/* -- Keywords --
   Every word the declaration parser treats specially. The lexer looks an
   identifier up here and hands the parser its token (LexState.kw, KW_*), so
   spellings of one meaning (const, __const, __const__) share a token.
   X(spelling, token, class): token names KW_<token> (FFI_KW_TOKENS), class is
   a set of KWC_* bits:
     KWC_C     a C keyword: never a declarator's or member's name
     KWC_TYPE  starts a type name (a type specifier)
     KWC_QUAL  a qualifier that does not change the type (const aside)
   The spellings are in ASCII order (the lexer searches them by halves;
   tests/unit checks the order). */
#define KWC_C 1
#define KWC_TYPE 2
#define KWC_QUAL 4
/* clang-format off */
#define FFI_KW_TOKENS(T) \
  T(NONE) /* not a keyword */ \
  T(OTHER) /* a C keyword of statements: break, case, ... */ \
  T(VOID) T(CHAR) T(SHORT) T(INT) T(LONG) T(FLOAT) T(DOUBLE) T(SIGNED) T(UNSIGNED) T(BOOL) \
  T(COMPLEX) T(INT128) T(FLOAT128) T(FLOAT32) T(FLOAT64) T(FLOAT32X) T(FLOAT64X) T(VA_LIST) \
  T(STRUCT) T(UNION) T(ENUM) \
  T(CONST) T(VOLATILE) T(RESTRICT) T(ATOMIC) T(NULLABILITY) T(EXTENSION) \
  T(TYPEDEF) T(EXTERN) T(STATIC) T(AUTO) T(REGISTER) T(THREAD) T(INLINE) T(NORETURN) \
  T(SIZEOF) T(ALIGNOF) T(ALIGNAS) T(STATIC_ASSERT) T(ATTRIBUTE) T(ASM) T(DECLSPEC) T(CALLCONV)
/* clang-format on */
#define FFI_KEYWORDS(X)                                                                                      \
  X("_Alignas", ALIGNAS, KWC_C)                                                                              \
  X("_Alignof", ALIGNOF, KWC_C)                                                                              \
  X("_Atomic", ATOMIC, KWC_C | KWC_QUAL)                                                                     \
  X("_Bool", BOOL, KWC_C | KWC_TYPE)                                                                         \
  X("_Complex", COMPLEX, KWC_C | KWC_TYPE)                                                                   \
  X("_Float128", FLOAT128, KWC_TYPE)                                                                         \
  X("_Float32", FLOAT32, KWC_TYPE)                                                                           \
  X("_Float32x", FLOAT32X, KWC_TYPE)                                                                         \
  X("_Float64", FLOAT64, KWC_TYPE)                                                                           \
  X("_Float64x", FLOAT64X, KWC_TYPE)                                                                         \
  X("_Nonnull", NULLABILITY, KWC_QUAL)                                                                       \
  X("_Noreturn", NORETURN, KWC_C)                                                                            \
  X("_Nullable", NULLABILITY, KWC_QUAL)                                                                      \
  X("_Static_assert", STATIC_ASSERT, KWC_C)                                                                  \
  X("_Thread_local", THREAD, KWC_C)                                                                          \
  X("__alignof__", ALIGNOF, 0)                                                                               \
  X("__asm", ASM, 0)                                                                                         \
  X("__asm__", ASM, 0)                                                                                       \
  X("__attribute", ATTRIBUTE, 0)                                                                             \
  X("__attribute__", ATTRIBUTE, 0)                                                                           \
  X("__builtin_va_list", VA_LIST, KWC_TYPE)                                                                  \
  X("__cdecl", CALLCONV, 0)                                                                                  \
  X("__complex__", COMPLEX, KWC_TYPE)                                                                        \
  X("__const", CONST, KWC_QUAL)                                                                              \
  X("__const__", CONST, KWC_QUAL)                                                                            \
  X("__declspec", DECLSPEC, 0)                                                                               \
  X("__extension__", EXTENSION, KWC_QUAL)                                                                    \
  X("__fastcall", CALLCONV, 0)                                                                               \
  X("__float128", FLOAT128, KWC_TYPE)                                                                        \
  X("__gnuc_va_list", VA_LIST, KWC_TYPE)                                                                     \
  X("__inline", INLINE, 0)                                                                                   \
  X("__inline__", INLINE, 0)                                                                                 \
  X("__int128", INT128, KWC_TYPE)                                                                            \
  X("__int128_t", INT128, KWC_TYPE)                                                                          \
  X("__restrict", RESTRICT, KWC_QUAL)                                                                        \
  X("__restrict__", RESTRICT, KWC_QUAL)                                                                      \
  X("__signed", SIGNED, KWC_TYPE)                                                                            \
  X("__signed__", SIGNED, KWC_TYPE)                                                                          \
  X("__stdcall", CALLCONV, 0)                                                                                \
  X("__thiscall", CALLCONV, 0)                                                                               \
  X("__thread", THREAD, 0)                                                                                   \
  X("__uint128_t", INT128, KWC_TYPE)                                                                         \
  X("__volatile__", VOLATILE, KWC_QUAL)                                                                      \
  X("asm", ASM, 0)                                                                                           \
  X("auto", AUTO, KWC_C)                                                                                     \
  X("break", OTHER, KWC_C)                                                                                   \
  X("case", OTHER, KWC_C)                                                                                    \
  X("char", CHAR, KWC_C | KWC_TYPE)                                                                          \
  X("complex", COMPLEX, KWC_TYPE) /* LuaJIT's spelling */                                                    \
  X("const", CONST, KWC_C | KWC_QUAL)                                                                        \
  X("continue", OTHER, KWC_C)                                                                                \
  X("default", OTHER, KWC_C)                                                                                 \
  X("do", OTHER, KWC_C)                                                                                      \
  X("double", DOUBLE, KWC_C | KWC_TYPE)                                                                      \
  X("else", OTHER, KWC_C)                                                                                    \
  X("enum", ENUM, KWC_C | KWC_TYPE)                                                                          \
  X("extern", EXTERN, KWC_C)                                                                                 \
  X("float", FLOAT, KWC_C | KWC_TYPE)                                                                        \
  X("for", OTHER, KWC_C)                                                                                     \
  X("goto", OTHER, KWC_C)                                                                                    \
  X("if", OTHER, KWC_C)                                                                                      \
  X("inline", INLINE, KWC_C)                                                                                 \
  X("int", INT, KWC_C | KWC_TYPE)                                                                            \
  X("long", LONG, KWC_C | KWC_TYPE)                                                                          \
  X("register", REGISTER, KWC_C)                                                                             \
  X("restrict", RESTRICT, KWC_C | KWC_QUAL)                                                                  \
  X("return", OTHER, KWC_C)                                                                                  \
  X("short", SHORT, KWC_C | KWC_TYPE)                                                                        \
  X("signed", SIGNED, KWC_C | KWC_TYPE)                                                                      \
  X("sizeof", SIZEOF, KWC_C)                                                                                 \
  X("static", STATIC, KWC_C)                                                                                 \
  X("static_assert", STATIC_ASSERT, 0)                                                                       \
  X("struct", STRUCT, KWC_C | KWC_TYPE)                                                                      \
  X("switch", OTHER, KWC_C)                                                                                  \
  X("typedef", TYPEDEF, KWC_C)                                                                               \
  X("union", UNION, KWC_C | KWC_TYPE)                                                                        \
  X("unsigned", UNSIGNED, KWC_C | KWC_TYPE)                                                                  \
  X("void", VOID, KWC_C | KWC_TYPE)                                                                          \
  X("volatile", VOLATILE, KWC_C | KWC_QUAL)                                                                  \
  X("while", OTHER, KWC_C)

#endif
