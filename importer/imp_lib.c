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
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ffi_sofind.h" /* the runtime's: linker scripts, library directories */
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

/* The first shared object a linker script names (GROUP ( /lib/.../libc.so.6 ... )). */
static const char *script_target(ImpArena *a, const char *path) {
  char out[1024];
  return ffi_so_script_target(path, out, sizeof out) ? imp_strdup(a, out) : NULL;
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
  if (!dirs) dirs = ffi_lib_dirs;
  for (int i = 0; dirs[i]; i++) {
    const char *path = imp_sprintf(a, "%s/%s", dirs[i], file);
    if (is_file(path)) return soname_of_file(a, path);
  }
  /* no development symlink: the shortest lib<base>.so.N (libz.so.1 before libz.so.1.2.13) */
  for (int i = 0; dirs[i]; i++) {
    char best[256];
    if (ffi_so_versioned(dirs[i], file, best, sizeof best))
      return soname_of_file(a, imp_sprintf(a, "%s/%s", dirs[i], best));
  }
  size_t k = (size_t)snprintf(err, errlen, "cannot find library '%s' (looked for %s in", name, file);
  for (int i = 0; dirs[i] && k < errlen; i++) k += (size_t)snprintf(err + k, errlen - k, " %s", dirs[i]);
  if (k < errlen) snprintf(err + k, errlen - k, ")");
  return NULL;
}

/* -- Finding the library of a header (no -l) -- */

/* Runs a pkg-config command line (arguments already safe); its output, or NULL. */
static char *pkg_config(ImpArena *a, const char *args) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "pkg-config %s 2>/dev/null", args);
  FILE *p = popen(cmd, "r");
  if (!p) return NULL;
  ImpBuf b = {0};
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) imp_buf_putn(&b, buf, n);
  int st = pclose(p);
  char *r = st == 0 ? imp_strdup(a, b.s ? b.s : "") : NULL;
  imp_buf_free(&b);
  return r;
}

static bool pkg_name_ok(const char *s) {
  if (!*s) return false;
  for (; *s; s++)
    if (!(isalnum((unsigned char)*s) || strchr("._+-", *s))) return false;
  return true;
}

/* The linker's directories: LIBRARY_PATH (as cc honours it), then the usual ones. */
static const char **linker_dirs(ImpArena *a, const char *extra) {
  const char *env = getenv("LIBRARY_PATH");
  size_t n = 0, cap = 32;
  const char **dirs = imp_alloc(a, cap * sizeof *dirs);
  const char *lists[2] = {extra, env};
  for (int l = 0; l < 2; l++) {
    const char *s = lists[l];
    while (s && *s && n + 1 < cap - 16) {
      size_t len = strcspn(s, l == 0 ? " " : ":");
      if (len) dirs[n++] = imp_strndup(a, s, len);
      s += len;
      if (*s) s++;
    }
  }
  for (int i = 0; ffi_lib_dirs[i] && n + 1 < cap; i++) dirs[n++] = ffi_lib_dirs[i];
  dirs[n] = NULL;
  return dirs;
}

bool imp_pkg_config(ImpArena *a, const char *name, ImpPkg *pkg, char *err, size_t errlen) {
  memset(pkg, 0, sizeof *pkg);
  pkg->name = name;
  if (!pkg_name_ok(name)) {
    snprintf(err, errlen, "bad pkg-config package name '%s'", name);
    return false;
  }
  char *out = pkg_config(a, imp_sprintf(a, "--cflags --libs '%s'", name));
  if (!out) {
    snprintf(err, errlen, "pkg-config does not know package '%s' (pkg-config --cflags --libs %s failed)",
             name, name);
    return false;
  }
  size_t cap = 16;
  pkg->cflags = imp_alloc(a, cap * sizeof(char *));
  ImpBuf ldirs = {0};
  const char *lib = NULL;
  for (char *t = strtok(out, " \t\n"); t; t = strtok(NULL, " \t\n")) {
    if (strncmp(t, "-I", 2) == 0 || strncmp(t, "-D", 2) == 0 || strncmp(t, "-U", 2) == 0) {
      if (pkg->ncflags + 1 >= cap) {
        const char **nf = imp_alloc(a, 2 * cap * sizeof(char *));
        memcpy(nf, pkg->cflags, cap * sizeof(char *));
        pkg->cflags = nf;
        cap *= 2;
      }
      pkg->cflags[pkg->ncflags++] = imp_strdup(a, t);
      if (t[1] == 'I') imp_buf_printf(&pkg->incdirs, "%s\n", t + 2);
    } else if (strncmp(t, "-L", 2) == 0 && t[2]) {
      imp_buf_printf(&ldirs, "%s ", t + 2);
    } else if (strncmp(t, "-l", 2) == 0 && t[2] && !lib) {
      lib = imp_strdup(a, t + 2);
    }
  }
  pkg->libname = lib;
  if (lib) {
    const char **dirs = linker_dirs(a, ldirs.s);
    pkg->soname = imp_resolve_lib(a, lib, dirs, err, errlen);
  } else {
    snprintf(err, errlen, "pkg-config package '%s' names no library (-l)", name);
  }
  imp_buf_free(&ldirs);
  return pkg->soname != NULL;
}

/* Does NAME.pc (first found in the ':'-separated dirs) contain "/word"? */
static bool pc_mentions(ImpArena *a, const char *dirs, const char *name, const char *word) {
  for (const char *s = dirs; *s;) {
    size_t len = strcspn(s, ":\n");
    if (len) {
      FILE *f = fopen(imp_sprintf(a, "%.*s/%s.pc", (int)len, s, name), "r");
      if (f) {
        char buf[8192];
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = 0;
        return strstr(buf, imp_sprintf(a, "/%s", word)) != NULL;
      }
    }
    s += len;
    if (*s) s++;
  }
  return false;
}

static bool ieq(const char *a, const char *b) { return strcasecmp(a, b) == 0; }

/* name is stem+suffix where suffix starts with a digit, '-' or '.': "libfoo-8" for "libfoo". */
static bool near_name(const char *name, const char *stem) {
  size_t n = strlen(stem);
  return strncasecmp(name, stem, n) == 0 &&
         (isdigit((unsigned char)name[n]) || name[n] == '-' || name[n] == '.');
}

static bool under_dir(const char *path, const char *dir) {
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/') n--;
  return strncmp(path, dir, n) == 0 && path[n] == '/';
}

/* Of the packages names[0..n), the first whose pkg-config data gives a
   library (its name in *chosen, the library's soname in *soname, unless one
   was found before); *ambiguous when another gives a different library. */
static void first_package(ImpArena *a, const char *const *names, size_t n, ImpPkg *pk, const char **chosen,
                          const char **soname, bool *ambiguous) {
  char err[1024];
  for (size_t i = 0; i < n; i++) {
    if (!imp_pkg_config(a, names[i], pk, err, sizeof err)) continue;
    if (*soname && strcmp(*soname, pk->soname) != 0) *ambiguous = true;
    if (!*soname) {
      *soname = pk->soname;
      *chosen = names[i];
    }
    imp_buf_free(&pk->incdirs);
  }
}

const char *imp_find_lib(ImpArena *a, const char *header, const char **how, ImpBuf *tried) {
  *how = NULL;
  /* a header directly in an include root (/usr/include/zlib.h) has no directory stem */
  const char *ls = strrchr(header, '/');
  bool dir_is_root = !ls;
  if (ls) {
    const char *d = ls;
    while (d > header && d[-1] != '/') d--;
    size_t dl = (size_t)(ls - d);
    dir_is_root = (dl == 7 && strncmp(d, "include", 7) == 0) || memmem(d, dl, "-linux-", 7) != NULL;
  }
  /* stems: the header's (foo.h -> foo), its directory's (foo/bar.h -> foo) */
  const char *slash = strrchr(header, '/');
  const char *base = slash ? slash + 1 : header;
  const char *stems[2] = {imp_strndup(a, base, strcspn(base, ".")), NULL};
  if (slash && !dir_is_root) {
    const char *d = slash;
    while (d > header && d[-1] != '/') d--;
    if (d < slash) stems[1] = imp_strndup(a, d, (size_t)(slash - d));
    if (stems[1] && ieq(stems[1], stems[0])) stems[1] = NULL;
  }
  const char *names[4];
  size_t nn = 0;
  for (int i = 0; i < 2; i++) {
    if (!stems[i] || !*stems[i]) continue;
    names[nn++] = stems[i];
    if (strncmp(stems[i], "lib", 3) != 0) names[nn++] = imp_sprintf(a, "lib%s", stems[i]);
  }
  /* 1. pkg-config packages: by name, then by include directory */
  char *list = pkg_config(a, "--list-all");
  const char *exact[16] = {0}, *near[16] = {0}, *bydir[16] = {0};
  size_t nexact = 0, nnear = 0, nbydir = 0;
  ImpPkg pk[16];
  imp_buf_printf(tried, "pkg-config packages named");
  for (size_t i = 0; i < nn; i++) imp_buf_printf(tried, "%s %s", i ? "," : "", names[i]);
  if (list) {
    for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
      size_t len = strcspn(line, " \t");
      line[len] = 0;
      if (!pkg_name_ok(line)) continue;
      bool ex = false, ne = false;
      for (size_t i = 0; i < nn; i++) {
        ex = ex || ieq(line, names[i]);
        ne = ne || near_name(line, names[i]);
      }
      if (ex && nexact < 16)
        exact[nexact++] = line;
      else if (ne && nnear < 16)
        near[nnear++] = line;
    }
  } else {
    imp_buf_printf(tried, " (pkg-config did not run)");
  }
  const char *chosen = NULL, *soname = NULL;
  bool ambiguous = false;
  first_package(a, exact, nexact, &pk[0], &chosen, &soname, &ambiguous);
  if (ambiguous || (!soname && nnear)) {
    imp_buf_printf(tried, "; several packages could be the library, none was chosen:");
    for (size_t i = 0; i < nexact; i++) imp_buf_printf(tried, " %s", exact[i]);
    for (size_t i = 0; i < nnear; i++) imp_buf_printf(tried, " %s", near[i]);
    return NULL;
  }
  if (soname) {
    *how = imp_sprintf(a, "pkg-config package '%s' (its name matches the header)", chosen);
    return soname;
  }
  /* by include directory: a package whose -I directories hold the header (never
     an include root: pkg-config leaves those out). Only the .pc files that
     mention the header's directory are asked. */
  list = dir_is_root ? NULL : pkg_config(a, "--list-all");
  const char *dirbase = stems[1] ? stems[1] : stems[0];
  const char *pcpath = list ? pkg_config(a, "--variable pc_path pkg-config") : NULL;
  const char *envpath = getenv("PKG_CONFIG_PATH");
  const char *pcdirs = imp_sprintf(a, "%s:%s", envpath ? envpath : "", pcpath ? pcpath : "");
  if (!dir_is_root) imp_buf_printf(tried, "; pkg-config packages whose include directories hold %s", base);
  for (char *line = list ? strtok(list, "\n") : NULL; line; line = strtok(NULL, "\n")) {
    size_t len = strcspn(line, " \t");
    line[len] = 0;
    if (!pkg_name_ok(line) || !pc_mentions(a, pcdirs, line, dirbase)) continue;
    char *inc = pkg_config(a, imp_sprintf(a, "--cflags-only-I '%s'", line));
    bool hit = false;
    for (char *t = inc ? strtok_r(inc, " \t\n", &inc) : NULL; t && !hit; t = strtok_r(NULL, " \t\n", &inc))
      hit = strncmp(t, "-I", 2) == 0 && under_dir(header, t + 2);
    if (hit && nbydir < 16) bydir[nbydir++] = line;
  }
  first_package(a, bydir, nbydir, &pk[0], &chosen, &soname, &ambiguous);
  if (ambiguous) {
    imp_buf_printf(tried, "; several packages could be the library, none was chosen:");
    for (size_t i = 0; i < nbydir; i++) imp_buf_printf(tried, " %s", bydir[i]);
    return NULL;
  }
  if (soname) {
    *how = imp_sprintf(a, "pkg-config package '%s' (its include directory holds the header)", chosen);
    return soname;
  }
  /* 2. lib<stem>.so in the linker's directories */
  const char **dirs = linker_dirs(a, NULL);
  const char *found = NULL, *found_stem = NULL;
  imp_buf_printf(tried, "; ");
  for (int i = 0; i < 2; i++) {
    if (!stems[i] || !*stems[i]) continue;
    const char *file = strncmp(stems[i], "lib", 3) == 0 ? stems[i] : imp_sprintf(a, "lib%s", stems[i]);
    imp_buf_printf(tried, "%s%s.so", i ? ", " : "", file);
    const char *so = NULL;
    for (int k = 0; dirs[k] && !so; k++) {
      const char *path = imp_sprintf(a, "%s/%s.so", dirs[k], file);
      if (is_file(path)) so = soname_of_file(a, path);
    }
    if (so && found && strcmp(so, found) != 0) {
      imp_buf_printf(tried, "; both %s and %s match, none was chosen", found, so);
      return NULL;
    }
    if (so && !found) {
      found = so;
      found_stem = file;
    }
  }
  imp_buf_printf(tried, " in the linker's directories (LIBRARY_PATH,");
  for (int k = 0; ffi_lib_dirs[k]; k++) imp_buf_printf(tried, " %s", ffi_lib_dirs[k]);
  imp_buf_printf(tried, ")");
  if (found) *how = imp_sprintf(a, "%s.so in the linker's directories", found_stem);
  return found;
}
