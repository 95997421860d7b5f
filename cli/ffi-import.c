/*
** ffi-import -- C headers -> a Lua module for pluto-ffi.
**
**   ffi-import [options] header.h...
**
** Thin over importer/: options in the compiler's idiom, files, exit codes
** (0 ok, 1 header errors, 2 usage). See docs/importer.md and ffi-import(1).
*/
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <clang-c/Index.h>

#include "imp.h"

#ifndef FFI_CLANG_RESOURCE_DIR
#define FFI_CLANG_RESOURCE_DIR ""
#endif

static ImpArena *arena; /* everything main allocates; freed on every exit */

static void free_arena(void) {
  imp_arena_free(arena);
  arena = NULL;
}

static int usage_error(const char *fmt, const char *arg) {
  fputs("ffi-import: error: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\n(ffi-import --help lists the options)\n", stderr);
  return 2;
}

/* -- clang's resource directory (stddef.h, stdarg.h, ...) -- */

static bool has_builtin_headers(const char *dir) {
  char path[PATH_MAX];
  struct stat st;
  snprintf(path, sizeof path, "%s/include/stddef.h", dir);
  return stat(path, &st) == 0;
}

static const char *find_resource_dir(ImpArena *a, char *searched, size_t len) {
  /* the one CMake found beside the libclang built against (no version's path here) */
  const char *candidates[2];
  int n = 0;
  const char *env = getenv("FFI_IMPORT_RESOURCE_DIR");
  if (env && *env) /* an explicit choice: only that one */
    candidates[n++] = env;
  else if (*FFI_CLANG_RESOURCE_DIR)
    candidates[n++] = FFI_CLANG_RESOURCE_DIR;
  size_t k = 0;
  searched[0] = 0;
  for (int i = 0; i < n; i++) {
    if (has_builtin_headers(candidates[i])) return imp_strdup(a, candidates[i]);
    k += (size_t)snprintf(searched + k, k < len ? len - k : 0, "%s%s", k ? ", " : "", candidates[i]);
  }
  return NULL;
}

/* -- The recorded command line -- */

/* Absolute paths would make the output depend on where it was made. */
static const char *normalize_path(ImpArena *a, ImpModel *m, const char *path) {
  char abs[PATH_MAX], cwd[PATH_MAX];
  if (!realpath(path, abs)) return path;
  if (getcwd(cwd, sizeof cwd)) {
    size_t n = strlen(cwd);
    if (strncmp(abs, cwd, n) == 0 && abs[n] == '/') return imp_strdup(a, abs + n + 1);
  }
  const char *d = imp_display_path(m, abs);
  if (d[0] != '/') return imp_strdup(a, d);
  const char *slash = strrchr(abs, '/');
  return imp_strdup(a, slash && slash[1] ? slash + 1 : abs);
}

typedef struct Arg {
  const char *opt; /* option as written, or NULL for a header */
  const char *value;
  bool is_path;
} Arg;

static const char *command_line(ImpArena *a, ImpModel *m, const Arg *args, size_t n) {
  ImpBuf b = {0};
  imp_buf_puts(&b, "ffi-import");
  for (size_t i = 0; i < n; i++) {
    const char *v = args[i].value;
    if (args[i].is_path && v) v = normalize_path(a, m, v);
    if (args[i].opt) imp_buf_printf(&b, " %s", args[i].opt);
    if (v) imp_buf_printf(&b, args[i].opt && args[i].opt[strlen(args[i].opt) - 1] == '=' ? "%s" : " %s", v);
  }
  const char *s = imp_strdup(a, b.s);
  imp_buf_free(&b);
  return s;
}

/* -- Output -- */

static int write_output(const char *path, const ImpBuf *text) {
  if (!path) {
    fwrite(text->s, 1, text->n, stdout);
    return fflush(stdout) == 0 ? 0 : 1;
  }
  char tmp[PATH_MAX];
  snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "w");
  if (!f) {
    fprintf(stderr, "ffi-import: error: cannot write '%s': %s\n", path, strerror(errno));
    return 1;
  }
  bool ok = fwrite(text->s, 1, text->n, f) == text->n;
  ok = fclose(f) == 0 && ok;
  if (!ok || rename(tmp, path) != 0) {
    fprintf(stderr, "ffi-import: error: cannot write '%s': %s\n", path, strerror(errno));
    remove(tmp);
    return 1;
  }
  return 0;
}

static void print_stats(const ImpOptions *opt, const ImpModel *m, const ImpStats *st, double seconds) {
  for (size_t i = 0; i < m->nroots; i++) fprintf(stderr, "ffi-import: root header: %s\n", m->roots[i]);
  fprintf(stderr,
          "ffi-import: %s: %u functions, %u variables, %u records (%u opaque), %u enums, %u typedefs, "
          "%u constants, %u records layout-checked, %u skipped, %u degraded, %.3f s\n",
          opt->nheaders ? opt->headers[0] : "", st->functions, st->variables, st->records, st->opaque,
          st->enums, st->typedefs, st->constants, st->checked, st->skipped, st->degraded, seconds);
  if (st->fnmacros) fprintf(stderr, "ffi-import:   macro functions: %u\n", st->fnmacros);
  if (st->shimmed)
    fprintf(stderr, "ffi-import:   shimmed: %u static inline functions (%s)\n", st->shimmed, opt->shim);
  for (unsigned i = 0; i < st->nreasons; i++)
    fprintf(stderr, "ffi-import:   skipped %u: %s\n", st->reasons[i].count, st->reasons[i].reason);
}

/* -- Arguments -- */

typedef struct Cli {
  const char **headers, **cargs; /* headers; arguments for clang */
  Arg *rec;                      /* the command line to record */
  size_t nh, nc, nrec;
  const char *out, *lib, *match, *pkg;
  const char *shim, *shim_c; /* --shim LIB.so, --shim-c FILE.c */
  bool all, check, json, stats, only_headers;
  int exit_now; /* >= 0: exit with this status (help, version, usage error) */
} Cli;

/* How an option takes its value (the option's spellings in parentheses). */
typedef enum OptForm {
  ARG_NONE,    /* --all */
  ARG_NEXT,    /* -isystem DIR: the next argument */
  ARG_JOINED,  /* -I DIR, -IDIR (also -I=DIR) */
  ARG_LONG,    /* --pkg NAME, --pkg=NAME */
  ARG_LONG_EQ, /* as ARG_LONG, shown and recorded as --target=TRIPLE */
  ARG_EQ       /* -std=STD only */
} OptForm;

/* How the recorded command line (the module's "-- command:") keeps it. */
typedef enum OptRec {
  REC_NO,   /* not recorded (-o, --stats: they do not change the module) */
  REC_YES,  /* recorded as written, by its first name */
  REC_PATH, /* recorded, its value a path (made relative: see normalize_path) */
} OptRec;

typedef struct Opt Opt;
typedef void OptSet(Cli *c, const Opt *o, const char *v);

static OptSet set_clang, set_lib, set_pkg, set_match, set_string, set_flag, set_help, set_version;

/* One row per option: name, a second name shown in --help, one accepted but not
   shown, the value's form and name, where it goes (a setter and the Cli field
   it sets, if any), whether it is recorded, and the help text (its lines after
   the first indented in --help). Its order is --help's. */
struct Opt {
  const char *name, *alias, *hidden;
  OptForm form;
  const char *meta;
  OptSet *set;
  size_t field; /* offsetof(Cli, ...) for set_string and set_flag */
  OptRec rec;
  const char *help;
};

#define CLI_FIELD(f) offsetof(Cli, f)

static const Opt options[] = {
    {"-I", NULL, NULL, ARG_JOINED, "DIR", set_clang, 0, REC_PATH, "add an include directory"},
    {"-isystem", NULL, NULL, ARG_NEXT, "DIR", set_clang, 0, REC_PATH, "add a system include directory"},
    {"-D", NULL, NULL, ARG_JOINED, "NAME[=VALUE]", set_clang, 0, REC_YES, "define a macro"},
    {"-U", NULL, NULL, ARG_JOINED, "NAME", set_clang, 0, REC_YES, "undefine a macro"},
    {"-include", NULL, NULL, ARG_NEXT, "FILE", set_clang, 0, REC_PATH, "include FILE before the headers"},
    {"-std", NULL, NULL, ARG_EQ, "STD", set_clang, 0, REC_YES, "C standard (c99, gnu11, c17, ...)"},
    {"--target", NULL, "-target", ARG_LONG_EQ, "TRIPLE", set_clang, 0, REC_YES,
     "target to parse for (default: this machine)"},
    {"-o", NULL, NULL, ARG_NEXT, "FILE", set_string, CLI_FIELD(out), REC_NO,
     "write the module to FILE (default: standard output)"},
    {"-l", "--lib", NULL, ARG_JOINED, "NAME", set_lib, 0, REC_PATH,
     "the library the module opens: a soname (libz.so.1), a path,\n"
     "or a bare name resolved like the linker does (z -> libz.so.1);\n"
     "default: found from the header (pkg-config, lib<stem>.so), else\n"
     "the C library"},
    {"--pkg", NULL, NULL, ARG_LONG, "NAME", set_pkg, 0, REC_YES,
     "take cflags and the library from pkg-config package NAME"},
    {"--match", NULL, NULL, ARG_LONG, "REGEX", set_match, 0, REC_YES,
     "select the declarations whose name or header path matches REGEX\n"
     "(POSIX extended) instead of the named headers' own declarations"},
    {"--all", NULL, NULL, ARG_NONE, NULL, set_flag, CLI_FIELD(all), REC_YES,
     "select every declaration, system headers included"},
    {"--check-layout", NULL, NULL, ARG_NONE, NULL, set_flag, CLI_FIELD(check), REC_YES,
     "make the module assert clang's sizeof/alignof/offsetof of every record"},
    {"--shim", NULL, NULL, ARG_LONG, "LIB.so", set_string, CLI_FIELD(shim), REC_PATH,
     "bind static inline functions through LIB.so, a library of exported\n"
     "wrappers compiled with $CC (default cc) and the -I/-D/-include flags;\n"
     "the module opens it (a relative path: relative to the module's file)"},
    {"--shim-c", NULL, NULL, ARG_LONG, "FILE.c", set_string, CLI_FIELD(shim_c), REC_PATH,
     "write the wrappers' C source to FILE.c instead of compiling it\n"
     "(needs --shim: the library the module then expects)"},
    {"--json", NULL, NULL, ARG_NONE, NULL, set_flag, CLI_FIELD(json), REC_YES,
     "write the declaration model as JSON instead of a module"},
    {"--stats", NULL, NULL, ARG_NONE, NULL, set_flag, CLI_FIELD(stats), REC_NO,
     "print what was emitted and skipped to standard error"},
    {"--version", NULL, NULL, ARG_NONE, NULL, set_version, 0, REC_NO, "print the version and exit"},
    {"-h", "--help", NULL, ARG_NONE, NULL, set_help, 0, REC_NO, "print this help and exit"},
};

enum { HELP_COLUMN = 21 }; /* where the help texts start */

/* "-I DIR", "-std=STD", "-l NAME, --lib NAME" */
static void opt_synopsis(const Opt *o, const char *name, ImpBuf *b) {
  imp_buf_puts(b, name);
  if (o->form != ARG_NONE) imp_buf_printf(b, "%s%s", o->form >= ARG_LONG_EQ ? "=" : " ", o->meta);
}

static void print_help(void) {
  fputs("usage: ffi-import [options] header.h...\n"
        "\n"
        "Turns C headers into one Lua module for pluto-ffi (Lua 5.4 and Pluto).\n"
        "\n"
        "options:\n",
        stdout);
  for (size_t i = 0; i < sizeof options / sizeof *options; i++) {
    const Opt *o = &options[i];
    ImpBuf syn = {0};
    opt_synopsis(o, o->name, &syn);
    if (o->alias) {
      imp_buf_puts(&syn, ", ");
      opt_synopsis(o, o->alias, &syn);
    }
    if (syn.n + 2 < HELP_COLUMN)
      printf("  %-*s", HELP_COLUMN - 2, syn.s);
    else /* too long: the help on the next line */
      printf("  %s\n%*s", syn.s, HELP_COLUMN, "");
    imp_buf_free(&syn);
    for (const char *h = o->help; *h; h++) {
      putchar(*h);
      if (*h == '\n') printf("%*s", HELP_COLUMN, "");
    }
    putchar('\n');
  }
  fputs("\nexit status: 0 ok, 1 errors in the headers, 2 usage\n", stdout);
}

static void record(Cli *c, const Opt *o, const char *v) {
  if (o->rec == REC_NO) return;
  const char *opt = o->form >= ARG_LONG_EQ && v ? imp_sprintf(arena, "%s=", o->name) : o->name;
  c->rec[c->nrec++] = (Arg){opt, v, o->rec == REC_PATH};
}

/* clang's argument as clang wants it: -IDIR, -isystem DIR, -std=STD, --target=T */
static void set_clang(Cli *c, const Opt *o, const char *v) {
  if (o->form == ARG_NEXT) {
    c->cargs[c->nc++] = o->name;
    c->cargs[c->nc++] = v;
  } else {
    c->cargs[c->nc++] = imp_sprintf(arena, "%s%s%s", o->name, o->form == ARG_JOINED ? "" : "=", v);
  }
  record(c, o, v);
}

static void set_lib(Cli *c, const Opt *o, const char *v) {
  if (c->lib || c->pkg) {
    c->exit_now = usage_error("only one library per module (-l %s given twice, or with --pkg)", v);
    return;
  }
  c->lib = v;
  c->rec[c->nrec++] = (Arg){o->name, v, strchr(v, '/') != NULL}; /* a path only when it has a '/' */
}

static void set_pkg(Cli *c, const Opt *o, const char *v) {
  if (c->pkg || c->lib) {
    c->exit_now = usage_error("only one library per module (--pkg %s with another --pkg or -l)", v);
    return;
  }
  c->pkg = v;
  record(c, o, v);
}

static void set_match(Cli *c, const Opt *o, const char *v) {
  regex_t re;
  if (regcomp(&re, v, REG_EXTENDED | REG_NOSUB) != 0) {
    c->exit_now = usage_error("invalid regular expression for --match: '%s'", v);
    return;
  }
  regfree(&re);
  c->match = v;
  record(c, o, v);
}

static void set_string(Cli *c, const Opt *o, const char *v) {
  *(const char **)(void *)((char *)c + o->field) = v;
  record(c, o, v);
}

static void set_flag(Cli *c, const Opt *o, const char *v) {
  *(bool *)(void *)((char *)c + o->field) = true;
  record(c, o, v);
}

static void set_help(Cli *c, const Opt *o, const char *v) {
  (void)o, (void)v;
  print_help();
  c->exit_now = 0;
}

static void set_version(Cli *c, const Opt *o, const char *v) {
  (void)o, (void)v;
  CXString cv = clang_getClangVersion();
  printf("ffi-import " IMP_VERSION " (pluto-ffi)\nlibclang: %s\n", clang_getCString(cv));
  clang_disposeString(cv);
  c->exit_now = 0;
}

/* Whether s spells o under name; *rest: what follows the name ("" or "=V" or,
   joined, "V"). Joined forms match by prefix: only when no option matched whole. */
static bool spells(const Opt *o, const char *name, const char *s, bool prefix, const char **rest) {
  size_t n = strlen(name);
  if (strncmp(s, name, n) != 0) return false;
  *rest = s + n;
  /* a long name of a joined option (--lib) takes its value as --pkg does */
  switch (o->form == ARG_JOINED && name[1] == '-' ? ARG_LONG : o->form) {
  case ARG_NONE:
  case ARG_NEXT: return !s[n] && !prefix;
  case ARG_JOINED: return prefix || !s[n];
  case ARG_LONG:
  case ARG_LONG_EQ: return !prefix && (!s[n] || s[n] == '=');
  case ARG_EQ: return !prefix && s[n] == '=';
  }
  return false;
}

static const Opt *find_option(const char *s, const char **rest) {
  for (int prefix = 0; prefix < 2; prefix++)
    for (size_t i = 0; i < sizeof options / sizeof *options; i++) {
      const Opt *o = &options[i];
      if (spells(o, o->name, s, prefix, rest) || (o->alias && spells(o, o->alias, s, prefix, rest)) ||
          (o->hidden && spells(o, o->hidden, s, prefix, rest)))
        return o;
    }
  return NULL;
}

/* One option at argv[*i]; false when parsing stops (c->exit_now says why). */
static bool parse_option(Cli *c, int argc, char **argv, int *i) {
  const char *s = argv[*i], *rest, *v = NULL;
  const Opt *o = find_option(s, &rest);
  if (!o) {
    c->exit_now = usage_error("unknown option '%s'", s);
    return false;
  }
  if (o->form != ARG_NONE) {
    if (*rest) /* "-Ifoo", "--lib=z", "-std=c99" */
      v = rest + (*rest == '=');
    else if (*i + 1 < argc)
      v = argv[++*i];
    if (!v || !*v) {
      c->exit_now = usage_error("option '%s' needs a value", o->name);
      return false;
    }
  }
  o->set(c, o, v);
  return c->exit_now < 0;
}

static void parse_args(Cli *c, int argc, char **argv) {
  size_t cap = (size_t)argc + 1;
  c->headers = imp_alloc(arena, cap * sizeof(char *));
  c->cargs = imp_alloc(arena, 2 * cap * sizeof(char *));
  c->rec = imp_alloc(arena, cap * sizeof(Arg));
  c->exit_now = -1;
  for (int i = 1; i < argc; i++) {
    const char *s = argv[i];
    if (c->only_headers || s[0] != '-' || strcmp(s, "-") == 0) {
      c->headers[c->nh++] = s;
      c->rec[c->nrec++] = (Arg){NULL, s, true};
    } else if (strcmp(s, "--") == 0) {
      c->only_headers = true;
    } else if (!parse_option(c, argc, argv, &i)) {
      return;
    }
  }
  if (!c->nh)
    c->exit_now = usage_error("%s", "no header given");
  else if (c->match && c->all)
    c->exit_now = usage_error("%s", "--match and --all exclude each other");
  else if (c->shim_c && !c->shim)
    c->exit_now = usage_error("--shim-c %s needs --shim LIB.so: the library the module opens", c->shim_c);
}

/* -- The shim library of static inline functions (--shim) -- */

/* The absolute, real form of a file's path whose directory exists. */
static bool real_file(const char *path, char *abs) {
  char dir[PATH_MAX];
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1,
           slash ? (slash == path ? "/" : path) : ".");
  char rdir[PATH_MAX];
  if (!*base || !realpath(dir, rdir)) return false;
  size_t nd = strcmp(rdir, "/") ? strlen(rdir) : 0, nb = strlen(base);
  if (nd + nb + 2 > PATH_MAX) return false;
  memcpy(abs, rdir, nd);
  abs[nd] = '/';
  memcpy(abs + nd + 1, base, nb + 1);
  return true;
}

/* The shim's path as the module writes it: relative to the module's file
   (a module written to standard output gets the path as given). */
static const char *shim_for_module(const char *shim, const char *out) {
  char s[PATH_MAX], o[PATH_MAX];
  if (shim[0] == '/' || !out || !real_file(shim, s) || !real_file(out, o)) return shim;
  *strrchr(o, '/') = 0;     /* the module's directory */
  size_t k = 0, common = 0; /* the longest common directory prefix */
  for (; o[k] && o[k] == s[k]; k++)
    if (s[k] == '/') common = k;
  if (!o[k] && s[k] == '/') common = k;
  ImpBuf b = {0};
  for (const char *p = o + common; *p; p++)
    if (*p == '/') imp_buf_puts(&b, "../");
  imp_buf_puts(&b, s + common + 1);
  const char *r = imp_strdup(arena, b.s);
  imp_buf_free(&b);
  return r;
}

static const char *shell_words(const ImpShimCmd *cmd) {
  ImpBuf b = {0};
  for (size_t i = 0; i < cmd->argc; i++) imp_buf_printf(&b, "%s%s", i ? " " : "", cmd->argv[i]);
  const char *r = imp_strdup(arena, b.s);
  imp_buf_free(&b);
  return r;
}

/* Runs the compiler; its messages (stdout and stderr) into msgs. The exit status, or -1. */
static int run_compiler(const ImpShimCmd *cmd, ImpBuf *msgs) {
  int fd[2];
  if (pipe(fd) != 0) return -1;
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    close(fd[0]);
    close(fd[1]);
    return -1;
  }
  if (pid == 0) {
    dup2(fd[1], 1);
    dup2(fd[1], 2);
    close(fd[0]);
    close(fd[1]);
    execvp(cmd->argv[0], (char *const *)cmd->argv);
    fprintf(stderr, "cannot run '%s': %s\n", cmd->argv[0], strerror(errno));
    _exit(127);
  }
  close(fd[1]);
  char buf[4096];
  ssize_t n;
  while ((n = read(fd[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) imp_buf_putn(msgs, buf, (size_t)n);
  close(fd[0]);
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

/* Compiles the shim's source into c->shim. 0 ok, else 1 with a message. */
static int build_shim(Cli *c, const ImpOptions *opt, const ImpBuf *src, size_t nwrappers) {
  const char *tmpdir = getenv("TMPDIR");
  char srcpath[PATH_MAX];
  snprintf(srcpath, sizeof srcpath, "%s/ffi-import-shim-XXXXXX.c", tmpdir && *tmpdir ? tmpdir : "/tmp");
  int fd = mkstemps(srcpath, 2);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  bool ok = f && fwrite(src->s, 1, src->n, f) == src->n;
  if (f) ok = fclose(f) == 0 && ok;
  if (!ok) {
    fprintf(stderr, "ffi-import: error: cannot write the shim's source '%s': %s\n", srcpath, strerror(errno));
    if (fd >= 0) remove(srcpath);
    return 1;
  }
  const char *tmpout = imp_sprintf(arena, "%s.tmp%ld", c->shim, (long)getpid());
  ImpShimCmd cmd;
  imp_shim_command(arena, opt, srcpath, tmpout, &cmd);
  ImpBuf msgs = {0};
  int rc = run_compiler(&cmd, &msgs);
  if (rc == 0 && rename(tmpout, c->shim) != 0) {
    fprintf(stderr, "ffi-import: error: cannot write '%s': %s\n", c->shim, strerror(errno));
    rc = -2;
  }
  if (rc == 0) {
    if (msgs.n) fprintf(stderr, "%s", msgs.s); /* the compiler's warnings */
    remove(srcpath);
    imp_buf_free(&msgs);
    return 0;
  }
  remove(tmpout);
  if (rc != -2) {
    ImpBuf blame = {0};
    size_t nb = msgs.s ? imp_shim_blame(srcpath, src->s, msgs.s, &blame) : 0;
    fprintf(stderr, "ffi-import: error: the C compiler '%s' failed (%s %d) building the shim %s", cmd.argv[0],
            rc == 127  ? "cannot run it: exit status"
            : rc > 128 ? "killed by signal"
                       : "exit status",
            rc > 128 ? rc - 128 : rc, c->shim);
    if (nb)
      fprintf(stderr, "\n  on the wrapper%s of the static inline function%s: %s\n", nb == 1 ? "" : "s",
              nb == 1 ? "" : "s", blame.s);
    else
      fprintf(stderr, " (%zu wrappers; it named no wrapper's line)\n", nwrappers);
    fprintf(stderr, "  command: %s\n  (set CC to choose the compiler)\n", shell_words(&cmd));
    if (msgs.n) fprintf(stderr, "%s%s", msgs.s, msgs.s[msgs.n - 1] == '\n' ? "" : "\n");
    fprintf(stderr, "ffi-import: the shim's source is kept in %s; nothing written\n", srcpath);
    imp_buf_free(&blame);
  } else {
    remove(srcpath);
  }
  imp_buf_free(&msgs);
  return 1;
}

/* --shim: the wrappers' source, compiled (or written: --shim-c). */
static int make_shim(Cli *c, ImpModel *m, const ImpOptions *opt, const ImpStats *st) {
  if (!st->shimmed) {
    fprintf(stderr, "ffi-import: warning: no static inline function selected: no shim written (%s)\n",
            c->shim_c ? c->shim_c : c->shim);
    return 0;
  }
  ImpBuf src = {0};
  size_t n = imp_shim_source(m, opt, &src);
  int rc;
  if (c->shim_c) {
    ImpShimCmd cmd; /* how to build it, for the reader */
    imp_shim_command(arena, opt, c->shim_c, c->shim, &cmd);
    imp_buf_printf(&src, "\n/* build: %s */\n", shell_words(&cmd));
    rc = write_output(c->shim_c, &src);
  } else {
    rc = build_shim(c, opt, &src, n);
  }
  imp_buf_free(&src);
  return rc;
}

/* -- Main -- */

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9; /* tv_nsec < 1e9: exact in a double */
}

static int run(Cli *c, const ImpOptions *opt_in, double t0) {
  ImpOptions opt = *opt_in;
  ImpModel *m = imp_parse(&opt, stderr);
  if (!m) return 1;
  if (m->nerrors) {
    fprintf(stderr, "ffi-import: %u error%s in the headers; nothing written\n", m->nerrors,
            m->nerrors == 1 ? "" : "s");
    imp_model_free(m);
    return 1;
  }
  opt.command = command_line(arena, m, c->rec, c->nrec);
  if (c->shim) opt.shim = shim_for_module(c->shim, c->out);
  imp_select(m, &opt);
  ImpBuf text = {0};
  ImpStats st;
  memset(&st, 0, sizeof st);
  if (c->json) {
    ImpBuf scratch = {0}; /* the Lua emitter counts what the module would hold */
    imp_emit_lua(m, &opt, &scratch, &st);
    imp_buf_free(&scratch);
    imp_emit_json(m, &opt, &text);
  } else {
    imp_emit_lua(m, &opt, &text, &st);
  }
  int rc = c->shim ? make_shim(c, m, &opt, &st) : 0;
  if (rc == 0) rc = write_output(c->out, &text);
  if (c->stats) print_stats(&opt, m, &st, now() - t0);
  imp_buf_free(&text);
  imp_model_free(m);
  return rc;
}

int main(int argc, char **argv) {
  double t0 = now();
  arena = imp_arena_new();
  atexit(free_arena);
  Cli c = {0};
  parse_args(&c, argc, argv);
  if (c.exit_now >= 0) return c.exit_now;

  char searched[2048];
  const char *resource_dir = find_resource_dir(arena, searched, sizeof searched);
  if (!resource_dir) {
    CXString cv = clang_getClangVersion();
    fprintf(
        stderr,
        "ffi-import: error: clang's resource directory (its builtin stddef.h, stdarg.h, ...) was not found;\n"
        "searched: %s\n(install the clang of the same version as libclang, %s, or set "
        "FFI_IMPORT_RESOURCE_DIR to the output of its 'clang -print-resource-dir')\n",
        searched[0] ? searched : "(none configured)", clang_getCString(cv));
    clang_disposeString(cv);
    return 1;
  }

  ImpOptions opt = {0};
  opt.headers = c.headers;
  opt.nheaders = c.nh;
  opt.clang_args = c.cargs;
  opt.nclang_args = c.nc;
  opt.match = c.match;
  opt.all = c.all;
  opt.check_layout = c.check;
  opt.resource_dir = resource_dir;

  char err[2048];
  const char *soname = NULL;
  if (c.lib && !(soname = imp_resolve_lib(arena, c.lib, NULL, err, sizeof err)))
    return usage_error("%s", err);
  if (c.pkg) { /* like cc $(pkg-config --cflags --libs NAME) */
    ImpPkg pkg;
    bool ok = imp_pkg_config(arena, c.pkg, &pkg, err, sizeof err);
    imp_buf_free(&pkg.incdirs);
    if (!ok) return usage_error("%s", err);
    const char **args = imp_alloc(arena, (c.nc + pkg.ncflags + 1) * sizeof(char *));
    memcpy(args, c.cargs, c.nc * sizeof(char *));
    memcpy(args + c.nc, pkg.cflags, pkg.ncflags * sizeof(char *));
    opt.clang_args = args;
    opt.nclang_args = c.nc + pkg.ncflags;
    soname = pkg.soname;
    opt.lib_how = imp_sprintf(arena, "pkg-config package '%s' (--pkg)", c.pkg);
  }
  if (!soname) { /* found from the first header */
    char abs[PATH_MAX];
    ImpBuf tried = {0};
    if (imp_find_header(&opt, c.headers[0], abs)) soname = imp_find_lib(arena, abs, &opt.lib_how, &tried);
    if (!soname && tried.s)
      fprintf(stderr,
              "ffi-import: warning: no library found for %s (tried %s); the module opens the C library: "
              "name the library with -l NAME (or --pkg NAME)\n",
              c.headers[0], tried.s);
    imp_buf_free(&tried);
    if (!soname) opt.lib_how = "nothing: no library was found without -l, so the C library stands in";
  }
  if (!soname) soname = imp_resolve_lib(arena, "c", NULL, err, sizeof err);
  opt.lib = soname;
  return run(&c, &opt, t0);
}
