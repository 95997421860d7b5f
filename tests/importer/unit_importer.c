/*
** unit_importer.c -- the importer's pieces alone: the C declarator printer,
** Lua/JSON text helpers, target names, library resolution, the maps.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imp.h"

static int failures, checks;

#define CHECK(cond)                                                                                          \
  do {                                                                                                       \
    checks++;                                                                                                \
    if (!(cond)) {                                                                                           \
      failures++;                                                                                            \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                               \
    }                                                                                                        \
  } while (0)

#define CHECK_STR(got, want)                                                                                 \
  do {                                                                                                       \
    const char *g_ = (got), *w_ = (want);                                                                    \
    checks++;                                                                                                \
    if (!g_ || strcmp(g_, w_) != 0) {                                                                        \
      failures++;                                                                                            \
      fprintf(stderr, "%s:%d: got '%s', want '%s'\n", __FILE__, __LINE__, g_ ? g_ : "(null)", w_);           \
    }                                                                                                        \
  } while (0)

/* -- Types built by hand -- */

static ImpModel *model(void) {
  ImpModel *m = calloc(1, sizeof *m);
  m->arena = imp_arena_new();
  m->ptr_size = 8;
  return m;
}

static ImpType *scalar(ImpModel *m, ImpTypeKind k, const char *sp) {
  ImpType *t = imp_type_new(m, k);
  t->spelling = sp;
  return t;
}

static ImpType *ptr(ImpModel *m, ImpType *base, unsigned quals) {
  ImpType *t = imp_type_new(m, IT_PTR);
  t->base = base;
  t->quals = (uint8_t)quals;
  return t;
}

static ImpType *array(ImpModel *m, ImpType *base, long long n) {
  ImpType *t = imp_type_new(m, IT_ARRAY);
  t->base = base;
  t->n = n;
  return t;
}

static ImpType *func(ImpModel *m, ImpType *ret, size_t n, ImpType **params, bool variadic) {
  ImpType *t = imp_type_new(m, IT_FUNC);
  t->base = ret;
  t->nparams = n;
  t->params = params;
  t->variadic = variadic;
  return t;
}

static ImpType *with_quals(ImpModel *m, ImpType *t, unsigned q) {
  ImpType *c = imp_type_new(m, (ImpTypeKind)t->kind);
  *c = *t;
  c->quals = (uint8_t)q;
  return c;
}

static void test_cdecl(void) {
  ImpModel *m = model();
  ImpArena *a = m->arena;
  ImpType *i = scalar(m, IT_INT, "int"), *c = scalar(m, IT_INT, "char"), *v = scalar(m, IT_VOID, "void");
  ImpType *d = scalar(m, IT_FLOAT, "double");

  CHECK_STR(imp_cdecl_str(a, i, "x"), "int x");
  CHECK_STR(imp_cdecl_str(a, i, NULL), "int");
  CHECK_STR(imp_cdecl_str(a, ptr(m, with_quals(m, c, IMPQ_CONST), 0), "s"), "const char *s");
  CHECK_STR(imp_cdecl_str(a, ptr(m, ptr(m, c, 0), 0), "argv"), "char **argv");
  CHECK_STR(imp_cdecl_str(a, ptr(m, with_quals(m, c, IMPQ_CONST), IMPQ_CONST), "p"), "const char *const p");
  CHECK_STR(imp_cdecl_str(a, ptr(m, i, IMPQ_RESTRICT), NULL), "int *restrict");
  CHECK_STR(imp_cdecl_str(a, array(m, array(m, i, 3), 2), "grid"), "int grid[2][3]");
  CHECK_STR(imp_cdecl_str(a, array(m, c, -1), "data"), "char data[]");
  /* pointer to array, array of pointers */
  CHECK_STR(imp_cdecl_str(a, ptr(m, array(m, d, 3), 0), "rows"), "double (*rows)[3]");
  CHECK_STR(imp_cdecl_str(a, array(m, ptr(m, d, 0), 3), "rows"), "double *rows[3]");
  /* functions and pointers to them */
  ImpType *two[] = {i, i};
  ImpType *fii = func(m, i, 2, two, false);
  CHECK_STR(imp_cdecl_str(a, fii, "add"), "int add(int, int)");
  CHECK_STR(imp_cdecl_str(a, ptr(m, fii, 0), "op"), "int (*op)(int, int)");
  CHECK_STR(imp_cdecl_str(a, ptr(m, fii, 0), NULL), "int (*)(int, int)");
  CHECK_STR(imp_cdecl_str(a, array(m, ptr(m, func(m, i, 0, NULL, false), 0), 3), "table"),
            "int (*table[3])(void)");
  ImpType *fmt[] = {ptr(m, with_quals(m, c, IMPQ_CONST), 0)};
  CHECK_STR(imp_cdecl_str(a, func(m, i, 1, fmt, true), "printf"), "int printf(const char *, ...)");
  CHECK_STR(imp_cdecl_str(a, func(m, v, 0, NULL, true), "f"), "void f(...)");
  /* a function returning a pointer to a function: signal's shape */
  ImpType *one[] = {i};
  ImpType *handler = ptr(m, func(m, v, 1, one, false), 0);
  ImpType *sig_params[] = {i, handler};
  CHECK_STR(imp_cdecl_str(a, func(m, handler, 2, sig_params, false), "signal"),
            "void (*signal(int, void (*)(int)))(int)");
  ImpType *np = func(m, i, 0, NULL, false);
  np->noproto = true;
  CHECK_STR(imp_cdecl_str(a, np, "knr"), "int knr()");
  /* what the runtime cannot express behind a pointer becomes void * */
  ImpType *ld = imp_type_new(m, IT_UNSUPPORTED);
  ld->reason = "long double";
  CHECK_STR(imp_cdecl_str(a, ptr(m, ld, 0), "p"), "void *p");
  CHECK_STR(imp_cdecl_str(a, ptr(m, func(m, v, 1, (ImpType *[]){ld}, false), 0), "cb"), "void *cb");
  CHECK(imp_type_unsupported(ld) != NULL);
  CHECK(imp_type_unsupported(array(m, ld, 2)) != NULL);
  CHECK(imp_type_unsupported(ptr(m, ld, 0)) == NULL);
  /* records and typedefs by name */
  ImpDecl *rec = imp_decl_new(m, ID_RECORD, "point");
  ImpType *rt = imp_type_new(m, IT_RECORD);
  rt->decl = rec;
  CHECK_STR(imp_cdecl_str(a, ptr(m, rt, 0), "p"), "struct point *p");
  rec->is_union = true;
  CHECK_STR(imp_cdecl_str(a, rt, "u"), "union point u");
  ImpDecl *td = imp_decl_new(m, ID_TYPEDEF, "point_t");
  td->underlying = rt;
  ImpType *tt = imp_type_new(m, IT_TYPEDEF);
  tt->decl = td;
  CHECK_STR(imp_cdecl_str(a, with_quals(m, tt, IMPQ_CONST), "p"), "const point_t p");
  CHECK(imp_type_resolve(tt) == rt);
  ImpType *va = imp_type_new(m, IT_VALIST);
  CHECK_STR(imp_cdecl_str(a, va, "ap"), "__builtin_va_list ap");
  imp_model_free(m);
}

/* -- Text helpers -- */

static const char *lua_number(double v) {
  static char out[64];
  ImpBuf b = {0};
  imp_lua_number(&b, v);
  snprintf(out, sizeof out, "%s", b.s);
  imp_buf_free(&b);
  return out;
}

static void test_text(void) {
  CHECK_STR(lua_number(3.25), "3.25");
  CHECK_STR(lua_number(1.0), "1.0");
  CHECK_STR(lua_number(0.1), "0.1");
  CHECK_STR(lua_number(1e300), "1e+300");
  CHECK_STR(lua_number(-0.5), "-0.5");
  CHECK_STR(lua_number(INFINITY), "math.huge");
  CHECK_STR(lua_number(-INFINITY), "-math.huge");
  CHECK_STR(lua_number(NAN), "(0/0)");
  CHECK(imp_lua_level("int x;") == 0);
  CHECK(imp_lua_level("a]]b") == 1);
  CHECK(imp_lua_level("a]]b]=]") == 2);
  ImpBuf b = {0};
  imp_lua_string(&b, "a\"b\\c\n\t\x01", 8);
  CHECK_STR(b.s, "\"a\\\"b\\\\c\\n\\t\\001\"");
  imp_buf_reset(&b);
  imp_json_string(&b, "q\"\n\x02", 4);
  CHECK_STR(b.s, "\"q\\\"\\n\\u0002\"");
  imp_buf_free(&b);
  CHECK_STR(imp_triple_arch("x86_64-pc-linux-gnu"), "x64");
  CHECK_STR(imp_triple_arch("aarch64-unknown-linux-gnu"), "arm64");
  CHECK_STR(imp_triple_arch("i686-pc-linux-gnu"), "x86");
  CHECK_STR(imp_triple_arch("armv7-unknown-linux-gnueabihf"), "arm");
  CHECK_STR(imp_triple_os("x86_64-pc-linux-gnu"), "Linux");
  CHECK_STR(imp_triple_os("x86_64-apple-darwin21"), "OSX");
  CHECK_STR(imp_triple_os("x86_64-pc-windows-msvc"), "Windows");
  CHECK_STR(imp_triple_os("x86_64-unknown-freebsd13"), "BSD");
}

/* -- Maps and arena -- */

static void test_map(void) {
  ImpMap m = {0};
  char keys[1000][16];
  for (int i = 0; i < 1000; i++) {
    snprintf(keys[i], sizeof keys[i], "k%d", i);
    imp_map_set(&m, keys[i], (void *)(intptr_t)(i + 1));
  }
  int ok = 0;
  for (int i = 0; i < 1000; i++) ok += imp_map_get(&m, keys[i]) == (void *)(intptr_t)(i + 1);
  CHECK(ok == 1000);
  CHECK(imp_map_get(&m, "absent") == NULL);
  imp_map_set(&m, "k5", (void *)7);
  CHECK(imp_map_get(&m, "k5") == (void *)7);
  imp_map_free(&m);
  ImpArena *a = imp_arena_new();
  for (int i = 0; i < 10000; i++) {
    char *p = imp_alloc(a, (size_t)(i % 100) + 1);
    CHECK(((uintptr_t)p % _Alignof(max_align_t)) == 0 || i % 1000);
  }
  CHECK_STR(imp_sprintf(a, "%s-%d", "x", 42), "x-42");
  imp_arena_free(a);
}

/* -- Libraries -- */

static void test_libs(void) {
  ImpArena *a = imp_arena_new();
  char err[1024];
  CHECK_STR(imp_resolve_lib(a, "z", NULL, err, sizeof err), "libz.so.1");
  CHECK_STR(imp_resolve_lib(a, "libz", NULL, err, sizeof err), "libz.so.1");
  CHECK_STR(imp_resolve_lib(a, "libz.so", NULL, err, sizeof err), "libz.so.1");
  CHECK_STR(imp_resolve_lib(a, "libz.so.1", NULL, err, sizeof err), "libz.so.1");
  CHECK_STR(imp_resolve_lib(a, "c", NULL, err, sizeof err), "libc.so.6"); /* a linker script */
  CHECK_STR(imp_resolve_lib(a, "m", NULL, err, sizeof err), "libm.so.6");
  CHECK_STR(imp_resolve_lib(a, "sqlite3", NULL, err, sizeof err), "libsqlite3.so.0");
  CHECK(imp_resolve_lib(a, "no-such-library-xyz", NULL, err, sizeof err) == NULL);
  CHECK(strstr(err, "libno-such-library-xyz.so") != NULL);
  CHECK(imp_resolve_lib(a, "/no/such/libfoo.so", NULL, err, sizeof err) == NULL);
  /* a directory without the -dev symlink: the shortest versioned name */
  const char *dirs[] = {"/lib/x86_64-linux-gnu", NULL};
  const char *z = imp_resolve_lib(a, "z", dirs, err, sizeof err);
  CHECK(z && strncmp(z, "libz.so.", 8) == 0);
  /* ELF sonames */
  const char *so = imp_elf_soname(a, "/lib/x86_64-linux-gnu/libz.so.1");
  if (so) CHECK_STR(so, "libz.so.1");
  CHECK(imp_elf_soname(a, "/etc/hostname") == NULL);
  imp_arena_free(a);
}

/* -- Function-like macros (imp_fnmacro.c) -- */

/* Defines the macros (NULL-terminated), translates them, and returns the Lua
   text of the last one, or "skipped: REASON". */
static const char *fnm(ImpModel *m, const char *const *defs) {
  ImpDecl *d = NULL;
  for (size_t i = 0; defs[i]; i++) d = imp_fnmacro_define(m, defs[i]);
  imp_fnmacro_translate_all(m, NULL, NULL);
  if (d->skip) return imp_sprintf(m->arena, "skipped: %s", d->skip);
  ImpBuf b = {0};
  imp_fnmacro_lua(m, d, &b);
  const char *r = imp_strdup(m->arena, b.s);
  imp_buf_free(&b);
  return r;
}

#define FNM(want, ...)                                                                                       \
  do {                                                                                                       \
    ImpModel *m_ = model();                                                                                  \
    const char *defs_[] = {__VA_ARGS__, NULL};                                                               \
    CHECK_STR(fnm(m_, defs_), want);                                                                         \
    imp_arena_free(m_->arena);                                                                               \
    imp_map_free(&m_->by_macro);                                                                             \
    free(m_->decls);                                                                                         \
    free(m_);                                                                                                \
  } while (0)

static void test_fnmacro(void) {
  /* C's precedence, written with Lua's parentheses */
  FNM("function(a, b, c) return (a + (b * c)) end", "F(a, b, c) a + b * c");
  FNM("function(a, b) return ((a & b) == 0) end", "F(a, b) (a & b) == 0");
  FNM("function(a, b) return (a & ((b == 0) and 1 or 0)) end", "F(a, b) a & (b == 0)");
  /* integer literals are typed as C types them; known ints wrap to their width */
  FNM("function() return __cint((1 << 31), 32, true) end", "F() (1 << 31)");
  FNM("function() return __cint((0 - __cint(1, 32, false)), 32, false) end", "F() (0u - 1)");
  FNM("function() return (0 - 1) end", "F() (0ull - 1)");
  FNM("function() return 4294967295 end", "F() 0xffffffff");
  /* / and % truncate toward zero; >> of a value not known unsigned is arithmetic */
  FNM("function(a) return __cdiv(a, 2) end", "F(a) a / 2");
  FNM("function(a) return (a / 2.0) end", "F(a) a / 2.0");
  FNM("function(a) return math.fmod(a, 3) end", "F(a) a % 3");
  FNM("function(a) return __csar(a, 1) end", "F(a) a >> 1");
  FNM("function(a) return (__cint(a, 32, false) >> 1) end", "F(a) (unsigned)a >> 1");
  /* casts */
  FNM("function(a) return __cint(a, 8, false) end", "F(a) (unsigned char)(a)");
  FNM("function(a) return __cflt(a) end", "F(a) (float)a");
  FNM("function(a) return (a + 0.0) end", "F(a) (double)a");
  FNM("function(a) return (__ctruth(a) and 1 or 0) end", "F(a) (_Bool)a");
  FNM("function(a) return ffi.cast(\"char *\", a) end", "F(a) (char *)a");
  /* booleans: comparisons and logical operators; numbers where C wants ints */
  FNM("function(a) return (not __ctruth(a)) end", "F(a) !a");
  FNM("function(a, b) return __cint((((a < b) and 1 or 0) + 0), 32, true) end", "F(a, b) (a < b) + 0");
  FNM("function(a) return (math.ult(__cint(a, 64, false), 5)) end", "F(a) (unsigned long long)(a) < 5ull");
  /* the conditional operator: and/or when the middle value can't be false */
  FNM("function(a) return (__ctruth(a) and 1 or 2) end", "F(a) a ? 1 : 2");
  FNM("function(a, b) return (function() if __ctruth(a) then return b end return 0 end)() end",
      "F(a, b) a ? b : 0");
  /* other macros, strings, characters, members */
  FNM("function(x) return M.G((x + 1)) end", "G(y) y", "F(x) G(x + 1)");
  FNM("function(x) return M.G end", "G(y) y", "F(x) G");
  FNM("function() return \"ab\\n\" end", "F() \"a\" \"b\\n\"");
  FNM("function() return 10 end", "F() '\\n'");
  FNM("function(p, s) return (p.x + s.y[1]) end", "F(p, s) p->x + s.y[1]");
  FNM("function(p) return p[0] end", "F(p) *p");
  FNM("function(p_end, p_M) return (p_end + p_M) end", "F(end, M) end + M");
  FNM("function() return ffi.sizeof(\"int\") end", "F() sizeof(int)");
  FNM("function() return 6 end", "F() sizeof \"hello\"");
  /* what stays skipped */
  FNM("skipped: statement body", "F(x) do { x; } while (0)");
  FNM("skipped: stringizes or pastes its parameters", "F(x) #x");
  FNM("skipped: stringizes or pastes its parameters", "F(a, b) a ## b");
  FNM("skipped: uses a GNU statement expression", "F(x) ({ x; })");
  FNM("skipped: uses a compiler builtin", "F(x) __builtin_expect(x, 1)");
  FNM("skipped: variadic macro", "F(...) g(__VA_ARGS__)");
  FNM("skipped: assigns", "F(x) ((x) = 1)");
  FNM("skipped: assigns", "F(x) x++");
  FNM("skipped: takes an address", "F(x) &x");
  FNM("skipped: uses the comma operator", "F(x) (x, 1)");
  FNM("skipped: uses 'g', which is not declared", "F(x) g(x)");
  FNM("skipped: sizeof of an expression whose type is not known", "F(x) sizeof(x)");
  FNM("skipped: empty macro", "F(x)");
  FNM("function(x) return (x + 1) end", "F(x) x /* one */ + 1 // more");
  FNM("skipped: uses macro 'G' (statement body)", "G(y) do {} while (0)", "F(x) G(x)");
  FNM("skipped: integer operator on a floating value", "F() 1.5 % 2");
  /* nested conditionals with comments stripped, as in png.h's PNG_IMAGE_PNG_SIZE_MAX_ */
  FNM("function(a, b) return (function() if __ctruth(a) then return (__cint((2 + 3), 32, false) + "
      "(function() if "
      "__ctruth(b) then return (12 + a) end return 0 end)()) end return 0 end)() end",
      "F(a, b) (a ? 2U + 3U + (b ? 12U + a : 0U) : 0U)");
}

/* -- The shim (--shim): the compiler's command line, blaming wrappers -- */

static void test_shim(void) {
  ImpArena *a = imp_arena_new();
  const char *args[] = {"-Iinc", "--target=aarch64-linux-gnu", "-include", "pre.h", "-DX=1", "-std=c99"};
  ImpOptions opt = {0};
  opt.clang_args = args;
  opt.nclang_args = sizeof args / sizeof args[0];
  opt.lib = "libz.so.1";
  ImpShimCmd cmd;
  setenv("CC", " ccache  gcc -m64 ", 1);
  imp_shim_command(a, &opt, "s.c", "s.so", &cmd);
  ImpBuf b = {0};
  for (size_t i = 0; i < cmd.argc; i++) imp_buf_printf(&b, "%s%s", i ? "|" : "", cmd.argv[i]);
  /* $CC split at blanks; --target= stays out; a soname is linked by name */
  CHECK_STR(b.s,
            "ccache|gcc|-m64|-shared|-fPIC|-O2|-Iinc|-include|pre.h|-DX=1|-std=c99|s.c|-o|s.so|-l:libz.so.1");
  CHECK(cmd.argv[cmd.argc] == NULL);
  unsetenv("CC");
  opt.lib = "libc.so.6"; /* the C library: nothing to link */
  opt.nclang_args = 0;
  imp_shim_command(a, &opt, "s.c", "s.so", &cmd);
  imp_buf_reset(&b);
  for (size_t i = 0; i < cmd.argc; i++) imp_buf_printf(&b, "%s%s", i ? "|" : "", cmd.argv[i]);
  CHECK_STR(b.s, "cc|-shared|-fPIC|-O2|s.c|-o|s.so");

  const char *text = "#include \"x.h\"\n"
                     "/* f (x.h:1) */\n"
                     "__typeof__(int) pluto_shim_f(__typeof__(int) a1) { return (f)(a1); }\n"
                     "/* g (x.h:2) */\n"
                     "void pluto_shim_g(void) { (g)(); }\n";
  const char *msgs = "In file included from /t/s.c:1:\n"
                     "/t/s.c:5:1: error: oops\n"
                     "/t/s.c:3:20: error: bad\n"
                     "/t/s.c:3:25: note: again\n"
                     "/t/s.cc:3:1: error: another file\n";
  imp_buf_reset(&b);
  CHECK(imp_shim_blame("/t/s.c", text, msgs, &b) == 2);
  CHECK_STR(b.s, "g, f");
  imp_buf_free(&b);
  imp_arena_free(a);
}

int main(void) {
  test_cdecl();
  test_text();
  test_map();
  test_libs();
  test_fnmacro();
  test_shim();
  printf("importer unit tests: %d checks, %d failures\n", checks, failures);
  return failures ? 1 : 0;
}
