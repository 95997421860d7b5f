/*
** imp_model.c -- arena, strings, maps, and declaration-model helpers.
*/
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ffi_arch.h"
#include "imp.h"

/* -- Arena -- */

typedef struct ImpBlock {
  struct ImpBlock *next;
  size_t used, cap;
  max_align_t data[];
} ImpBlock;

struct ImpArena {
  ImpBlock *head;
};

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) {
    fputs("ffi-import: out of memory\n", stderr);
    abort();
  }
  return p;
}

ImpArena *imp_arena_new(void) {
  ImpArena *a = xmalloc(sizeof *a);
  a->head = NULL;
  return a;
}

void imp_arena_free(ImpArena *a) {
  if (!a) return;
  for (ImpBlock *b = a->head, *n; b; b = n) {
    n = b->next;
    free(b);
  }
  free(a);
}

void *imp_alloc(ImpArena *a, size_t n) {
  n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
  ImpBlock *b = a->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > 65536 ? n : 65536;
    b = xmalloc(sizeof(ImpBlock) + cap);
    b->used = 0;
    b->cap = cap;
    b->next = a->head;
    a->head = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

char *imp_strndup(ImpArena *a, const char *s, size_t n) {
  char *p = imp_alloc(a, n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

char *imp_strdup(ImpArena *a, const char *s) { return s ? imp_strndup(a, s, strlen(s)) : NULL; }

/* Formats once into a stack buffer; only a longer result is formatted twice. */
char *imp_sprintf(ImpArena *a, const char *fmt, ...) {
  char tmp[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if ((size_t)n < sizeof tmp) return imp_strndup(a, tmp, (size_t)n);
  char *p = imp_alloc(a, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

/* -- Buffers -- */

static void buf_grow(ImpBuf *b, size_t extra) {
  if (b->n + extra + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->n + extra + 1) cap *= 2;
  char *s = realloc(b->s, cap);
  if (!s) {
    fputs("ffi-import: out of memory\n", stderr);
    abort();
  }
  b->s = s;
  b->cap = cap;
}

void imp_buf_putn(ImpBuf *b, const char *s, size_t n) {
  buf_grow(b, n);
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = 0;
}

void imp_buf_puts(ImpBuf *b, const char *s) { imp_buf_putn(b, s, strlen(s)); }

void imp_buf_putc(ImpBuf *b, char c) { imp_buf_putn(b, &c, 1); }

/* Formats straight into the free space; only when it does not fit does the
   buffer grow and the text get formatted again. */
void imp_buf_printf(ImpBuf *b, const char *fmt, ...) {
  va_list ap;
  buf_grow(b, 64);
  va_start(ap, fmt);
  int n = vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
  va_end(ap);
  if (b->n + (size_t)n < b->cap) {
    b->n += (size_t)n;
    return;
  }
  buf_grow(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->n += (size_t)n;
}

void imp_buf_free(ImpBuf *b) {
  free(b->s);
  b->s = NULL;
  b->n = b->cap = 0;
}

void imp_buf_reset(ImpBuf *b) {
  b->n = 0;
  if (b->s) b->s[0] = 0;
}

/* -- Maps (open addressing; keys hashed eight bytes at a time) -- */

static size_t hash_str(const char *s) {
  size_t n = strlen(s);
  uint64_t h = 0x9e3779b97f4a7c15u ^ n;
  for (; n >= 8; n -= 8, s += 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdu;
    h ^= h >> 32;
  }
  uint64_t w = 0;
  memcpy(&w, s, n);
  h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
  h ^= h >> 29;
  return (size_t)h;
}

void *imp_map_get(const ImpMap *m, const char *key) {
  if (!m->cap) return NULL;
  size_t h = hash_str(key);
  for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    if (!m->keys[i]) return NULL;
    if (m->hashes[i] == h && strcmp(m->keys[i], key) == 0) return m->vals[i];
  }
}

/* Puts key (hash h) into a free slot: the key is known to be absent. */
static void map_insert(ImpMap *m, const char *key, size_t h, void *val) {
  size_t i = h & (m->cap - 1);
  while (m->keys[i]) i = (i + 1) & (m->cap - 1);
  m->keys[i] = key;
  m->vals[i] = val;
  m->hashes[i] = h;
  m->n++;
}

void imp_map_set(ImpMap *m, const char *key, void *val) {
  size_t h = hash_str(key);
  if (m->cap)
    for (size_t i = h & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
      if (m->hashes[i] == h && strcmp(m->keys[i], key) == 0) {
        m->vals[i] = val;
        return;
      }
  if ((m->n + 1) * 2 > m->cap) {
    ImpMap old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->keys = calloc(m->cap, sizeof *m->keys);
    m->vals = calloc(m->cap, sizeof *m->vals);
    m->hashes = calloc(m->cap, sizeof *m->hashes);
    if (!m->keys || !m->vals || !m->hashes) {
      fputs("ffi-import: out of memory\n", stderr);
      abort();
    }
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++)
      if (old.keys[i]) map_insert(m, old.keys[i], old.hashes[i], old.vals[i]);
    free(old.keys);
    free(old.vals);
    free(old.hashes);
  }
  map_insert(m, key, h, val);
}

void imp_map_free(ImpMap *m) {
  free(m->keys);
  free(m->vals);
  free(m->hashes);
  memset(m, 0, sizeof *m);
}

/* -- Model -- */

ImpDecl *imp_decl_new(ImpModel *m, ImpDeclKind kind, const char *name) {
  ImpDecl *d = imp_alloc(m->arena, sizeof *d);
  d->kind = (uint8_t)kind;
  d->name = name;
  d->seq = (unsigned)m->ndecls;
  if (m->ndecls == m->cap) {
    m->cap = m->cap ? m->cap * 2 : 256;
    m->decls = realloc(m->decls, m->cap * sizeof *m->decls);
    if (!m->decls) abort();
  }
  m->decls[m->ndecls++] = d;
  return d;
}

ImpType *imp_type_new(ImpModel *m, ImpTypeKind kind) {
  ImpType *t = imp_alloc(m->arena, sizeof *t);
  t->kind = (uint8_t)kind;
  t->size = t->align = -1;
  return t;
}

void imp_model_free(ImpModel *m) {
  if (!m) return;
  imp_map_free(&m->by_usr);
  imp_map_free(&m->by_name);
  imp_map_free(&m->by_macro);
  free(m->decls);
  free(m->out);
  imp_arena_free(m->arena);
  free(m);
}

/* A path as the output shows it: relative to the first include directory
   (named headers' directories, -I, then system directories) that holds it. */
const char *imp_display_path(ImpModel *m, const char *path) {
  if (!path || path[0] != '/') return path ? path : "";
  for (size_t i = 0; i < m->ninclude_dirs; i++) {
    const char *d = m->include_dirs[i];
    size_t n = strlen(d);
    while (n > 1 && d[n - 1] == '/') n--;
    if (strncmp(path, d, n) == 0 && path[n] == '/') return path + n + 1;
  }
  return path;
}

const ImpType *imp_type_resolve(const ImpType *t) {
  while (t && t->kind == IT_TYPEDEF && t->decl && t->decl->underlying) t = t->decl->underlying;
  return t;
}

const char *imp_type_unsupported(const ImpType *t) {
  for (;;) {
    if (!t) return "unknown type";
    switch (t->kind) {
    case IT_UNSUPPORTED: return t->reason;
    case IT_ARRAY: t = t->base; continue;
    case IT_TYPEDEF:
      if (t->decl->skip) return t->decl->skip;
      t = t->decl->underlying;
      continue;
    default: return NULL;
    }
  }
}

/* -- Statistics -- */

void imp_stats_skip(ImpStats *st, const char *reason) {
  st->skipped++;
  for (unsigned i = 0; i < st->nreasons; i++)
    if (strcmp(st->reasons[i].reason, reason) == 0) {
      st->reasons[i].count++;
      return;
    }
  if (st->nreasons < sizeof st->reasons / sizeof st->reasons[0]) {
    st->reasons[st->nreasons].reason = reason;
    st->reasons[st->nreasons++].count = 1;
  }
}

/* -- Lua and JSON text -- */

int imp_lua_level(const char *s) {
  for (int level = 0;; level++) {
    char close[64];
    close[0] = ']';
    memset(close + 1, '=', (size_t)level);
    close[level + 1] = ']';
    close[level + 2] = 0;
    if (!strstr(s, close)) return level;
  }
}

/* A quoted string literal, Lua's or JSON's: quote, backslash, newline and tab
   escaped alike; other control bytes (and DEL) as Lua's decimal escape or
   JSON's \u escape; bytes above 127 escaped for Lua, passed through (UTF-8)
   for JSON. */
static void put_string(ImpBuf *b, const char *s, size_t n, bool json) {
  imp_buf_putc(b, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\')
      imp_buf_printf(b, "\\%c", c);
    else if (c == '\n')
      imp_buf_puts(b, "\\n");
    else if (c == '\t')
      imp_buf_puts(b, "\\t");
    else if (c < 32 || c == 127 || (!json && c > 127))
      imp_buf_printf(b, json ? "\\u%04x" : "\\%03u", c);
    else
      imp_buf_putc(b, (char)c);
  }
  imp_buf_putc(b, '"');
}

void imp_lua_string(ImpBuf *b, const char *s, size_t n) { put_string(b, s, n, false); }
void imp_json_string(ImpBuf *b, const char *s, size_t n) { put_string(b, s, n, true); }

void imp_lua_number(ImpBuf *b, double v) {
  if (isnan(v)) {
    imp_buf_puts(b, "(0/0)");
  } else if (isinf(v)) {
    imp_buf_puts(b, v > 0 ? "math.huge" : "-math.huge");
  } else {
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.17g", v);
    /* the shortest spelling that reads back exactly */
    for (int prec = 1; prec <= 17; prec++) {
      snprintf(tmp, sizeof tmp, "%.*g", prec, v);
      if (strtod(tmp, NULL) == v) break;
    }
    imp_buf_puts(b, tmp);
    if (!strpbrk(tmp, ".eEn")) imp_buf_puts(b, ".0"); /* stays a float in Lua */
  }
}

/* The runtime's own names (runtime/ffi_arch.h), so that a module's guard matches ffi.arch. */
const char *imp_triple_arch(const char *triple) { return ffi_arch_of_triple(triple); }

const char *imp_triple_os(const char *triple) {
  if (strstr(triple, "linux")) return "Linux";
  if (strstr(triple, "darwin") || strstr(triple, "macos") || strstr(triple, "ios")) return "OSX";
  if (strstr(triple, "windows") || strstr(triple, "mingw") || strstr(triple, "win32")) return "Windows";
  if (strstr(triple, "bsd") || strstr(triple, "dragonfly")) return "BSD";
  return "Other";
}
