/*
** test_ctype.c -- unit tests of the type model (layout, registry, rollback)
** and the parser (declarators, constant expressions, errors with positions).
** Expected layouts come from this compiler's own sizeof/offsetof.
*/
#include <stddef.h>
#include <limits.h>
#include <wchar.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include "cparse_int.h"
#include "ffi_cparse.h"
#include "ffi_ctype.h"

static int passed, failed;

#define CHECK(cond, ...)                                                                                     \
  do {                                                                                                       \
    if (cond) {                                                                                              \
      passed++;                                                                                              \
    } else {                                                                                                 \
      failed++;                                                                                              \
      printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                            \
      printf(__VA_ARGS__);                                                                                   \
      printf("\n");                                                                                          \
    }                                                                                                        \
  } while (0)

static CTState *cts;
static char err[512];

static bool parse(const char *src) {
  CParseResult res;
  CTMark m = ctype_begin(cts);
  bool ok = cparse_decls(cts, src, strlen(src), "cdef", 0, &res, err, sizeof err);
  if (!ok) ctype_rollback(cts, m);
  return ok;
}

static CType *type_of(const char *name) {
  CType *t = NULL;
  CTMark m = ctype_begin(cts);
  if (!cparse_type(cts, name, strlen(name), &t, err, sizeof err)) {
    ctype_rollback(cts, m);
    return NULL;
  }
  return t;
}

static size_t off(const char *rec, const char *field) {
  CType *t = type_of(rec);
  size_t o = (size_t)-1;
  if (t && !ctype_field(t, field, &o)) o = (size_t)-2;
  return o;
}

/* The same text is compiled here and parsed by the runtime. */
#define LAYOUT_SRC(X)                                                                                        \
  X(struct u1 {                                                                                              \
    char c;                                                                                                  \
    int i;                                                                                                   \
    short s;                                                                                                 \
  };)                                                                                                        \
  X(struct u2 {                                                                                              \
    char c;                                                                                                  \
    double d;                                                                                                \
    char e;                                                                                                  \
  };)                                                                                                        \
  X(struct u3 {                                                                                              \
    char a[3];                                                                                               \
    struct u1 in;                                                                                            \
    long long ll;                                                                                            \
  };)                                                                                                        \
  X(union u4 {                                                                                               \
    char c[5];                                                                                               \
    int i;                                                                                                   \
    double d;                                                                                                \
  };)                                                                                                        \
  X(struct u5 {                                                                                              \
    int a : 3;                                                                                               \
    int b : 30;                                                                                              \
    char c;                                                                                                  \
    unsigned d : 1;                                                                                          \
  };)                                                                                                        \
  X(struct u6 {                                                                                              \
    char c;                                                                                                  \
    struct {                                                                                                 \
      int x;                                                                                                 \
      float y;                                                                                               \
    };                                                                                                       \
    double z;                                                                                                \
  };)                                                                                                        \
  X(struct __attribute__((packed)) u7 {                                                                      \
    char c;                                                                                                  \
    int i;                                                                                                   \
    short s;                                                                                                 \
  };)                                                                                                        \
  X(struct u8 {                                                                                              \
    char c;                                                                                                  \
    int i __attribute__((aligned(16)));                                                                      \
  };)                                                                                                        \
  X(struct u9 {                                                                                              \
    short n;                                                                                                 \
    int data[];                                                                                              \
  };)
#define AS_CODE(...) __VA_ARGS__
#define AS_TEXT(...) #__VA_ARGS__ "\n"
LAYOUT_SRC(AS_CODE)

static void test_layout(void) {
  CHECK(parse(LAYOUT_SRC(AS_TEXT)), "layout source parses: %s", err);
#define SZ(T) CHECK(type_of(#T) && type_of(#T)->size == sizeof(T), "sizeof(" #T ")")
#define AL(T) CHECK(type_of(#T) && type_of(#T)->align == _Alignof(T), "alignof(" #T ")")
#define OF(T, f) CHECK(off(#T, #f) == offsetof(T, f), "offsetof(" #T ", " #f ") = %zu", off(#T, #f))
  SZ(struct u1);
  AL(struct u1);
  OF(struct u1, i);
  OF(struct u1, s);
  SZ(struct u2);
  AL(struct u2);
  OF(struct u2, d);
  OF(struct u2, e);
  SZ(struct u3);
  OF(struct u3, in);
  OF(struct u3, ll);
  SZ(union u4);
  AL(union u4);
  SZ(struct u5);
  OF(struct u5, c);
  SZ(struct u6);
  OF(struct u6, x);
  OF(struct u6, y);
  OF(struct u6, z);
  SZ(struct u7);
  AL(struct u7);
  OF(struct u7, i);
  OF(struct u7, s);
  SZ(struct u8);
  AL(struct u8);
  OF(struct u8, i);
  SZ(struct u9);
  OF(struct u9, data);
  CType *t = type_of("struct u5");
  const CField *f = t ? ctype_field(t, "b", NULL) : NULL;
  CHECK(f && f->is_bitfield && f->bit_size == 30, "u5.b is a 30-bit field");
  /* b does not fit after a's 3 bits in the first int: it starts the next unit */
  CHECK(f && f->offset * 8 + f->bit_pos == 32, "u5.b starts at bit 32, got %zu",
        f ? f->offset * 8 + f->bit_pos : 0);
  CHECK(t && (t->flags & CTF_BITFIELDS), "u5 is marked as having bit-fields");
  CHECK(type_of("struct u7") && (type_of("struct u7")->flags & CTF_PACKED), "u7 is marked packed");
  CHECK(type_of("struct u9") && (type_of("struct u9")->flags & CTF_FLEX), "u9 has a flexible array");
}

static void test_declarators(void) {
  CHECK(parse("typedef int (*cmp_t)(const void *, const void *);\n"
              "int *(*table[4])(int);\n"
              "void qsort(void *base, size_t n, size_t size, cmp_t cmp);"),
        "function pointer declarators: %s", err);
  CType *t = type_of("cmp_t");
  CHECK(t && t->kind == CT_PTR && t->base->kind == CT_FUNC && t->base->n == 2,
        "cmp_t is a pointer to a 2-ary function");
  CHECK(t && t->base->base->kind == CT_INT && t->base->base->size == 4, "cmp_t returns int");
  CTName *n = ctype_lookup(cts, NS_ORD, "table", 5);
  CHECK(n && n->kind == CN_VAR && n->type->kind == CT_ARRAY && n->type->n == 4, "table is an array of 4");
  CHECK(n && n->type->base->kind == CT_PTR && n->type->base->base->kind == CT_FUNC, "of function pointers");
  CHECK(n && n->type->base->base->base->kind == CT_PTR, "returning int *");
  CType *a = type_of("int[2][3]");
  CHECK(a && a->size == 24 && a->n == 2 && a->base->n == 3, "int[2][3] is 2 arrays of 3");
  CType *s = type_of("const char *");
  CHECK(s && (s->flags & CTF_STR), "const char * is a string type");
  CType *p = type_of("char *");
  CHECK(p && !(p->flags & CTF_STR) && p->kind == CT_PTR, "char * is a plain pointer");
  CHECK(parse("int printf(const char *fmt, ...);"), "varargs: %s", err);
  n = ctype_lookup(cts, NS_ORD, "printf", 6);
  CHECK(n && n->kind == CN_FUNC && (n->type->flags & CTF_VARARG) && n->type->n == 1,
        "printf is variadic with 1 fixed param");
  CHECK(parse("int getpid(void) __asm__(\"getpid\");"), "asm labels: %s", err);
}

static void test_enums(void) {
  CHECK(
      parse("enum E { A, B = 1 << 3, C, D = A | B, E2 = -1, F = sizeof(int) * 2, G = (unsigned char)300 };"),
      "enum parses: %s", err);
  static const struct {
    const char *n;
    int64_t v;
  } want[] = {{"A", 0}, {"B", 8}, {"C", 9}, {"D", 8}, {"E2", -1}, {"F", 8}, {"G", 44}};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    CTName *n = ctype_lookup(cts, NS_ORD, want[i].n, strlen(want[i].n));
    CHECK(n && n->kind == CN_CONST && n->value == want[i].v, "%s = %lld", want[i].n, (long long)want[i].v);
  }
  CType *e = type_of("enum E");
  CHECK(e && e->kind == CT_ENUM && e->size == 4, "enum E is int-sized");
}

static bool error_has(const char *src, const char *frag) {
  bool ok = parse(src);
  return !ok && strstr(err, frag) != NULL;
}

static void test_errors(void) {
  CHECK(error_has("struct A {\n int x\n int y; };", "cdef:3:2: expected ';' near 'int'"), "missing ';': %s",
        err);
  CHECK(error_has("struct A { int x; int x; };", "duplicate member name 'x'"), "duplicate: %s", err);
  CHECK(error_has("long double x;", "long double is not supported"), "long double: %s", err);
  CHECK(error_has("struct B { int a : 40; };", "width of bit-field"), "bitfield width: %s", err);
  CHECK(error_has("struct C { int a[]; int b; };", "flexible array member"), "flex not last: %s", err);
  CHECK(error_has("enum { Z = 1 / 0 };", "division by zero"), "division by zero: %s", err);
  CHECK(error_has("mystery_t x;", "cdef:1:1"), "unknown type name: %s", err);
}

static void test_rollback(void) {
  CHECK(!parse("struct Good { int a; };\nstruct Bad { int x };"), "a text with an error fails");
  CHECK(ctype_lookup(cts, NS_TAG, "Good", 4) == NULL, "and registers nothing from that text");
  CHECK(parse("struct Good { int a; };"), "the name stays free: %s", err);
  CHECK(parse("struct Good { int a; };"), "an identical redeclaration is accepted: %s", err);
  CHECK(error_has("struct Good { long long a; };", "conflicting redefinition of 'struct Good'"),
        "a conflicting one is not: %s", err);
  CHECK(parse("struct Fwd; struct User { struct Fwd *p; };"), "forward declarations: %s", err);
  CType *fwd = type_of("struct Fwd");
  CHECK(fwd && (fwd->flags & CTF_INCOMPLETE), "struct Fwd is incomplete");
  CHECK(!parse("struct Fwd { int z; }; int broken("), "completing it in a failing text");
  CHECK(fwd && (fwd->flags & CTF_INCOMPLETE), "leaves it incomplete after rollback");
  CHECK(parse("struct Fwd { int z; };"), "completing it for real: %s", err);
  CHECK(fwd && !(fwd->flags & CTF_INCOMPLETE) && fwd->size == 4, "completes the same type node");
}

/* The vocabulary tables (ffi_vocab.h): keywords in the order the lexer's
   search needs, every spelling found, predefined names as this compiler's. */
static void test_vocabulary(void) {
  static const struct {
    const char *s;
    int kw;
  } kws[] = {
#define KW_ROW(s, tok, cls) {s, KW_##tok},
      FFI_KEYWORDS(KW_ROW)
#undef KW_ROW
  };
  size_t nkw = sizeof kws / sizeof kws[0];
  for (size_t i = 0; i < nkw; i++) {
    CHECK(i == 0 || strcmp(kws[i - 1].s, kws[i].s) < 0, "FFI_KEYWORDS in ASCII order at '%s'", kws[i].s);
    CHECK(cp_keyword(kws[i].s, strlen(kws[i].s), NULL) == kws[i].kw, "keyword '%s' found", kws[i].s);
  }
  static const char *const words[] = {"", "_", "consts", "cons", "Const", "zzz", "__const_", "int8_t"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    CHECK(cp_keyword(words[i], strlen(words[i]), NULL) == KW_NONE, "'%s' is no keyword", words[i]);
  CHECK(cp_keyword("constant", 5, NULL) == KW_CONST, "the lexer's length is the word's");
  static const char *const seeds[] = {
#define SEED_ROW(id, kind, size, flags, base, name, seed) seed,
      FFI_BUILTIN_TYPES(SEED_ROW)
#undef SEED_ROW
  };
  for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++)
    CHECK(!seeds[i] || strlen(seeds[i]) <= 4, "seed name '%s' is at most 4 characters", seeds[i]);
#define TD_SIZE(T) CHECK(type_of(#T) && type_of(#T)->size == sizeof(T), "sizeof(" #T ")")
  TD_SIZE(int8_t);
  TD_SIZE(uint64_t);
  TD_SIZE(size_t);
  TD_SIZE(ssize_t);
  TD_SIZE(intptr_t);
  TD_SIZE(uintptr_t);
  TD_SIZE(ptrdiff_t);
  TD_SIZE(wchar_t);
  TD_SIZE(intmax_t);
  TD_SIZE(off_t);
  TD_SIZE(time_t);
  TD_SIZE(long);
  TD_SIZE(unsigned long);
#undef TD_SIZE
  CHECK(type_of("size_t") && (type_of("size_t")->flags & CTF_UNSIGNED), "size_t is unsigned");
  CHECK(type_of("ptrdiff_t") && !(type_of("ptrdiff_t")->flags & CTF_UNSIGNED), "ptrdiff_t is signed");
  CHECK(type_of("wchar_t") && ((type_of("wchar_t")->flags & CTF_UNSIGNED) == 0) == (WCHAR_MIN < 0),
        "wchar_t's signedness");
  CHECK(type_of("char") && ((type_of("char")->flags & CTF_UNSIGNED) == 0) == (CHAR_MIN < 0),
        "char's signedness");
}

int main(void) {
  cts = ctstate_new();
  if (!cts) return 1;
  test_layout();
  test_declarators();
  test_enums();
  test_errors();
  test_rollback();
  test_vocabulary();
  ctstate_free(cts);
  printf("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
