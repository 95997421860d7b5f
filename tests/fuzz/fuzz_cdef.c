/*
** fuzz_cdef.c -- libFuzzer target over the declaration parser and the use of
** every type it accepts.
**
** Each input is a cdef text. A fresh Lua state with the runtime runs driver.lua
** on it: ffi.cdef (whole, then declaration by declaration), then for every type
** the text declared: sizeof, alignof, offsetof, new, member stores and loads
** with hostile values, indexing in and out of bounds, read/write/copy/fill.
** Declared functions are never called. Every misuse must end in a Lua error
** (the driver runs under pcall); a crash or a sanitizer report is a finding.
**
** Built two ways (tests/fuzz/CMakeLists.txt):
**   fuzz_cdef        clang -fsanitize=fuzzer,address,undefined (FFI_FUZZ=ON)
**   fuzz_cdef_replay the same code with a main() that runs files or
**                    directories once each: the corpus and the regression
**                    inputs as a test in every build.
**
** Helpers the driver gets (table fz), reading the runtime's type model:
**   fz.names(mark)   type strings of the names registered after index mark,
**                    and the current count (call with no mark for the count)
**   fz.info(v)       for a memory object or type object: cdata kind, type kind,
**                    size, array length, VLA flag, and the member names of a
**                    record (anonymous members flattened, as indexing sees them)
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "ffi_int.h"
#include "pluto_ffi.h"

#ifndef FUZZ_DRIVER_PATH
#define FUZZ_DRIVER_PATH "driver.lua"
#endif

#define FUZZ_MAX_INPUT (64 * 1024)

static char *driver_src;
static size_t driver_len;

/* -- Helpers for the driver -- */

static FFIState *fuzz_state(lua_State *L) { return lua_touserdata(L, lua_upvalueindex(1)); }

static const char *kind_name(int k) {
  static const char *const names[] = {"void", "bool",  "int",    "float", "enum",
                                      "ptr",  "array", "struct", "union", "func"};
  return k >= 0 && k <= CT_FUNC ? names[k] : "?";
}

static int fz_names(lua_State *L) {
  FFIState *S = fuzz_state(L);
  size_t mark = (size_t)luaL_optinteger(L, 1, -1), i = 0, n = 0;
  CTName *nm;
  lua_newtable(L);
  size_t idx = 0;
  while ((i = ctype_next_name(S->cts, i, &nm)) != 0) {
    idx = i;
    if (i <= mark || nm->kind != CN_TYPE || !nm->type) continue;
    if (nm->ns == NS_TAG) {
      const char *kw = nm->type->kind == CT_UNION  ? "union "
                       : nm->type->kind == CT_ENUM ? "enum "
                                                   : "struct ";
      lua_pushfstring(L, "%s%s", kw, nm->name);
    } else {
      lua_pushstring(L, nm->name);
    }
    lua_rawseti(L, -2, (lua_Integer)++n);
  }
  lua_pushinteger(L, (lua_Integer)idx);
  return 2;
}

static void push_fields(lua_State *L, const CType *t, int tab, lua_Integer *n, int depth) {
  if (depth > 8) return;
  for (size_t i = 0; i < t->n; i++) {
    const CField *f = &t->u.fields[i];
    if (f->name) {
      lua_pushstring(L, f->name);
      lua_rawseti(L, tab, ++*n);
    } else if (f->type && ctype_isrecord(f->type)) {
      push_fields(L, f->type, tab, n, depth + 1);
    }
  }
}

static int fz_info(lua_State *L) {
  static const char *const cdk[] = {"buffer", "object", "pointer", "callback", "ctype"};
  FFIState *S = fuzz_state(L);
  CData *cd = cdata_test(L, S, 1);
  if (!cd) return 0;
  lua_newtable(L);
  lua_pushstring(L, cd->kind <= CDK_CTYPE ? cdk[cd->kind] : "?");
  lua_setfield(L, -2, "cdkind");
  lua_pushinteger(L, (lua_Integer)cd->size);
  lua_setfield(L, -2, "size");
  const CType *t = cd->type;
  if (!t) return 1;
  lua_pushstring(L, kind_name(t->kind));
  lua_setfield(L, -2, "kind");
  lua_pushinteger(L, (lua_Integer)t->size);
  lua_setfield(L, -2, "tsize");
  lua_pushboolean(L, (t->flags & CTF_INCOMPLETE) != 0);
  lua_setfield(L, -2, "incomplete");
  lua_pushboolean(L, (t->flags & (CTF_VLA | CTF_FLEX)) != 0);
  lua_setfield(L, -2, "var");
  if (t->kind == CT_ARRAY) {
    lua_pushinteger(L, (lua_Integer)t->n);
    lua_setfield(L, -2, "n");
  }
  if (t->kind == CT_PTR && t->base) {
    lua_pushstring(L, kind_name(t->base->kind));
    lua_setfield(L, -2, "pointee");
  }
  if (ctype_isrecord(t)) {
    lua_newtable(L);
    lua_Integer n = 0;
    push_fields(L, t, lua_gettop(L), &n, 0);
    lua_setfield(L, -2, "fields");
  }
  return 1;
}

/* -- One input -- */

static int run_driver(lua_State *L) {
  const char *src = lua_touserdata(L, 1);
  size_t len = (size_t)lua_tointeger(L, 2);
  luaL_openlibs(L);
  pluto_ffi_preload(L);
  lua_getglobal(L, "require");
  lua_pushliteral(L, "ffi");
  lua_call(L, 1, 1);
  int ffi = lua_gettop(L);
  lua_getfield(L, ffi, "new"); /* its upvalue 1 is the FFIState */
  if (!lua_getupvalue(L, -1, 1)) luaL_error(L, "ffi.new has no state upvalue");
  int st = lua_gettop(L);
  static const luaL_Reg helpers[] = {{"names", fz_names}, {"info", fz_info}, {NULL, NULL}};
  lua_newtable(L);
  lua_pushvalue(L, st);
  luaL_setfuncs(L, helpers, 1);
  int fz = lua_gettop(L);
  if (luaL_loadbuffer(L, driver_src, driver_len, "@driver.lua") != LUA_OK) lua_error(L);
  lua_pushvalue(L, ffi);
  lua_pushvalue(L, fz);
  lua_pushlstring(L, src, len);
  lua_call(L, 3, 0);
  return 0;
}

static void load_driver(void) {
  const char *path = getenv("FFI_FUZZ_DRIVER");
  if (!path) path = FUZZ_DRIVER_PATH;
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "fuzz_cdef: cannot open the driver %s (set FFI_FUZZ_DRIVER)\n", path);
    abort();
  }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  driver_src = malloc((size_t)n + 1);
  if (!driver_src || fread(driver_src, 1, (size_t)n, f) != (size_t)n) abort();
  driver_len = (size_t)n;
  fclose(f);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  load_driver();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT) return -1;
  lua_State *L = luaL_newstate();
  if (!L) return 0;
  lua_pushcfunction(L, run_driver);
  lua_pushlightuserdata(L, (void *)data);
  lua_pushinteger(L, (lua_Integer)size);
  if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
    /* The driver catches every runtime error itself: an error here is the
       driver's own bug or an error that escaped a pcall. */
    const char *msg = lua_tostring(L, -1);
    if (!msg || !strstr(msg, "not enough memory")) {
      fprintf(stderr, "fuzz_cdef: driver error: %s\n", msg ? msg : "(not a string)");
      abort();
    }
  }
  lua_close(L);
  return 0;
}

#ifndef FUZZ_REPLAY_MAIN
/* -- Token-level mutator --
**
** Byte flips rarely turn one declaration into another valid one, so half of
** the mutations work on C tokens instead: replace a token with a word from
** the declaration language, insert a rich fragment (bit-fields, packing,
** flexible arrays, anonymous members, enums, function pointers), delete,
** duplicate or swap token runs, or set a number to an edge value. The other
** half are libFuzzer's own byte mutations. FFI_FUZZ_BYTES_ONLY=1 turns the
** token mutations off (to compare the two).
*/
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

static const char *const tok_words[] = {"struct",
                                        "union",
                                        "enum",
                                        "typedef",
                                        "const",
                                        "volatile",
                                        "static",
                                        "extern",
                                        "unsigned",
                                        "signed",
                                        "char",
                                        "short",
                                        "int",
                                        "long",
                                        "long long",
                                        "float",
                                        "double",
                                        "void",
                                        "_Bool",
                                        "bool",
                                        "size_t",
                                        "int64_t",
                                        "uint8_t",
                                        "wchar_t",
                                        "va_list",
                                        "__builtin_va_list",
                                        "_Alignas(8)",
                                        "_Alignas(32)",
                                        "__attribute__((packed))",
                                        "__attribute__((aligned(16)))",
                                        "__attribute__((aligned(1)))",
                                        "__attribute__((mode(DI)))",
                                        "__attribute__((mode(QI)))",
                                        "__restrict",
                                        "__extension__",
                                        "sizeof",
                                        "_Alignof",
                                        "(",
                                        ")",
                                        "[",
                                        "]",
                                        "{",
                                        "}",
                                        ";",
                                        ",",
                                        "*",
                                        ":",
                                        "=",
                                        "...",
                                        "[]",
                                        "[?]",
                                        "[0]",
                                        "T",
                                        "U",
                                        "x",
                                        "y",
                                        "a",
                                        "b",
                                        "f",
                                        "_Float32",
                                        "_Float64",
                                        "long double",
                                        "__int128",
                                        "_Complex"};

static const char *const tok_frags[] = {" int b1 : 1; ",
                                        " unsigned : 0; ",
                                        " long long wide : 63; ",
                                        " unsigned char uc : 7; ",
                                        " char c; ",
                                        " short s : 9; ",
                                        " _Bool flag : 1; ",
                                        " int : 31; ",
                                        " unsigned int u24 : 24; ",
                                        " int flex[]; ",
                                        " char tail[0]; ",
                                        " struct { int ia; char ib; }; ",
                                        " union { double ud; char uc[3]; }; ",
                                        " struct T *next; ",
                                        " enum { EA = -1, EB = 0x7fffffff, EC } e; ",
                                        " int (*fp)(int, ...); ",
                                        " void (*handlers[4])(struct T *); ",
                                        " double d __attribute__((aligned(32))); ",
                                        " va_list ap; ",
                                        "\n#pragma pack(push, 1)\n",
                                        "\n#pragma pack(push, 2)\n",
                                        "\n#pragma pack(4)\n",
                                        "\n#pragma pack(8)\n",
                                        "\n#pragma pack(pop)\n",
                                        "\n#pragma pack()\n",
                                        "\n#define M(x) \\\n (x)\n",
                                        " typedef struct T T; ",
                                        " typedef union U { int i; float f; } U; ",
                                        " struct T { int a; }; ",
                                        " static const int K = 1 << 30; ",
                                        " enum E { E0, E1 = 5 }; ",
                                        " int g(int n, int a[n]); ",
                                        " typedef int A4[4]; ",
                                        " typedef struct T __attribute__((aligned(32))) T32; ",
                                        " struct T { int m[4]; struct T in; }; ",
                                        " extern char msg[]; ",
                                        " int arr[sizeof(int) * 3]; ",
                                        " __attribute__((packed)) ",
                                        " _Static_assert(1, \"x\"); "};

static const char *const tok_numbers[] = {"0",
                                          "1",
                                          "2",
                                          "3",
                                          "7",
                                          "8",
                                          "15",
                                          "16",
                                          "17",
                                          "31",
                                          "32",
                                          "33",
                                          "63",
                                          "64",
                                          "65",
                                          "127",
                                          "128",
                                          "255",
                                          "256",
                                          "4096",
                                          "0x7fffffff",
                                          "0x80000000",
                                          "4294967295",
                                          "0xffffffffffffffff",
                                          "9223372036854775807",
                                          "-1",
                                          "-2147483648",
                                          "1e3",
                                          "'a'",
                                          "040"};

static uint64_t mut_next(uint64_t *r) {
  *r ^= *r << 13;
  *r ^= *r >> 7;
  *r ^= *r << 17;
  return *r;
}

#define MUT_MAX_TOKS 4096

/* Token boundaries: start offsets; tokens are identifiers/numbers, punctuators
   and string/char literals; whitespace belongs to no token. */
static size_t tokenize(const uint8_t *d, size_t n, size_t *start, size_t *len) {
  size_t nt = 0, i = 0;
  while (i < n && nt < MUT_MAX_TOKS) {
    uint8_t c = d[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      i++;
      continue;
    }
    size_t j = i + 1;
    if (c == '_' || ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9')) {
      while (j < n &&
             (d[j] == '_' || ((d[j] | 32) >= 'a' && (d[j] | 32) <= 'z') || (d[j] >= '0' && d[j] <= '9')))
        j++;
    } else if (c == '"' || c == '\'') {
      while (j < n && d[j] != c && d[j] != '\n') j++;
      if (j < n) j++;
    }
    start[nt] = i;
    len[nt++] = j - i;
    i = j;
  }
  return nt;
}

/* Replaces d[a..b) with the bytes of s (of length sl), within max. */
static size_t splice_bytes(uint8_t *d, size_t n, size_t max, size_t a, size_t b, const char *s, size_t sl) {
  if (n - (b - a) + sl > max) return n;
  memmove(d + a + sl, d + b, n - b);
  memcpy(d + a, s, sl);
  return n - (b - a) + sl;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed) {
  static int bytes_only = -1;
  if (bytes_only < 0) bytes_only = getenv("FFI_FUZZ_BYTES_ONLY") != NULL;
  uint64_t r = (uint64_t)seed * 0x9E3779B97F4A7C15ull + 1;
  if (bytes_only || mut_next(&r) % 2 == 0 || size == 0) return LLVMFuzzerMutate(data, size, max_size);
  static size_t st[MUT_MAX_TOKS], ln[MUT_MAX_TOKS];
  size_t nt = tokenize(data, size, st, ln);
  if (nt == 0) return LLVMFuzzerMutate(data, size, max_size);
  size_t k = (size_t)(mut_next(&r) % nt);
  char tmp[512];
  switch (mut_next(&r) % 7) {
  case 0: { /* replace a token with a word */
    const char *w = tok_words[mut_next(&r) % (sizeof tok_words / sizeof *tok_words)];
    return splice_bytes(data, size, max_size, st[k], st[k] + ln[k], w, strlen(w));
  }
  case 1: { /* insert a fragment before a token */
    const char *f = tok_frags[mut_next(&r) % (sizeof tok_frags / sizeof *tok_frags)];
    return splice_bytes(data, size, max_size, st[k], st[k], f, strlen(f));
  }
  case 2: { /* delete 1..4 tokens */
    size_t e = k + 1 + (size_t)(mut_next(&r) % 4);
    if (e > nt) e = nt;
    size_t b = e < nt ? st[e] : size;
    return splice_bytes(data, size, max_size, st[k], b, "", 0);
  }
  case 3: { /* duplicate a run of up to 12 tokens (a member, a declaration) elsewhere */
    size_t e = k + 1 + (size_t)(mut_next(&r) % 12);
    if (e > nt) e = nt;
    size_t a = st[k], b = e < nt ? st[e] : size;
    if (b - a >= sizeof tmp) return size;
    memcpy(tmp, data + a, b - a);
    size_t at = st[mut_next(&r) % nt];
    return splice_bytes(data, size, max_size, at, at, tmp, b - a);
  }
  case 4: { /* swap two tokens */
    size_t m = (size_t)(mut_next(&r) % nt);
    if (m == k) return size;
    if (m < k) {
      size_t t = m;
      m = k;
      k = t;
    }
    char a[256], b[256];
    size_t la = ln[k] < sizeof a ? ln[k] : 0, lb = ln[m] < sizeof b ? ln[m] : 0;
    if (!la || !lb) return size;
    memcpy(a, data + st[k], la);
    memcpy(b, data + st[m], lb);
    size_t n2 = splice_bytes(data, size, max_size, st[m], st[m] + lb, a, la); /* the later one first */
    if (n2 == size && la != lb) return size;
    return splice_bytes(data, n2, max_size, st[k], st[k] + la, b, lb);
  }
  case 5: { /* a number token becomes an edge value; else a number is inserted */
    const char *num = tok_numbers[mut_next(&r) % (sizeof tok_numbers / sizeof *tok_numbers)];
    for (size_t i = 0; i < nt; i++) {
      size_t j = (k + i) % nt;
      if (data[st[j]] >= '0' && data[st[j]] <= '9')
        return splice_bytes(data, size, max_size, st[j], st[j] + ln[j], num, strlen(num));
    }
    return splice_bytes(data, size, max_size, st[k], st[k], num, strlen(num));
  }
  default: { /* wrap a run of tokens in a nested record member */
    size_t e = k + 1 + (size_t)(mut_next(&r) % 8);
    if (e > nt) e = nt;
    size_t b = e < nt ? st[e] : size;
    const char *open = mut_next(&r) % 2 ? " struct { " : " union { ";
    size_t n2 = splice_bytes(data, size, max_size, b, b, " } w; ", 6);
    if (n2 == size) return size;
    return splice_bytes(data, n2, max_size, st[k], st[k], open, strlen(open));
  }
  }
}
#endif

#ifdef FUZZ_REPLAY_MAIN
/* -- Replay: run each file (or each file of each directory) once -- */
#include <dirent.h>
#include <sys/stat.h>

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "fuzz_cdef_replay: cannot open %s\n", path);
    return 1;
  }
  static uint8_t buf[FUZZ_MAX_INPUT + 1];
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  printf("replay: %s\n", path); /* names the input if it crashes */
  fflush(stdout);
  LLVMFuzzerTestOneInput(buf, n);
  return 0;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int run_dir(const char *dir, int *count) {
  DIR *d = opendir(dir);
  if (!d) return 1;
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      char **nn = realloc(names, cap * sizeof *names);
      if (!nn) abort();
      names = nn;
    }
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp_names);
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    bad |= run_file(path);
    ++*count;
    free(names[i]);
  }
  free(names);
  return bad;
}

int main(int argc, char **argv) {
  int bad = 0, count = 0;
  LLVMFuzzerInitialize(&argc, &argv);
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      bad |= run_dir(argv[i], &count);
    } else {
      bad |= run_file(argv[i]);
      count++;
    }
  }
  printf("fuzz_cdef_replay: %d inputs ran without a crash\n", count);
  return bad;
}
#endif
