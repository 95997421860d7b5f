/*
** ffi_sofind.h -- finding a library's file the way the linker does: the
** directories searched for a bare name, linker scripts (libc.so is one), and
** the versioned file behind a name without a development symlink. Plain C,
** shared by the runtime (clib.c: ffi.open("z")) and the importer (imp_lib.c:
** the library a module opens).
*/
#ifndef FFI_SOFIND_H
#define FFI_SOFIND_H

#include <stdbool.h>
#include <stddef.h>

/* The directories searched for a bare name, in the linker's order (Debian's
   multiarch directories of this target first); NULL-terminated. */
extern const char *const ffi_lib_dirs[];

/* If path is a linker script, copies the first shared object it names
   (GROUP ( /lib/x86_64-linux-gnu/libc.so.6 ... )) to out and returns true.
   False for an ELF file, a missing file or a script naming none. */
bool ffi_so_script_target(const char *path, char *out, size_t outlen);

/* The versioned file for file (e.g. "libz.so") in dir: the shortest name
   "<file>.<version>" (libz.so.1 before libz.so.1.2.13; equal lengths by name),
   copied to out without the directory. False when there is none. */
bool ffi_so_versioned(const char *dir, const char *file, char *out, size_t outlen);

#endif
