/*
** ffi_arch.h -- the architecture names (`ffi.arch`), in one place for the
** runtime (target.c: the name of the target it is compiled for) and the
** importer (imp_model.c: the name of a clang target triple, written into each
** generated module's guard). A module generated for a triple loads only where
** the runtime reports the same name, so the two must never disagree.
** Header-only: the importer does not link the runtime.
*/
#ifndef FFI_ARCH_H
#define FFI_ARCH_H

#include <stddef.h>
#include <string.h>

/* The name of the architecture this file is compiled for (LuaJIT's names where
   LuaJIT has one; "ppc64le" and "ppc64" are different ABIs: ELFv2 and ELFv1). */
#if defined(__x86_64__)
#define FFI_ARCH_NAME "x64"
#elif defined(__aarch64__) && defined(__AARCH64EB__)
#define FFI_ARCH_NAME "arm64be"
#elif defined(__aarch64__)
#define FFI_ARCH_NAME "arm64"
#elif defined(__i386__)
#define FFI_ARCH_NAME "x86"
#elif defined(__arm__) && defined(__ARMEB__)
#define FFI_ARCH_NAME "armeb"
#elif defined(__arm__)
#define FFI_ARCH_NAME "arm"
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
#define FFI_ARCH_NAME "ppc64le"
#elif defined(__powerpc64__)
#define FFI_ARCH_NAME "ppc64"
#elif defined(__powerpc__)
#define FFI_ARCH_NAME "ppc"
#elif defined(__mips64) && defined(__MIPSEL__)
#define FFI_ARCH_NAME "mips64el"
#elif defined(__mips64)
#define FFI_ARCH_NAME "mips64"
#elif defined(__mips__) && defined(__MIPSEL__)
#define FFI_ARCH_NAME "mipsel"
#elif defined(__mips__)
#define FFI_ARCH_NAME "mips"
#elif defined(__s390x__)
#define FFI_ARCH_NAME "s390x"
#elif defined(__riscv) && __riscv_xlen == 64
#define FFI_ARCH_NAME "riscv64"
#else
#define FFI_ARCH_NAME "unknown"
#endif

/* Debian's multiarch directory name of this target (/usr/lib/<name>), where
   bare library names are looked up; not defined where there is none. */
#if !defined(__linux__)
/* none */
#elif defined(__x86_64__)
#define FFI_MULTIARCH "x86_64-linux-gnu"
#elif defined(__aarch64__)
#define FFI_MULTIARCH "aarch64-linux-gnu"
#elif defined(__i386__)
#define FFI_MULTIARCH "i386-linux-gnu"
#elif defined(__arm__) && defined(__ARM_PCS_VFP)
#define FFI_MULTIARCH "arm-linux-gnueabihf"
#elif defined(__arm__)
#define FFI_MULTIARCH "arm-linux-gnueabi"
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
#define FFI_MULTIARCH "powerpc64le-linux-gnu"
#elif defined(__s390x__)
#define FFI_MULTIARCH "s390x-linux-gnu"
#elif defined(__riscv) && __riscv_xlen == 64
#define FFI_MULTIARCH "riscv64-linux-gnu"
#endif

/* The same names for a target triple's first component (longest prefix first
   where one prefix starts another). "unknown" when none matches. */
static inline const char *ffi_arch_of_triple(const char *triple) {
  static const struct {
    const char *prefix, *arch;
  } map[] = {
      {"x86_64", "x64"},
      {"amd64", "x64"},
      {"i386", "x86"},
      {"i486", "x86"},
      {"i586", "x86"},
      {"i686", "x86"},
      {"aarch64_be", "arm64be"},
      {"aarch64", "arm64"},
      {"arm64", "arm64"},
      {"armeb", "armeb"},
      {"arm", "arm"},
      {"thumbeb", "armeb"},
      {"thumb", "arm"},
      {"powerpc64le", "ppc64le"},
      {"ppc64le", "ppc64le"},
      {"powerpc64", "ppc64"},
      {"ppc64", "ppc64"},
      {"powerpc", "ppc"},
      {"mips64el", "mips64el"},
      {"mips64", "mips64"},
      {"mipsel", "mipsel"},
      {"mips", "mips"},
      {"riscv64", "riscv64"},
      {"s390x", "s390x"},
  };
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strncmp(triple, map[i].prefix, strlen(map[i].prefix)) == 0) return map[i].arch;
  return "unknown";
}

#endif
