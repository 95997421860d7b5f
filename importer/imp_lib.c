/*
** imp_lib.c -- -l NAME resolved the way the linker resolves it.
**
** "z", "libz" and "libz.so" name lib<z>.so in the linker's search
** directories; the linker records that file's DT_SONAME ("libz.so.1") as the
** dependency, so that is what the module opens: it works where only the
** runtime package (no -dev symlink) is installed. libc.so is a linker script:
** its GROUP names the real object. Without the -dev symlink, the shortest
** lib<z>.so.N present stands in. A path or a versioned soname is kept as is.
*/
#include <elf.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "imp.h"

/* -- ELF -- */

static bool read_at(int fd, void *buf, size_t n, off_t off) { return pread(fd, buf, n, off) == (ssize_t)n; }

/* Reads the DT_SONAME of a native-endian ELF32/ELF64 shared object. */
const char *imp_elf_soname(ImpArena *a, const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  const char *result = NULL;
  unsigned char ident[EI_NIDENT];
  if (!read_at(fd, ident, sizeof ident, 0) || memcmp(ident, ELFMAG, SELFMAG) != 0) goto done;
  bool is64 = ident[EI_CLASS] == ELFCLASS64;
  uint64_t shoff, shnum, shentsize;
  if (is64) {
    Elf64_Ehdr eh;
    if (!read_at(fd, &eh, sizeof eh, 0)) goto done;
    shoff = eh.e_shoff, shnum = eh.e_shnum, shentsize = eh.e_shentsize;
  } else {
    Elf32_Ehdr eh;
    if (!read_at(fd, &eh, sizeof eh, 0)) goto done;
    shoff = eh.e_shoff, shnum = eh.e_shnum, shentsize = eh.e_shentsize;
  }
  if (!shoff || shnum > 4096 || shentsize < (is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr))) goto done;
  for (uint64_t i = 0; i < shnum && !result; i++) {
    uint64_t type, off, size, link, entsize;
    if (is64) {
      Elf64_Shdr sh;
      if (!read_at(fd, &sh, sizeof sh, (off_t)(shoff + i * shentsize))) goto done;
      type = sh.sh_type, off = sh.sh_offset, size = sh.sh_size, link = sh.sh_link,
      entsize = sizeof(Elf64_Dyn);
    } else {
      Elf32_Shdr sh;
      if (!read_at(fd, &sh, sizeof sh, (off_t)(shoff + i * shentsize))) goto done;
      type = sh.sh_type, off = sh.sh_offset, size = sh.sh_size, link = sh.sh_link,
      entsize = sizeof(Elf32_Dyn);
    }
    if (type != SHT_DYNAMIC) continue;
    uint64_t stroff = 0, strsize = 0, soname = UINT64_MAX;
    if (is64) {
      Elf64_Shdr str;
      if (!read_at(fd, &str, sizeof str, (off_t)(shoff + link * shentsize))) goto done;
      stroff = str.sh_offset, strsize = str.sh_size;
    } else {
      Elf32_Shdr str;
      if (!read_at(fd, &str, sizeof str, (off_t)(shoff + link * shentsize))) goto done;
      stroff = str.sh_offset, strsize = str.sh_size;
    }
    for (uint64_t k = 0; k + entsize <= size; k += entsize) {
      int64_t tag;
      uint64_t val;
      if (is64) {
        Elf64_Dyn dyn;
        if (!read_at(fd, &dyn, sizeof dyn, (off_t)(off + k))) goto done;
        tag = dyn.d_tag, val = dyn.d_un.d_val;
      } else {
        Elf32_Dyn dyn;
        if (!read_at(fd, &dyn, sizeof dyn, (off_t)(off + k))) goto done;
        tag = dyn.d_tag, val = dyn.d_un.d_val;
      }
      if (tag == DT_NULL) break;
      if (tag == DT_SONAME) soname = val;
    }
    if (soname < strsize) {
      char name[512];
      ssize_t n = pread(fd, name, sizeof name - 1, (off_t)(stroff + soname));
      if (n > 0) {
        name[n] = 0;
        if (memchr(name, 0, (size_t)n)) result = imp_strdup(a, name);
      }
    }
  }
done:
  close(fd);
  return result;
}

/* -- Search -- */

static const char *const default_dirs[] = {
#if defined(__x86_64__)
    "/usr/local/lib/x86_64-linux-gnu",
    "/lib/x86_64-linux-gnu",
    "/usr/lib/x86_64-linux-gnu",
#elif defined(__aarch64__)
    "/usr/local/lib/aarch64-linux-gnu",
    "/lib/aarch64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
#elif defined(__i386__)
    "/usr/local/lib/i386-linux-gnu",
    "/lib/i386-linux-gnu",
    "/usr/lib/i386-linux-gnu",
#endif
    "/usr/local/lib",
    "/lib64",
    "/usr/lib64",
    "/lib",
    "/usr/lib",
    NULL};

/* The first shared object a linker script names (GROUP ( /lib/.../libc.so.6 ... )). */
static const char *script_target(ImpArena *a, const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return NULL;
  char buf[4096];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  if (n >= 4 && memcmp(buf, ELFMAG, SELFMAG) == 0) return NULL;
  for (char *p = buf; (p = strchr(p, '/')) != NULL;) {
    size_t len = strcspn(p, " \t\r\n()");
    if (memmem(p, len, ".so", 3)) return imp_strndup(a, p, len);
    p += len;
  }
  return NULL;
}

/* What the linker would record for the file at path. */
static const char *soname_of_file(ImpArena *a, const char *path) {
  const char *target = script_target(a, path);
  if (target) path = target;
  const char *so = imp_elf_soname(a, path);
  if (so) return so;
  const char *slash = strrchr(path, '/');
  return imp_strdup(a, slash ? slash + 1 : path);
}

static bool is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *imp_resolve_lib(ImpArena *a, const char *name, const char *const *dirs, char *err,
                            size_t errlen) {
  if (!name || !*name) {
    snprintf(err, errlen, "empty library name");
    return NULL;
  }
  if (strchr(name, '/')) { /* a path: kept, unless it is a linker script */
    if (!is_file(name)) {
      snprintf(err, errlen, "cannot find library '%s'", name);
      return NULL;
    }
    const char *target = script_target(a, name);
    return target ? target : imp_strdup(a, name);
  }
  const char *so = strstr(name, ".so.");
  if (so) return imp_strdup(a, name); /* a versioned soname */
  /* a bare name: "z", "libz", "libz.so" -> libz.so */
  size_t len = strlen(name);
  if (len > 3 && strcmp(name + len - 3, ".so") == 0) len -= 3;
  const char *base =
      strncmp(name, "lib", 3) == 0 ? imp_strndup(a, name, len) : imp_sprintf(a, "lib%.*s", (int)len, name);
  const char *file = imp_sprintf(a, "%s.so", base);
  if (!dirs) dirs = default_dirs;
  for (int i = 0; dirs[i]; i++) {
    const char *path = imp_sprintf(a, "%s/%s", dirs[i], file);
    if (is_file(path)) return soname_of_file(a, path);
  }
  /* no development symlink: the shortest lib<base>.so.N (libz.so.1 before libz.so.1.2.13) */
  for (int i = 0; dirs[i]; i++) {
    DIR *dir = opendir(dirs[i]);
    if (!dir) continue;
    const char *best = NULL;
    size_t flen = strlen(file);
    for (struct dirent *de; (de = readdir(dir)) != NULL;) {
      if (strncmp(de->d_name, file, flen) == 0 && de->d_name[flen] == '.' &&
          (!best || strlen(de->d_name) < strlen(best) ||
           (strlen(de->d_name) == strlen(best) && strcmp(de->d_name, best) < 0)))
        best = imp_strdup(a, de->d_name);
    }
    closedir(dir);
    if (best) return soname_of_file(a, imp_sprintf(a, "%s/%s", dirs[i], best));
  }
  size_t k = (size_t)snprintf(err, errlen, "cannot find library '%s' (looked for %s in", name, file);
  for (int i = 0; dirs[i] && k < errlen; i++) k += (size_t)snprintf(err + k, errlen - k, " %s", dirs[i]);
  if (k < errlen) snprintf(err + k, errlen - k, ")");
  return NULL;
}
