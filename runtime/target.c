/*
** target.c -- the per-target table: every ABI fact the runtime uses.
*/
#include "ffi_ctype.h"

#include <limits.h>
#include <wchar.h>

#include "ffi_arch.h"

#define T_ARCH FFI_ARCH_NAME

#if defined(__linux__)
#define T_OS "Linux"
#elif defined(__APPLE__)
#define T_OS "OSX"
#elif defined(__FreeBSD__) || defined(__NetBSD__) || defined(__OpenBSD__)
#define T_OS "BSD"
#elif defined(_WIN32)
#define T_OS "Windows"
#else
#define T_OS "Other"
#endif

/* The facts the compiler does not define, one block a target (HACKING.md,
   "Adding a target"). Each block defines T_FACTS from
     T_RECORDS(record_abi, packed_by_value_in_memory, unnamed_bitfields_align,
               int_args_extended, hfa_max)
   (the CTarget fields of those names, ffi_ctype.h) and va_list's layout:
     T_VA_LIST(tag, va_list is an array of one, number of members, members...)
   as the psABI defines it (gcc's and clang's <stdarg.h> builtin), or
   T_VA_CHARP where va_list is a plain char *. */
#define T_RECORDS(abi, packed_in_memory, unnamed_bf_align, ints_extended, hfa)                               \
  .record_abi = (abi), .packed_by_value_in_memory = (packed_in_memory),                                      \
  .unnamed_bitfields_align = (unnamed_bf_align), .int_args_extended = (ints_extended), .hfa_max = (hfa)
#define T_VA_LIST(tag, array, n, ...) .va_list = {tag, array, n, {__VA_ARGS__}}
#define T_VA_CHARP .va_list = {NULL, false, 0, {{NULL, 0}}} /* va_list is a char * */

#if defined(__x86_64__)
/* System V: a record with an unaligned field has class MEMORY. */
#define T_FACTS                                                                                              \
  T_RECORDS(CREC_SYSV_X64, true, false, false, 0),                                                           \
      T_VA_LIST("__va_list_tag", true, 4, {"gp_offset", VA_UINT}, {"fp_offset", VA_UINT},                    \
                {"overflow_arg_area", VA_PTR}, {"reg_save_area", VA_PTR})
#elif defined(__aarch64__)
/* AAPCS64 looks at size and HFA-ness only: packed records go in registers;
   unnamed and zero-width bit-fields align the record (AAPCS). */
#define T_FACTS                                                                                              \
  T_RECORDS(CREC_AAPCS64, false, true, false, 4),                                                            \
      T_VA_LIST("__va_list", false, 5, {"__stack", VA_PTR}, {"__gr_top", VA_PTR}, {"__vr_top", VA_PTR},      \
                {"__gr_offs", VA_INT}, {"__vr_offs", VA_INT})
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
/* ELFv2: homogeneous aggregates of up to 8 floats or doubles in FP registers,
   any other record as its bytes in GPRs (by value up to the register limit). */
#define T_FACTS T_RECORDS(CREC_ELFV2, false, false, true, 8), T_VA_CHARP
#elif defined(__arm__)
/* AAPCS: unnamed and zero-width bit-fields align the record, as on AArch64. */
#define T_FACTS T_RECORDS(CREC_NONE, true, true, false, 0), T_VA_LIST("__va_list", false, 1, {"__ap", VA_PTR})
#elif defined(__s390x__)
#define T_FACTS                                                                                              \
  T_RECORDS(CREC_NONE, true, false, true, 0),                                                                \
      T_VA_LIST("__va_list_tag", true, 4, {"__gpr", VA_LONG}, {"__fpr", VA_LONG},                            \
                {"__overflow_arg_area", VA_PTR}, {"__reg_save_area", VA_PTR})
#else /* i386, and what the runtime has no rules for: records by value refused */
#define T_FACTS T_RECORDS(CREC_NONE, true, false, false, 0), T_VA_CHARP
#endif

/* alignof(long long) inside a struct: 4 on i386 System V, 8 elsewhere. */
struct t_ll {
  char c;
  long long x;
};

const CTarget ctarget = {
    .arch = T_ARCH,
    .os = T_OS,
    .ptr_size = sizeof(void *),
    .long_size = sizeof(long),
    .wchar_size = sizeof(wchar_t),
    .int64_align = offsetof(struct t_ll, x),
    .max_align = _Alignof(max_align_t),
    .char_signed = CHAR_MIN < 0,
    .wchar_signed = WCHAR_MIN < 0,
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    .big_endian = true,
#else
    .big_endian = false,
#endif
    T_FACTS,
};
