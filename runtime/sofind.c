/*
** sofind.c -- see ffi_sofind.h.
*/
#include "ffi_sofind.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "ffi_arch.h" /* FFI_MULTIARCH */

const char *const ffi_lib_dirs[] = {
#ifdef FFI_MULTIARCH
    "/usr/local/lib/" FFI_MULTIARCH,
    "/lib/" FFI_MULTIARCH,
    "/usr/lib/" FFI_MULTIARCH,
#endif
    "/usr/local/lib",
    "/lib64",
    "/usr/lib64",
    "/lib",
    "/usr/lib",
    NULL};

bool ffi_so_script_target(const char *path, char *out, size_t outlen) {
  FILE *f = fopen(path, "r");
  if (!f) return false;
  char buf[4096];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  if (n < 4 || memcmp(buf, "\177ELF", 4) == 0) return false;
  for (char *p = buf; (p = strchr(p, '/')) != NULL;) {
    size_t len = strcspn(p, " \t\r\n()");
    if (memmem(p, len, ".so", 3)) {
      if (len >= outlen) return false;
      memcpy(out, p, len);
      out[len] = 0;
      return true;
    }
    p += len;
  }
  return false;
}

bool ffi_so_versioned(const char *dir, const char *file, char *out, size_t outlen) {
  DIR *d = opendir(dir);
  if (!d) return false;
  size_t flen = strlen(file), blen = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    size_t len = strlen(e->d_name);
    if (strncmp(e->d_name, file, flen) != 0 || e->d_name[flen] != '.' || len >= outlen) continue;
    if (!blen || len < blen || (len == blen && strcmp(e->d_name, out) < 0)) {
      memcpy(out, e->d_name, len + 1);
      blen = len;
    }
  }
  closedir(d);
  return blen > 0;
}
