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

int main(void) {
  test_cdecl();
  test_text();
  test_map();
  test_libs();
  printf("importer unit tests: %d checks, %d failures\n", checks, failures);
  return failures ? 1 : 0;
}
