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
/* va_list: the psABIs' definitions (gcc's and clang's <stdarg.h> builtin). */
#if defined(__x86_64__)
    .va_list = {"__va_list_tag",
                true,
                4,
                {{"gp_offset", VA_UINT},
                 {"fp_offset", VA_UINT},
                 {"overflow_arg_area", VA_PTR},
                 {"reg_save_area", VA_PTR}}},
#elif defined(__aarch64__)
    .va_list = {"__va_list",
                false,
                5,
                {{"__stack", VA_PTR},
                 {"__gr_top", VA_PTR},
                 {"__vr_top", VA_PTR},
                 {"__gr_offs", VA_INT},
                 {"__vr_offs", VA_INT}}},
#elif defined(__s390x__)
    .va_list = {"__va_list_tag",
                true,
                4,
                {{"__gpr", VA_LONG},
                 {"__fpr", VA_LONG},
                 {"__overflow_arg_area", VA_PTR},
                 {"__reg_save_area", VA_PTR}}},
#elif defined(__arm__)
    .va_list = {"__va_list", false, 1, {{"__ap", VA_PTR}}},
#else
    .va_list = {NULL, false, 0, {{NULL, 0}}}, /* char * (i386, ppc64le) */
#endif
#if defined(__x86_64__)
    /* System V: a record with an unaligned field has class MEMORY. */
    .packed_by_value_in_memory = true,
    .record_abi = CREC_SYSV_X64,
    .unnamed_bitfields_align = false,
#elif defined(__aarch64__)
    /* AAPCS64 looks at size and HFA-ness only: packed records go in registers. */
    .packed_by_value_in_memory = false,
    .record_abi = CREC_AAPCS64,
    .unnamed_bitfields_align = true,
    .hfa_max = 4,
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
    /* ELFv2: homogeneous aggregates of up to 8 floats or doubles in FP registers,
       any other record as its bytes in GPRs (by value up to the register limit). */
    .packed_by_value_in_memory = false,
    .record_abi = CREC_ELFV2,
    .unnamed_bitfields_align = false,
    .int_args_extended = true,
    .hfa_max = 8,
#elif defined(__arm__)
    /* AAPCS: unnamed and zero-width bit-fields align the record, as on AArch64 */
    .packed_by_value_in_memory = true,
    .record_abi = CREC_NONE,
    .unnamed_bitfields_align = true,
#elif defined(__s390x__)
    .packed_by_value_in_memory = true,
    .record_abi = CREC_NONE,
    .unnamed_bitfields_align = false,
    .int_args_extended = true,
#else
    .packed_by_value_in_memory = true,
    .record_abi = CREC_NONE,
    .unnamed_bitfields_align = false,
#endif
};
